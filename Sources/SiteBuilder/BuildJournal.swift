import Diagnostics
import Foundation
import Markdown

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
            // Findings not read yet: the change waits for them (see `BuildState.UnreadFindings`).
            if unreadFindings != nil {
                deferredFindings.append(change)
                return true
            }
            let start = BuildState.lowerBound(diagnostics.count) { diagnostics[$0].file < file }
            let end = BuildState.lowerBound(diagnostics.count) { diagnostics[$0].file <= file }
            diagnostics.replaceSubrange(start..<end, with: findings)
            changedFiles.insert(file)
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
        path = stateFile.deletingLastPathComponent()
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
              reader.uint64() == checksum else { return nil }
        var changes: [StateChange] = []
        var pending = false
        while !reader.atEnd {
            guard let length = reader.int(), length >= 1, length <= bytes.count - reader.position - 8, let sum = reader.uint64() else { return nil }
            let start = reader.position
            guard bytes.withUnsafeBytes({ XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[start..<start + length]), seed: 0) }) == sum
            else { return nil }
            var record = ByteReader(Array(bytes[start..<start + length]))
            reader.position = start + length
            guard let kind = record.bytes(1)?.first else { return nil }
            if kind == 0 { pending = true; continue }
            guard kind == 1, let decoded = BuildJournal.decode(&record), record.atEnd else { return nil }
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
        var record = ByteWriter()
        record.buffer.append(1)
        BuildJournal.encode(changes, into: &record)
        return append(record.buffer, stateChecksum: stateChecksum)
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
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return FileIO.writeAll(descriptor, out.buffer)
    }

    // MARK: Encoding (every string written in place: a record is small)

    static func encode(_ changes: [StateChange], into writer: inout ByteWriter) {
        writer.varint(changes.count)
        for change in changes {
            switch change {
            case let .contentSignature(site, listed, signature):
                writer.varint(0); writer.varint(site); writer.varint(listed); signatureBytes(signature, into: &writer)
            case let .page(site, page, textHash, key, row):
                writer.varint(1); writer.varint(site); writer.varint(page); writer.uint64(textHash); writer.bytes(key.bytes)
                writer.varint(row.lowerBound); writer.varint(row.count)
            case let .info(site, index, info):
                writer.varint(2); writer.varint(site); writer.varint(index)
                writer.vstring(info.title); writer.vstring(info.urlPath); writer.vstring(info.description); writer.vstring(info.layout)
                for date in [info.date, info.updated, info.reviewBy] { writer.vstring(date?.description ?? "") }
                writer.varint(info.services.count)
                for service in info.services { writer.vstring(service) }
                writer.bool(info.venue != nil); writer.vstring(info.venue ?? "")
                writer.bool(info.readingAge != nil); writer.uint64(info.readingAge?.bitPattern ?? 0)
                writer.vstring(info.sourcePath)
            case let .output(site, index, signature):
                writer.varint(3); writer.varint(site); writer.varint(index); signatureBytes(signature, into: &writer)
            case let .findings(file, findings):
                writer.varint(4); writer.vstring(file); writer.varint(findings.count)
                for finding in findings {
                    writer.vstring(finding.rule); writer.vstring(finding.severity.rawValue)
                    writer.varint(finding.line); writer.varint(finding.column); writer.varint(finding.endLine); writer.varint(finding.endColumn)
                    writer.vstring(finding.message); writer.bool(finding.suggestion != nil); writer.vstring(finding.suggestion ?? "")
                }
            case let .listedAt(time):
                writer.varint(5); writer.varint(Int(time))
            }
        }
    }

    private static func signatureBytes(_ value: FileSignature, into writer: inout ByteWriter) {
        for field in [value.device, value.inode, value.size, value.mode, value.modified, value.changed] { writer.varint(Int(field)) }
    }

    private static func signature(_ reader: inout ByteReader) -> FileSignature? {
        guard let device = reader.varint(), let inode = reader.varint(), let size = reader.varint(), let mode = reader.varint(),
              let modified = reader.varint(), let changed = reader.varint() else { return nil }
        return FileSignature(device: Int64(device), inode: Int64(inode), size: Int64(size), mode: Int64(mode),
                             modified: Int64(modified), changed: Int64(changed))
    }

    static func decode(_ reader: inout ByteReader) -> [StateChange]? {
        guard let count = reader.varint(), count >= 0, count <= reader.buffer.count else { return nil }
        var changes: [StateChange] = []
        for _ in 0..<count {
            guard let kind = reader.varint() else { return nil }
            switch kind {
            case 0:
                guard let site = reader.varint(), let listed = reader.varint(), let signature = signature(&reader) else { return nil }
                changes.append(.contentSignature(site: site, listed: listed, signature))
            case 1:
                guard let site = reader.varint(), let page = reader.varint(), let textHash = reader.uint64(), let key = reader.bytes(16),
                      let lower = reader.varint(), let length = reader.varint(), lower >= 0, length >= 0 else { return nil }
                changes.append(.page(site: site, page: page, textHash: textHash, key: CacheKey(bytes: key), searchRow: lower..<lower + length))
            case 2:
                guard let site = reader.varint(), let index = reader.varint(), let title = reader.vstring(), let urlPath = reader.vstring(),
                      let description = reader.vstring(), let layout = reader.vstring(), let date = reader.vstring(),
                      let updated = reader.vstring(), let reviewBy = reader.vstring(), let serviceCount = reader.varint(),
                      serviceCount >= 0, serviceCount <= reader.buffer.count else { return nil }
                var services: [String] = []
                for _ in 0..<serviceCount {
                    guard let service = reader.vstring() else { return nil }
                    services.append(service)
                }
                guard let hasVenue = reader.bool(), let venue = reader.vstring(), let hasAge = reader.bool(), let age = reader.uint64(),
                      let sourcePath = reader.vstring() else { return nil }
                func day(_ text: String) -> SimpleDate?? { text.isEmpty ? .some(nil) : SimpleDate(text).map { .some($0) } }
                guard let date = day(date), let updated = day(updated), let reviewBy = day(reviewBy) else { return nil }
                changes.append(.info(site: site, index: index, PageInfo(
                    title: title, urlPath: urlPath, description: description, layout: layout, date: date, updated: updated,
                    reviewBy: reviewBy, services: services, venue: hasVenue ? venue : nil,
                    readingAge: hasAge ? Double(bitPattern: age) : nil, sourcePath: sourcePath)))
            case 3:
                guard let site = reader.varint(), let index = reader.varint(), let signature = signature(&reader) else { return nil }
                changes.append(.output(site: site, index: index, signature))
            case 4:
                guard let file = reader.vstring(), let findingCount = reader.varint(), findingCount >= 0,
                      findingCount <= reader.buffer.count else { return nil }
                var findings: [Diagnostic] = []
                for _ in 0..<findingCount {
                    guard let rule = reader.vstring(), let severity = reader.vstring().flatMap(Severity.init(rawValue:)),
                          let line = reader.varint(), let column = reader.varint(), let endLine = reader.varint(),
                          let endColumn = reader.varint(), let message = reader.vstring(), let hasSuggestion = reader.bool(),
                          let suggestion = reader.vstring() else { return nil }
                    findings.append(Diagnostic(rule: rule, severity: severity, file: file, line: line, column: column, endLine: endLine,
                                               endColumn: endColumn, message: message, suggestion: hasSuggestion ? suggestion : nil))
                }
                changes.append(.findings(file: file, findings))
            case 5:
                guard let time = reader.varint() else { return nil }
                changes.append(.listedAt(Int64(time)))
            default:
                return nil
            }
        }
        return changes
    }
}
