import Diagnostics
import Foundation
import Support

/// One change a quick rebuild makes to the build state.
///
/// A quick rebuild changes a few values of a state that holds every page, file and finding of
/// the sites (5 MB for 10,000 pages). Writing it whole took longer than rebuilding the page, so
/// a quick rebuild applies each change to the state in memory and appends the changes to the
/// state's journal; reading the state applies the journal's changes in the same order, through
/// the same `BuildState.apply`, so both give the same state. After `BuildOptions.journalLimit`
/// bytes (256 KB, some 150 one-page rebuilds of a 10,000-page site) the next quick rebuild writes
/// the state whole again, which starts a new journal.
enum StateChange: Sendable {
    /// A content file's new signature (its place in the site's listing).
    case contentSignature(site: Int, listed: Int, FileSignature)
    /// A rebuilt page: its text hash, cache key and new row in the search index (rows after
    /// its old row move by the difference in length).
    case page(site: Int, page: Int, textHash: UInt64, key: CacheKey, searchRow: Range<Int>)
    /// A rebuilt page's facts for the open data.
    case info(site: Int, index: Int, PageInfo)
    /// The new signature of a published file written again.
    case output(site: Int, index: Int, FileSignature)
    /// All the findings of one file (they replace its old ones).
    case findings(file: String, [Diagnostic])
    /// When the content was listed.
    case listedAt(Int64)
}

extension BuildState {
    /// Applies one change; false when it does not fit this state (so the journal is not this state's).
    mutating func apply(_ change: StateChange) -> Bool {
        switch change {
        case let .contentSignature(site, listed, signature):
            guard sites.indices.contains(site), sites[site].signatures.indices.contains(listed) else { return false }
            sites[site].signatures[listed] = signature
        case let .page(site, page, textHash, key, row):
            guard sites.indices.contains(site), sites[site].pages.indices.contains(page) else { return false }
            let old = sites[site].pages[page].searchRow
            let shift = row.count - old.count
            if shift != 0 {
                for other in sites[site].pages.indices where sites[site].pages[other].searchRow.lowerBound > old.lowerBound {
                    let moved = sites[site].pages[other].searchRow
                    sites[site].pages[other].searchRow = moved.lowerBound + shift..<moved.upperBound + shift
                }
            }
            sites[site].pages[page].textHash = textHash
            sites[site].pages[page].key = key
            sites[site].pages[page].searchRow = row
        case let .info(site, index, info):
            guard sites.indices.contains(site), sites[site].infos.indices.contains(index) else { return false }
            sites[site].infos[index] = info
        case let .output(site, index, signature):
            guard sites.indices.contains(site), sites[site].outputs.indices.contains(index) else { return false }
            sites[site].outputs[index].signature = signature
        case let .findings(file, findings):
            guard findings.allSatisfy({ $0.file == file }) else { return false }
            self.findings.replace(file: file, with: findings)
        case let .listedAt(time):
            listedAt = time
        }
        return true
    }
}

/// The journal of a build state: `journal-<the state's name>` beside it. A header (magic number,
/// format version, and the checksum of the state it belongs to), then records, each with its
/// length and checksum: a *pending* record, appended before a quick rebuild changes any published
/// file, and a record of changes, appended once it has. A journal that ends with a pending record,
/// or has a damaged record, or belongs to another state, means the state cannot be trusted: the
/// next build is a full one, as when a quick rebuild stopped midway without a journal.
struct BuildJournal {
    static let magic: [UInt8] = Array("PSJOURN\u{0}".utf8)

    let path: String

    init(stateFile: URL) {
        path =
            stateFile.deletingLastPathComponent()
            .appendingPathComponent("journal-" + stateFile.lastPathComponent.dropFirst("state-".count)).path
    }

    /// The journal's size in bytes (0 when there is none).
    var size: Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    func remove() { unlink(path) }

    /// The changes to apply to the state with this checksum, in order; nil when the journal
    /// cannot be trusted (see above). No journal is no changes.
    func changes(forStateWithChecksum checksum: UInt64) -> [StateChange]? {
        guard let bytes = FileIO.readAll(path) else {
            return access(path, F_OK) == 0 ? nil : []
        }
        var reader = ByteReader(bytes)
        guard reader.bytes(BuildJournal.magic.count) == BuildJournal.magic, reader.varint() == BuildState.formatVersion,
            reader.uint64() == checksum
        else { return nil }
        var changes: [StateChange] = []
        var pending = false
        while !reader.atEnd {
            guard let length = reader.int(), length >= 1, length <= bytes.count - reader.position - 8, let sum = reader.uint64() else { return nil }
            let start = reader.position
            guard bytes.withUnsafeBytes({ XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[start..<start + length]), seed: 0) }) == sum
            else { return nil }
            let kind = bytes[start]
            reader.position = start + length
            if kind == 0 { pending = true; continue }
            guard kind == 1, let decoded = BuildJournal.decode(Array(bytes[start + 1..<start + length])) else { return nil }
            pending = false
            changes += decoded
        }
        return pending ? nil : changes
    }

    /// Appends a pending record, first starting the journal when there is none. False on failure.
    func appendPending(stateChecksum: UInt64) -> Bool {
        append([0], stateChecksum: stateChecksum)
    }

    /// Appends the changes of a quick rebuild. False on failure.
    func append(_ changes: [StateChange], stateChecksum: UInt64) -> Bool {
        append([1] + BuildJournal.encode(changes), stateChecksum: stateChecksum)
    }

    private func append(_ payload: [UInt8], stateChecksum: UInt64) -> Bool {
        var out = ByteWriter()
        if access(path, F_OK) != 0 {
            out.bytes(BuildJournal.magic)
            out.varint(BuildState.formatVersion)
            out.uint64(stateChecksum)
        }
        out.int(payload.count)
        out.uint64(payload.withUnsafeBytes { XXH64.hash($0, seed: 0) })
        out.bytes(payload)
        // Appended in place, so never through a link or a hard link.
        guard let descriptor = try? SafeFiles.openOwnFile(path, flags: O_WRONLY | O_APPEND | O_CREAT) else { return false }
        defer { close(descriptor) }
        return FileIO.writeAll(descriptor, out.buffer)
    }

    // MARK: Encoding (as the state itself is written: `StateWriter` and `StateReader`, with a
    // string table of the record's own)

    static func encode(_ changes: [StateChange]) -> [UInt8] {
        var writer = StateWriter()
        writer.int(changes.count)
        for change in changes {
            switch change {
            case let .contentSignature(site, listed, signature):
                writer.int(0); writer.int(site); writer.int(listed); writer.signature(signature)
            case let .page(site, page, textHash, key, row):
                writer.int(1); writer.int(site); writer.int(page); writer.uint64(textHash); writer.bytes(key.bytes)
                writer.int(row.lowerBound); writer.int(row.count)
            case let .info(site, index, info):
                writer.int(2); writer.int(site); writer.int(index); writer.info(info)
            case let .output(site, index, signature):
                writer.int(3); writer.int(site); writer.int(index); writer.signature(signature)
            case let .findings(file, findings):
                writer.int(4); writer.string(file); writer.diagnostics(findings)
            case let .listedAt(time):
                writer.int(5); writer.int(Int(time))
            }
        }
        return writer.finish()
    }

    static func decode(_ bytes: [UInt8]) -> [StateChange]? {
        var reader = StateReader(bytes, start: 0)
        guard reader.readTable(), let count = reader.count() else { return nil }
        var changes: [StateChange] = []
        for _ in 0..<count {
            guard let kind = reader.int() else { return nil }
            switch kind {
            case 0:
                guard let site = reader.int(), let listed = reader.int(), let signature = reader.signature() else { return nil }
                changes.append(.contentSignature(site: site, listed: listed, signature))
            case 1:
                guard let site = reader.int(), let page = reader.int(), let textHash = reader.uint64(), let key = reader.bytes(16),
                    let lower = reader.int(), let length = reader.int(), lower >= 0, length >= 0
                else { return nil }
                changes.append(.page(site: site, page: page, textHash: textHash, key: CacheKey(bytes: key), searchRow: lower..<lower + length))
            case 2:
                guard let site = reader.int(), let index = reader.int(), let info = reader.info() else { return nil }
                changes.append(.info(site: site, index: index, info))
            case 3:
                guard let site = reader.int(), let index = reader.int(), let signature = reader.signature() else { return nil }
                changes.append(.output(site: site, index: index, signature))
            case 4:
                guard let file = reader.string(), let findings = reader.diagnostics() else { return nil }
                changes.append(.findings(file: file, findings))
            case 5:
                guard let time = reader.int() else { return nil }
                changes.append(.listedAt(Int64(time)))
            default:
                return nil
            }
        }
        return reader.atEnd ? changes : nil
    }
}
