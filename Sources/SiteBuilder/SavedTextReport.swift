import Diagnostics
import Foundation
import Support

/// The text report of a build state's findings, as a quick rebuild wrote it, kept beside the
/// state (`report-<the state's name>`), so that the next quick rebuild copies each unchanged
/// file's lines from it instead of writing them again.
///
/// A 10,000-page site can report 57,000 findings: 8 MB of text, whose lines took a sixth of a
/// one-page rebuild's instructions and a quarter of its page faults to write, although only
/// the rebuilt page's lines change. A file's lines depend only on its findings, which the
/// state keeps as bytes (see `FindingGroups`): while the state is the same (its checksum), so
/// are the lines of each group of findings still as the state holds them. A rebuilt page's
/// group is written afresh. The file is written by the first quick rebuild that has none for
/// its state, and used only when its checksums hold and it names the state's checksum.
///
/// The file: "PSREPORT", the header's length and checksum (8 bytes each, little-endian), the
/// header, then the text in blocks. The header (see `ByteWriter`): format version, the state's
/// checksum, the rule whose findings are counted in each group (or none), each block's length
/// and checksum, then for each group of the state, in order: where its bytes start in the
/// state, where its text starts (after the end of the last group's) and its length (from its
/// file's heading to its last line: no blank line before it), its errors, warnings and
/// suggestions, and how many findings of the rule counted it has.
struct SavedTextReport: Sendable {
    static let magic: [UInt8] = Array("PSREPORT".utf8)
    static let formatVersion = 1

    /// One file's findings: where they are in the state's bytes, where their lines are in the
    /// text, and what they count.
    struct Group: Sendable, Equatable {
        var state: Int
        var text: Range<Int>
        var counts: SeverityCounts
        /// How many of its findings are of the rule counted (`SavedTextReport.rule`).
        var ofRule: Int
    }

    /// The file, mapped (its pages come from the page cache as they are).
    let file: MappedFile
    /// Where the text starts in the file.
    let textStart: Int
    let groups: [Group]
    /// The rule whose findings each group counts (the rule a build lists after its report).
    let rule: String?

    /// The saved report beside a state file.
    static func path(forState stateFile: URL) -> String {
        let name = stateFile.lastPathComponent
        let suffix = name.hasPrefix("state-") ? String(name.dropFirst("state-".count)) : name
        return stateFile.deletingLastPathComponent().appendingPathComponent("report-" + suffix).path
    }

    /// The saved report at `path`, when it was written for the state with this checksum and
    /// every checksum holds; nil otherwise (it is then written again).
    init?(path: String, stateChecksum: UInt64) {
        guard let file = MappedFile(path) else { return nil }
        let bytes = file.bytes
        let fixed = SavedTextReport.magic.count + 16
        guard bytes.count >= fixed, bytes.prefix(SavedTextReport.magic.count).elementsEqual(SavedTextReport.magic) else { return nil }
        let headerLength = Int(truncatingIfNeeded: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        let headerChecksum = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        guard headerLength >= 0, headerLength <= bytes.count - fixed else { return nil }
        let header = UnsafeRawBufferPointer(rebasing: bytes[fixed..<fixed + headerLength])
        guard XXH64.hash(header, seed: 0) == headerChecksum else { return nil }
        var reader = ByteReader(Array(header))
        guard reader.int() == SavedTextReport.formatVersion, reader.uint64() == stateChecksum,
            let rule = reader.optionalString(), let blockCount = reader.varint(), blockCount >= 0, blockCount <= 64
        else { return nil }
        textStart = fixed + headerLength
        var blocks: [(range: Range<Int>, checksum: UInt64)] = []
        var at = textStart
        for _ in 0..<blockCount {
            guard let length = reader.varint(), length >= 0, length <= bytes.count - at, let checksum = reader.uint64() else { return nil }
            blocks.append((at..<at + length, checksum))
            at += length
        }
        guard at == bytes.count, let groupCount = reader.varint(), groupCount >= 0 else { return nil }
        let textLength = bytes.count - textStart
        var groups: [Group] = []
        groups.reserveCapacity(min(groupCount, textLength))
        var state = -1, text = 0
        for _ in 0..<groupCount {
            // Every number within what the file can hold (each finding is at least a line of
            // its text), so none can overflow what is added up from them.
            guard let stateStep = reader.varint(), stateStep > 0, state <= Int.max - stateStep, let textStep = reader.varint(),
                textStep >= 0, let length = reader.varint(), length > 0, let errors = reader.varint(), let warnings = reader.varint(),
                let suggestions = reader.varint(), let ofRule = reader.varint(), text <= textLength - textStep,
                length <= textLength - text - textStep, errors >= 0, errors <= length, warnings >= 0, warnings <= length - errors,
                suggestions >= 0, suggestions <= length - errors - warnings, ofRule >= 0, ofRule <= errors + warnings + suggestions
            else { return nil }
            state += stateStep
            text += textStep
            var counts = SeverityCounts()
            (counts.errors, counts.warnings, counts.suggestions) = (errors, warnings, suggestions)
            groups.append(Group(state: state, text: text..<text + length, counts: counts, ofRule: ofRule))
            text += length
        }
        guard reader.atEnd else { return nil }
        // The text's checksums, a block on each core.
        let checked = blocks
        let valid =
            checked.count == 2
            ? {
                let (a, b) = inParallel({ SavedTextReport.holds(file, checked[0]) }, { SavedTextReport.holds(file, checked[1]) }); return a && b
            }()
            : checked.allSatisfy { SavedTextReport.holds(file, $0) }
        guard valid else { return nil }
        self.file = file
        self.groups = groups
        self.rule = rule
    }

    private static func holds(_ file: MappedFile, _ block: (range: Range<Int>, checksum: UInt64)) -> Bool {
        XXH64.hash(UnsafeRawBufferPointer(rebasing: file.bytes[block.range]), seed: 0) == block.checksum
    }

    /// The text of bytes `range` of the text, as a piece to write.
    func piece(_ range: Range<Int>) -> FilePiece {
        .mapped(file, textStart + range.lowerBound..<textStart + range.upperBound)
    }

    /// The byte at `offset` of the text.
    func byte(at offset: Int) -> UInt8 {
        file.bytes[textStart + offset]
    }

    /// Writes the saved report of a state's findings, whole or not at all: its text in `blocks`
    /// (written one after the other), and its groups (`text` ranges of the blocks together,
    /// in order). False when it cannot be written.
    @discardableResult
    static func write(path: String, stateChecksum: UInt64, rule: String?, blocks: [[UInt8]], groups: [Group]) -> Bool {
        var header = ByteWriter()
        header.int(formatVersion)
        header.uint64(stateChecksum)
        header.optionalString(rule)
        header.varint(blocks.count)
        for block in blocks {
            header.varint(block.count)
            header.uint64(XXH64.hash(block, seed: 0))
        }
        header.varint(groups.count)
        var state = -1, text = 0
        for group in groups {
            guard group.state > state, group.text.lowerBound >= text else { return false }
            header.varint(group.state - state)
            header.varint(group.text.lowerBound - text)
            header.varint(group.text.count)
            header.varint(group.counts.errors)
            header.varint(group.counts.warnings)
            header.varint(group.counts.suggestions)
            header.varint(group.ofRule)
            state = group.state
            text = group.text.upperBound
        }
        guard text <= blocks.reduce(0, { $0 + $1.count }) else { return false }
        var start = ByteWriter()
        start.bytes(magic)
        start.int(header.buffer.count)
        start.uint64(XXH64.hash(header.buffer, seed: 0))
        let first = start.buffer + header.buffer
        return FileIO.replace(path) { descriptor in
            FileIO.writeAll(descriptor, first) && blocks.allSatisfy { FileIO.writeAll(descriptor, $0) }
        }
    }
}

/// A quick rebuild's saved text report: read and checked on another core while the rebuild
/// goes on, and saved anew after the report is written when there was none to use.
final class SavedReportSlot: Sendable {
    let path: String
    let stateChecksum: UInt64
    /// Whether a report may be saved for the state with `stateChecksum` (false when the
    /// rebuild wrote the state whole: its findings are then elsewhere in its bytes).
    let writable: Bool
    private let loading: Background<SavedTextReport?>

    init(path: String, stateChecksum: UInt64, loading: Background<SavedTextReport?>, writable: Bool) {
        self.path = path
        self.stateChecksum = stateChecksum
        self.loading = loading
        self.writable = writable
    }

    /// The saved report, when there is one for this state.
    var report: SavedTextReport? { loading.value }

    /// Saves what a report written without a saved one gives (see `FindingGroups.TextReport`).
    func save(_ unsaved: (blocks: [[UInt8]], groups: [SavedTextReport.Group]), rule: String?) {
        guard writable, !unsaved.groups.isEmpty else { return }
        SavedTextReport.write(path: path, stateChecksum: stateChecksum, rule: rule, blocks: unsaved.blocks, groups: unsaved.groups)
    }
}
