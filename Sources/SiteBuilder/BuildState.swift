import Content
import Diagnostics
import Foundation
import Markdown
import Support

/// What a build that published its sites leaves for the next build, so that a build in which
/// only the text of a few pages changed can rebuild just those pages (see `QuickRebuild`).
///
/// Kept in the cache folder as `state-<hash of the output folder and sites>`, written whole
/// to a temporary file and renamed into place, with a checksum. A quick rebuild appends its
/// changes to the state's journal (`BuildJournal`), after marking it pending before it changes
/// any published file, so a rebuild that stops midway leaves a state that is not trusted and
/// the next build is a full one.
struct BuildState: Sendable {
    static let magic: [UInt8] = Array("PSSTATE\u{0}".utf8)
    static let formatVersion = 3

    /// The sites built, in order, each with everything its pages depend on.
    var sites: [SiteState]
    /// When the content was listed (nanoseconds since 1970): a file modified within a second
    /// of this may have changed without its signature changing, so it is read again.
    var listedAt: Int64
    /// Every finding of the build, sorted, as reported, grouped by file.
    var findings: FindingGroups
    /// The findings that do not come from building one content page (content listing, theme,
    /// generated pages, links across pages, translations): kept apart so a page's own findings
    /// can be replaced.
    var siteDiagnostics: [Diagnostic]
    var pageCounts: [String: Int]
    /// The output folder the sites were published in (written in the header, so states left for
    /// folders that are gone, such as the preview server's, can be removed).
    var output = ""
    /// The checksum of the state as read (its journal names it, see `BuildJournal`).
    var checksum: UInt64 = 0

    /// Every content page, for reports: the same facts a full build gives (its page facts, in order).
    var pages: [PageSummary] {
        sites.flatMap { site in
            site.infos.map {
                PageSummary(
                    site: site.id, urlPath: $0.urlPath, sourcePath: $0.sourcePath, title: $0.title, layout: $0.layout,
                    readingAge: $0.readingAge)
            }
        }
    }

    struct SiteState: Sendable {
        var id: String
        var siteKey: CacheKey
        /// The publishable files and symbolic links of the content folder, as listed.
        var listing: [String]
        var links: [String]
        /// The signature of each file of `listing`, taken before it was read.
        var signatures: [FileSignature?]
        /// The content pages, in the order of `listing` (so sorted by path).
        var pages: [PageState]
        /// The pages' facts for the sitemap, feeds and open data, in the order the build had them.
        var infos: [PageInfo]
        /// Every file the build wrote into the site, sorted by path, with its signature once published.
        var outputs: [Output]

        /// The page at a path inside the content folder (pages are sorted by path).
        func pageIndex(_ relativePath: String) -> Int? {
            let index = BuildState.lowerBound(pages.count) { pages[$0].relativePath < relativePath }
            return index < pages.count && pages[index].relativePath == relativePath ? index : nil
        }

        func outputIndex(_ path: String) -> Int? {
            let index = BuildState.lowerBound(outputs.count) { outputs[$0].path < path }
            return index < outputs.count && outputs[index].path == path ? index : nil
        }
    }

    struct Output: Sendable {
        var path: String
        var signature: FileSignature
    }

    /// The first index in 0..<count for which `before` is false (`before` true for a prefix).
    static func lowerBound(_ count: Int, _ before: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if before(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    struct PageState: Sendable {
        /// Its place in the site's `listing`.
        var listed: Int
        var relativePath: String
        var textHash: UInt64
        /// The hash of the page's front matter (its text before the Markdown body).
        var frontMatterHash: UInt64
        var key: CacheKey
        /// Where the page's row is in search-index.json.
        var searchRow: Range<Int>
    }

    /// The hash of a page's text before its Markdown body (the front matter and its fences).
    /// When it is unchanged, so is everything the page gives other pages (its title, dates,
    /// order, services) and everything it takes from them.
    static func frontMatterHash(_ page: ContentPage) -> UInt64 {
        var text = page.text
        return text.withUTF8 { bytes in
            var end = 0, lines = 0
            while lines < page.source.bodyStartLine - 1, end < bytes.count {
                if bytes[end] == 0x0A { lines += 1 }
                end += 1
            }
            return XXH64.hash(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<end]), seed: 0)
        }
    }

    /// Removes the states left for output folders that no longer exist (the preview server and
    /// `plainsite report` build into temporary folders) and states of other format versions.
    static func removeStale(in cacheRoot: URL, keeping: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cacheRoot.path)) ?? []
        for name in names where name.hasPrefix("journal-") && !names.contains("state-" + name.dropFirst("journal-".count)) {
            unlink(cacheRoot.appendingPathComponent(name).path)
        }
        for name in names where name.hasPrefix("report-") && !names.contains("state-" + name.dropFirst("report-".count)) {
            unlink(cacheRoot.appendingPathComponent(name).path)
        }
        for name in names where name.hasPrefix("state-") && !name.hasSuffix(".plainsite-tmp") && name != keeping.lastPathComponent {
            let path = cacheRoot.appendingPathComponent(name).path
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            var head = [UInt8](repeating: 0, count: 4096)
            let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, 4096) }
            close(descriptor)
            var reader = ByteReader(Array(head.prefix(max(0, count))))
            if reader.bytes(magic.count) == magic, reader.int() == formatVersion, let output = reader.string(),
                FileManager.default.fileExists(atPath: output)
            {
                continue
            }
            BuildState.remove(URL(fileURLWithPath: path))
        }
    }

    static func file(in cacheRoot: URL, output: URL, sites: [String]) -> URL {
        var writer = ByteWriter()
        writer.string(output.standardizedFileURL.path)
        for site in sites { writer.string(site) }
        return cacheRoot.appendingPathComponent("state-" + writer.digest().hex.prefix(16))
    }

    // MARK: Encoding

    func encode() -> [UInt8] {
        // Encoded findings refer to the table they were read with, so it starts the new one.
        var body = StateWriter(table: findings.table)
        body.int(sites.count)
        for site in sites {
            body.string(site.id)
            body.bytes(site.siteKey.bytes)
            body.int(site.listing.count)
            for (path, signature) in zip(site.listing, site.signatures) {
                body.inline(path)
                body.optionalSignature(signature)
            }
            body.strings(site.links)
            body.int(site.pages.count)
            for page in site.pages {
                body.int(page.listed)
                body.uint64(page.textHash)
                body.uint64(page.frontMatterHash)
                body.bytes(page.key.bytes)
                body.int(page.searchRow.lowerBound)
                body.int(page.searchRow.count)
            }
            body.int(site.infos.count)
            for info in site.infos { body.info(info) }
            body.int(site.outputs.count)
            for output in site.outputs {
                body.inline(output.path)
                body.signature(output.signature)
            }
        }
        body.int(Int(listedAt))
        body.diagnostics(siteDiagnostics)
        body.int(pageCounts.count)
        for (site, count) in pageCounts.sorted(by: { $0.key < $1.key }) {
            body.string(site)
            body.int(count)
        }
        body.findingGroups(findings)
        let payload = body.finish()
        var file = ByteWriter()
        file.bytes(BuildState.magic)
        file.int(BuildState.formatVersion)
        file.string(output)
        file.int(payload.count)
        file.uint64(XXH64.hash(payload, seed: 0))
        return file.buffer + payload
    }

    static func decode(_ bytes: [UInt8]) -> BuildState? {
        var header = ByteReader(bytes)
        guard header.bytes(magic.count) == magic, header.int() == formatVersion, let output = header.string(), let length = header.int(),
            length == bytes.count - header.position - 8, let checksum = header.uint64()
        else { return nil }
        let start = header.position
        guard bytes.withUnsafeBytes({ XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[start...]), seed: 0) }) == checksum else { return nil }
        var reader = StateReader(bytes, start: start)
        guard reader.readTable() else { return nil }
        var sites: [SiteState] = []
        guard let siteCount = reader.count() else { return nil }
        for _ in 0..<siteCount {
            guard let id = reader.string(), let keyBytes = reader.bytes(16), let listingCount = reader.count() else { return nil }
            var listing: [String] = [], signatures: [FileSignature?] = []
            listing.reserveCapacity(listingCount)
            signatures.reserveCapacity(listingCount)
            for _ in 0..<listingCount {
                guard let path = reader.inline(), let signature = reader.optionalSignature() else { return nil }
                listing.append(path)
                signatures.append(signature)
            }
            guard let links = reader.strings(), let pageCount = reader.count() else { return nil }
            var pages: [PageState] = []
            pages.reserveCapacity(pageCount)
            for _ in 0..<pageCount {
                guard let listed = reader.int(), listed >= 0, listed < listing.count, let textHash = reader.uint64(), let frontMatterHash = reader.uint64(),
                    let key = reader.bytes(16), let rowStart = reader.int(), let rowCount = reader.int(), rowStart >= 0, rowCount >= 0
                else { return nil }
                pages.append(
                    PageState(
                        listed: listed, relativePath: listing[listed], textHash: textHash, frontMatterHash: frontMatterHash,
                        key: CacheKey(bytes: key), searchRow: rowStart..<rowStart + rowCount))
            }
            guard let infoCount = reader.count() else { return nil }
            var infos: [PageInfo] = []
            infos.reserveCapacity(infoCount)
            for _ in 0..<infoCount {
                guard let info = reader.info() else { return nil }
                infos.append(info)
            }
            guard let outputCount = reader.count() else { return nil }
            var outputs: [Output] = []
            outputs.reserveCapacity(outputCount)
            for _ in 0..<outputCount {
                guard let path = reader.inline(), let signature = reader.signature() else { return nil }
                outputs.append(Output(path: path, signature: signature))
            }
            sites.append(
                SiteState(
                    id: id, siteKey: CacheKey(bytes: keyBytes), listing: listing, links: links, signatures: signatures,
                    pages: pages, infos: infos, outputs: outputs))
        }
        guard let listedAt = reader.int(), let siteDiagnostics = reader.diagnostics(), let countCount = reader.count() else { return nil }
        var pageCounts: [String: Int] = [:]
        for _ in 0..<countCount {
            guard let site = reader.string(), let count = reader.int() else { return nil }
            pageCounts[site] = count
        }
        guard let findings = FindingGroups(reading: &reader), reader.atEnd else { return nil }
        return BuildState(
            sites: sites, listedAt: Int64(listedAt), findings: findings, siteDiagnostics: siteDiagnostics,
            pageCounts: pageCounts, output: output, checksum: checksum)
    }

    /// Reads the state left for this output folder and these sites, or nil when there is none
    /// or it cannot be trusted.
    /// Its journal's changes are applied (see `BuildJournal`). Its findings are checked only
    /// with `checkFindings` (a quick rebuild checks them on another core, see `FindingGroups`).
    static func load(from file: URL, checkFindings: Bool = true) -> BuildState? {
        guard let bytes = FileIO.readAll(file.path), var state = decode(bytes),
            let changes = BuildJournal(stateFile: file).changes(forStateWithChecksum: state.checksum)
        else { return nil }
        for change in changes {
            guard state.apply(change) else { return nil }
        }
        if checkFindings && !state.findings.check() { return nil }
        return state
    }

    /// Writes the state whole, or not at all, and removes its journal (which the state now includes).
    @discardableResult
    func save(to file: URL) -> Bool {
        BuildJournal(stateFile: file).remove()
        return FileIO.replace(file.path, with: encode())
    }

    /// Removes the state, its journal and its saved report: the next build is a full one.
    static func remove(_ file: URL) {
        unlink(file.path)
        BuildJournal(stateFile: file).remove()
        unlink(SavedTextReport.path(forState: file))
    }
}

/// The state's encoding: every string once, in a table, and referred to by number (a build's
/// 57,000 findings repeat the same rules, files and advice), so the state reads back quickly.
struct StateWriter {
    private var body = ByteWriter()
    private var table: [String] = []
    private var numbers: [String: Int] = [:]
    private var dateTexts: [SimpleDate: String] = [:]

    /// Starts from the table a state was read with, so its encoded findings can be copied as they are.
    init(table: [String] = []) {
        self.table = table
        numbers.reserveCapacity(table.count)
        for (number, text) in table.enumerated() where numbers[text] == nil { numbers[text] = number }
    }

    mutating func string(_ value: String) {
        if let number = numbers[value] {
            body.varint(number)
        } else {
            numbers[value] = table.count
            body.varint(table.count)
            table.append(value)
        }
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { body.varint(-1) }
    }

    /// A string written in place, not in the table (for strings that rarely repeat).
    mutating func inline(_ value: String) { body.vstring(value) }

    mutating func optionalSignature(_ value: FileSignature?) {
        body.bool(value != nil)
        signature(value ?? FileSignature(device: 0, inode: 0, size: 0, mode: 0, modified: 0, changed: 0))
    }

    mutating func strings(_ values: [String]) {
        body.varint(values.count)
        for value in values { string(value) }
    }

    mutating func int(_ value: Int) { body.varint(value) }
    mutating func uint64(_ value: UInt64) { body.uint64(value) }
    mutating func bytes(_ value: [UInt8]) { body.bytes(value) }

    mutating func optionalDouble(_ value: Double?) {
        body.bool(value != nil)
        body.uint64(value?.bitPattern ?? 0)
    }

    mutating func signature(_ value: FileSignature) {
        for field in [value.device, value.inode, value.size, value.mode, value.modified, value.changed] { body.varint(Int(field)) }
    }

    /// Dates in the table, each date's text made once (a few dates recur on thousands of pages).
    mutating func date(_ value: SimpleDate?) {
        guard let value else { return optionalString(nil) }
        if let text = dateTexts[value] { return string(text) }
        let text = value.description
        dateTexts[value] = text
        string(text)
    }

    mutating func info(_ value: PageInfo) {
        inline(value.title); inline(value.urlPath); inline(value.description); string(value.layout)
        date(value.date); date(value.updated); date(value.reviewBy)
        strings(value.services)
        optionalString(value.venue)
        optionalDouble(value.readingAge)
        inline(value.sourcePath)
    }

    mutating func diagnostics(_ values: [Diagnostic]) {
        body.varint(values.count)
        for value in values {
            string(value.rule); string(value.severity.rawValue); string(value.file)
            body.varint(value.line); body.varint(value.column); body.varint(value.endLine); body.varint(value.endColumn)
            // Messages repeat as much as suggestions do (the same phrase on many pages), so both
            // are in the table and read back without making a string each.
            string(value.message); optionalString(value.suggestion)
        }
    }

    /// Findings grouped by file, each group's bytes length-prefixed; an encoded group is copied
    /// as it is (its numbers refer to the table this writer started from, see `BuildState.encode`).
    mutating func findingGroups(_ findings: FindingGroups) {
        body.varint(findings.total)
        body.varint(findings.groups.count)
        for group in findings.groups {
            string(group.file)
            switch group.content {
            case let .encoded(range):
                body.varint(range.count)
                body.buffer.append(contentsOf: findings.source[range])
            case let .decoded(list):
                var encoded = StateWriter()
                swap(&encoded.table, &table)
                swap(&encoded.numbers, &numbers)
                encoded.diagnostics(list)
                swap(&encoded.table, &table)
                swap(&encoded.numbers, &numbers)
                body.varint(encoded.body.buffer.count)
                body.bytes(encoded.body.buffer)
            }
        }
    }

    /// The string table, then the body.
    func finish() -> [UInt8] {
        var out = ByteWriter()
        out.varint(table.count)
        for text in table { out.vstring(text) }
        return out.buffer + body.buffer
    }
}

struct StateReader {
    private var reader: ByteReader
    private(set) var table: [String] = []
    /// Where each string of the table read is in the bytes (its UTF-8).
    private(set) var tableBytes: [Range<Int>] = []
    /// Dates by their number in the table (a few dates recur on thousands of pages).
    private var dates: [Int: SimpleDate] = [:]

    init(_ bytes: [UInt8], start: Int, table: [String] = []) {
        reader = ByteReader(bytes)
        reader.position = start
        self.table = table
    }

    var atEnd: Bool { reader.atEnd }
    var position: Int { reader.position }
    var buffer: [UInt8] { reader.buffer }

    /// Moves past `count` bytes; false when there are fewer left.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= reader.buffer.count - reader.position else { return false }
        reader.position += count
        return true
    }

    mutating func readTable() -> Bool {
        guard let count = count() else { return false }
        table.reserveCapacity(count)
        tableBytes.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = reader.varint() else { return false }
            let start = reader.position
            guard let text = reader.text(count: length) else { return false }
            table.append(text)
            tableBytes.append(start..<start + length)
        }
        return true
    }

    /// A count that cannot be more than the bytes left (so damage cannot ask for a huge array).
    mutating func count() -> Int? {
        guard let value = reader.varint(), value >= 0, value <= reader.buffer.count - reader.position else { return nil }
        return value
    }

    mutating func int() -> Int? { reader.varint() }
    mutating func uint64() -> UInt64? { reader.uint64() }
    mutating func bytes(_ count: Int) -> [UInt8]? { reader.bytes(count) }

    mutating func string() -> String? {
        guard let number = reader.varint(), number >= 0, number < table.count else { return nil }
        return table[number]
    }

    mutating func optionalString() -> String?? {
        guard let number = reader.varint() else { return nil }
        if number == -1 { return .some(nil) }
        guard number >= 0, number < table.count else { return nil }
        return .some(table[number])
    }

    mutating func strings() -> [String]? {
        guard let count = count() else { return nil }
        var out: [String] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            guard let text = string() else { return nil }
            out.append(text)
        }
        return out
    }

    mutating func inline() -> String? { reader.vstring() }

    mutating func optionalSignature() -> FileSignature?? {
        guard let present = reader.bool(), let value = signature() else { return nil }
        return .some(present ? value : nil)
    }

    mutating func optionalDouble() -> Double?? {
        guard let present = reader.bool(), let bits = reader.uint64() else { return nil }
        return .some(present ? Double(bitPattern: bits) : nil)
    }

    mutating func signature() -> FileSignature? {
        guard let device = reader.varint(), let inode = reader.varint(), let size = reader.varint(), let mode = reader.varint(),
            let modified = reader.varint(), let changed = reader.varint()
        else { return nil }
        return FileSignature(
            device: Int64(device), inode: Int64(inode), size: Int64(size), mode: Int64(mode),
            modified: Int64(modified), changed: Int64(changed))
    }

    mutating func simpleDate() -> SimpleDate?? {
        guard let number = reader.varint() else { return nil }
        if number == -1 { return .some(nil) }
        if let date = dates[number] { return .some(date) }
        guard number >= 0, number < table.count, let date = SimpleDate(table[number]) else { return nil }
        dates[number] = date
        return .some(date)
    }

    mutating func info() -> PageInfo? {
        guard let title = inline(), let urlPath = inline(), let description = inline(), let layout = string(),
            let date = simpleDate(), let updated = simpleDate(), let reviewBy = simpleDate(), let services = strings(),
            let venue = optionalString(), let readingAge = optionalDouble(), let sourcePath = inline()
        else { return nil }
        return PageInfo(
            title: title, urlPath: urlPath, description: description, layout: layout, date: date, updated: updated,
            reviewBy: reviewBy, services: services, venue: venue, readingAge: readingAge, sourcePath: sourcePath)
    }

    mutating func groupedDiagnostics(into encoded: inout [String: ArraySlice<UInt8>]) -> [Diagnostic]? {
        guard let total = count(), let groups = count() else { return nil }
        var out: [Diagnostic] = []
        out.reserveCapacity(total)
        for _ in 0..<groups {
            guard let file = string(), let length = count() else { return nil }
            let start = reader.position
            guard diagnostics(into: &out), reader.position == start + length else { return nil }
            encoded[file] = reader.buffer[start..<start + length]
        }
        return out
    }

    mutating func diagnostics() -> [Diagnostic]? {
        var out: [Diagnostic] = []
        return diagnostics(into: &out) ? out : nil
    }

    mutating func diagnostics(into out: inout [Diagnostic]) -> Bool {
        guard let count = count() else { return false }
        for _ in 0..<count {
            guard let diagnostic = diagnostic() else { return false }
            out.append(diagnostic)
        }
        return true
    }

    /// One finding (see `StateWriter.diagnostics`).
    mutating func diagnostic() -> Diagnostic? {
        guard let rule = string(), let severity = string().flatMap(Severity.init(rawValue:)), let file = string(),
            let line = reader.varint(), let column = reader.varint(), let endLine = reader.varint(), let endColumn = reader.varint(),
            let message = string(), let suggestion = optionalString()
        else { return nil }
        return Diagnostic(
            rule: rule, severity: severity, file: file, line: line, column: column, endLine: endLine,
            endColumn: endColumn, message: message, suggestion: suggestion)
    }
}
