import Accessibility
import Content
import Diagnostics
import Foundation
import LinkCheck
import Markdown
import Project
import Support

/// The incremental-build cache: what is expensive about each content page (Markdown, the
/// plain-English rules, the theme and the accessibility checks) kept on disk, so a page whose
/// inputs have not changed is not built again.
///
/// An entry is found by its key, a 128-bit hash of everything that can change the page's
/// output or findings: the cache format, Plainsite's version and executable, the site's
/// configuration, every theme file, shared data and snippets, the baseline, "today", the page's
/// own file and path, and the template context made from other pages (menu, breadcrumbs,
/// section lists, events, translations). An entry is never trusted blindly: it carries a
/// magic number, the format version, its own key and a checksum of its contents, and is
/// decoded with bounds checks; anything wrong and it is deleted and the page built again.
struct BuildCache: Sendable {
    /// Bumped whenever what an entry holds, or how it is written, changes.
    static let formatVersion: UInt32 = 4
    static let magic: [UInt8] = Array("PSCACHE\u{0}".utf8)
    static var formatFolder: String { "pages-v\(formatVersion)" }

    /// The site's own folder in the cache: `<cache>/pages-v3/<site id>/`.
    let folder: URL
    /// The entries, in a few pack files with an index (see `CachePack`).
    let pack: CachePack
    /// A hash of everything that is the same for every page of the site.
    let siteKey: CacheKey

    /// Opens (creating when needed) the cache of one site. Folders of other format versions are removed.
    init?(root cacheRoot: URL, site: SiteConfiguration, project: ProjectConfiguration, today: SimpleDate) {
        let manager = FileManager.default
        guard SafeFiles.kind(cacheRoot.path) != .link else { return nil }
        let versioned = cacheRoot.appendingPathComponent(BuildCache.formatFolder)
        for old in (try? manager.contentsOfDirectory(atPath: cacheRoot.path)) ?? []
        where old.hasPrefix("pages-v") && old != BuildCache.formatFolder {
            try? SafeFiles.removeTree(cacheRoot.appendingPathComponent(old).path)
        }
        folder = versioned.appendingPathComponent(site.id)
        // Never through a link: the cache's own folders are made and checked one by one.
        guard
            (try? SafeFiles.makeFolders(
                cacheRoot.lastPathComponent + "/" + BuildCache.formatFolder + "/" + site.id,
                under: cacheRoot.deletingLastPathComponent().path)) != nil
        else { return nil }
        let ignore = cacheRoot.appendingPathComponent(".gitignore")
        if SafeFiles.kind(ignore.path) == .missing {
            try? SafeFiles.createFile(ignore.path, with: Data("# Plainsite's build cache: safe to delete.\n*\n".utf8))
        }
        siteKey = BuildCache.siteKey(site: site, project: project, today: today)
        pack = CachePack(folder: folder)
    }

    /// Everything every page of a site depends on, besides its own file and template context.
    static func siteKey(site: SiteConfiguration, project: ProjectConfiguration, today: SimpleDate) -> CacheKey {
        var key = ByteWriter()
        key.string("plainsite-cache")
        key.int(Int(formatVersion))
        key.string(PlainsiteVersion.current)
        // The executable itself (path, size and modification time), so a rebuilt Plainsite
        // with new rules, templates code or built-in theme never reuses pages built by the old one.
        if let executable = Bundle.main.executableURL {
            key.string(executable.path)
            key.fileStamp(executable)
        }
        key.string(site.id)
        key.string(today.description)
        let root = project.root
        key.string(project.file)
        key.file(root.appendingPathComponent(project.file))
        key.file(root.appendingPathComponent(Baseline.fileName))
        // Shared data and snippets, and every file of the site's theme folders. Theme assets
        // are copied, never read into pages, so their size and time are enough.
        var folders = ["content/_data", "content/_snippets", "themes/\(site.id)"]
        if site.theme != site.id { folders.append("themes/\(site.theme)") }
        for folder in folders {
            key.string(folder)
            let base = root.appendingPathComponent(folder)
            let files = Theme.files(under: base)
            key.int(files.count)
            for relative in files {
                key.string(relative)
                if relative.hasPrefix("assets/") {
                    key.fileStamp(base.appendingPathComponent(relative))
                } else {
                    key.file(base.appendingPathComponent(relative))
                }
            }
        }
        return key.digest()
    }

    /// The template context of each HTML file a page becomes, encoded once: part of the page's
    /// key, and kept in its entry so a quick rebuild can render the page again without the other
    /// pages. Left out: the rendered Markdown (it depends only on the page and the site), the
    /// shared data (`data`) and the theme's words in the page's language (`t`, the same on every
    /// page of that language): both are in the site key already, and large (the words were
    /// two thirds of a page's encoded context and most of the time taken to encode it).
    static func encodeContexts(_ contexts: [(urlPath: String, context: TemplateContext)]) -> [UInt8] {
        var writer = ByteWriter()
        writer.int(contexts.count)
        for (urlPath, context) in contexts {
            writer.string(urlPath)
            TemplateValue.object(context.filter { $0.key != "data" && $0.key != "t" }).write(into: &writer)
        }
        return writer.buffer
    }

    /// The contexts `encodeContexts` wrote, with the shared data and the words put back; nil
    /// when they hold a value that cannot be read back exactly.
    static func decodeContexts(_ bytes: [UInt8], data: TemplateValue, words: TemplateValue) -> [(urlPath: String, context: TemplateContext)]? {
        var reader = ByteReader(bytes)
        guard let count = reader.int(), count >= 0, count < 10_000 else { return nil }
        var contexts: [(urlPath: String, context: TemplateContext)] = []
        for _ in 0..<count {
            guard let urlPath = reader.string(), case .object(var context)? = reader.templateValue(depth: 0) else { return nil }
            context["data"] = data
            context["t"] = words
            contexts.append((urlPath, context))
        }
        return reader.atEnd ? contexts : nil
    }

    /// The key of one page: the site's key, the page's path and text, its layout, and its
    /// encoded template contexts.
    func pageKey(page: ContentPage, layout: String, contexts: [UInt8]) -> CacheKey {
        var key = ByteWriter()
        key.bytes(siteKey.bytes)
        key.string(page.sourcePath)
        key.string(page.relativePath)
        key.string(page.urlPath)
        key.string(page.language ?? "")
        key.string(layout)
        key.string(page.text)
        key.bytes(contexts)
        return key.digest()
    }

    enum Lookup {
        case hit(CacheEntry)
        case miss
        /// The entry was there but could not be trusted; it has been deleted.
        case damaged(String)
    }

    func load(_ key: CacheKey) -> Lookup {
        guard let bytes = pack.read(key) else { return .miss }
        if let entry = CacheEntry.decode(bytes, key: key) { return .hit(entry) }
        return .damaged(key.hex)
    }

    /// Adds an entry to this build's pack. An entry cut short by a crash fails its length or
    /// checksum and is built again.
    func store(_ entry: CacheEntry, key: CacheKey) {
        pack.append(entry.encode(key: key), key: key)
    }

    /// Keeps the entries this build used (and only those), so the cache holds one entry per page.
    /// False when the cache could not be written.
    func finish(keeping keys: [CacheKey]) -> Bool {
        pack.finish(keeping: keys)
    }
}

/// A 128-bit cache key (two 64-bit XXH64 hashes with different seeds).
struct CacheKey: Sendable, Hashable, Comparable {
    var high: UInt64
    var low: UInt64

    static func < (left: CacheKey, right: CacheKey) -> Bool {
        (left.high, left.low) < (right.high, right.low)
    }

    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        for (index, word) in [high, low].enumerated() {
            for nibble in 0..<16 {
                out[index * 16 + nibble] = digits[Int((word >> UInt64(60 - nibble * 4)) & 0xF)]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for word in [high, low] { for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) } }
        return out
    }
}

/// What the cache keeps for one content page: its findings, what the site-wide steps need
/// (links and anchors, search words, page facts) and the finished HTML files.
struct CacheEntry: Sendable {
    var outcome: SitePipeline.PageOutcome
    /// Each HTML file the page became: path inside the site, and its bytes.
    var files: [(path: String, data: Data)]
    /// The page's template contexts, as `BuildCache.encodeContexts` wrote them.
    var contexts: [UInt8]

    /// magic, format version, key, payload length, payload checksum, payload.
    func encode(key: CacheKey) -> [UInt8] {
        var payload = ByteWriter()
        // Room for the files and contexts, and as much again for the rest, so the buffer grows once or not at all.
        payload.buffer.reserveCapacity(2 * (files.reduce(0) { $0 + $1.data.count + $1.path.utf8.count + 16 } + contexts.count) + 1024)
        payload.outcome(outcome)
        payload.int(files.count)
        for file in files {
            payload.string(file.path)
            payload.data(file.data)
        }
        payload.int(contexts.count)
        payload.bytes(contexts)
        var header = ByteWriter()
        header.bytes(BuildCache.magic)
        header.int(Int(BuildCache.formatVersion))
        header.bytes(key.bytes)
        header.int(payload.buffer.count)
        header.uint64(XXH64.hash(payload.buffer, seed: 0))
        header.buffer.reserveCapacity(header.buffer.count + payload.buffer.count)
        header.buffer.append(contentsOf: payload.buffer)
        return header.buffer
    }

    /// The entry, or nil when anything about it is wrong.
    static func decode(_ bytes: [UInt8], key: CacheKey) -> CacheEntry? {
        var reader = ByteReader(bytes)
        guard reader.bytes(BuildCache.magic.count) == BuildCache.magic,
            reader.int() == Int(BuildCache.formatVersion),
            reader.bytes(16) == key.bytes,
            let length = reader.int(), length == bytes.count - reader.position - 8,
            let checksum = reader.uint64()
        else { return nil }
        let start = reader.position
        let actual = bytes.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[start...]), seed: 0) }
        guard actual == checksum else { return nil }
        var body = reader
        guard let outcome = body.outcome(), let count = body.int(), count >= 0, count < 100_000 else { return nil }
        var files: [(path: String, data: Data)] = []
        for _ in 0..<count {
            guard let path = body.string(), let contents = body.data() else { return nil }
            files.append((path, contents))
        }
        guard let contextCount = body.int(), let contexts = body.bytes(contextCount), body.atEnd else { return nil }
        return CacheEntry(outcome: outcome, files: files, contexts: contexts)
    }
}

// MARK: - Bytes

/// An unambiguous byte encoding (every value tagged or length-prefixed), used both for cache
/// keys and for entries.
struct ByteWriter {
    var buffer: [UInt8] = []

    mutating func bytes(_ bytes: [UInt8]) { buffer += bytes }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }

    /// A whole number in as few bytes as it needs (zigzag LEB128): for the build state, where
    /// most numbers are small.
    mutating func varint(_ value: Int) {
        var bits = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while bits >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: bits) | 0x80)
            bits >>= 7
        }
        buffer.append(UInt8(bits))
    }

    mutating func vstring(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(utf8.count)
            buffer.append(contentsOf: utf8)
        }
    }

    mutating func bool(_ value: Bool) { buffer.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            buffer.append(contentsOf: utf8)
        }
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func data(_ value: Data) {
        int(value.count)
        buffer.append(contentsOf: value)
    }

    /// A file's bytes, or a marker when it does not exist.
    mutating func file(_ url: URL) {
        if let contents = FileManager.default.contents(atPath: url.path) {
            bool(true)
            data(contents)
        } else {
            bool(false)
        }
    }

    /// A file's size and modification time.
    mutating func fileStamp(_ url: URL) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        int((attributes?[.size] as? NSNumber)?.intValue ?? -1)
        uint64(((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0).bitPattern)
    }

    func digest() -> CacheKey {
        CacheKey(high: XXH64.hash(buffer, seed: 0x9E37_79B9_7F4A_7C15), low: XXH64.hash(buffer, seed: 0x2545_F491_4F6C_DD1D))
    }

    // Entries

    mutating func diagnostic(_ value: Diagnostic) {
        string(value.rule); string(value.severity.rawValue); string(value.file)
        int(value.line); int(value.column); int(value.endLine); int(value.endColumn)
        string(value.message); optionalString(value.suggestion)
    }

    mutating func builtPage(_ value: BuiltPage) {
        string(value.site); string(value.urlPath); string(value.sourcePath); int(value.titleLine); string(value.title)
        let anchors = value.anchors.sorted()
        int(anchors.count)
        for anchor in anchors { string(anchor) }
        int(value.links.count)
        for link in value.links { string(link.url); string(link.file); int(link.line); int(link.column) }
    }

    mutating func date(_ value: SimpleDate?) { optionalString(value?.description) }

    mutating func outcome(_ value: SitePipeline.PageOutcome) {
        int(value.diagnostics.count)
        for item in value.diagnostics { diagnostic(item) }
        bool(value.built != nil)
        if let built = value.built { builtPage(built) }
        bool(value.searchEntry != nil)
        if let entry = value.searchEntry {
            string(entry.title); string(entry.url); string(entry.description)
            int(entry.words.count)
            for word in entry.words { string(word) }
        }
        int(value.extraBuilt.count)
        for item in value.extraBuilt { builtPage(item) }
        bool(value.info != nil)
        if let info = value.info {
            string(info.title); string(info.urlPath); string(info.description); string(info.layout)
            date(info.date); date(info.updated); date(info.reviewBy)
            int(info.services.count)
            for service in info.services { string(service) }
            optionalString(info.venue)
            bool(info.readingAge != nil)
            if let age = info.readingAge { uint64(age.bitPattern) }
            string(info.sourcePath)
        }
        int(value.shape.headings); int(value.shape.links)
        int(value.documents.count)
        for document in value.documents { string(document.file); string(document.page); optionalString(document.reason) }
    }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked and returns nil past the end.
struct ByteReader {
    let buffer: [UInt8]
    var position = 0

    init(_ buffer: [UInt8]) { self.buffer = buffer }

    var atEnd: Bool { position == buffer.count }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= buffer.count - position else { return nil }
        defer { position += count }
        return Array(buffer[position..<position + count])
    }

    mutating func uint64() -> UInt64? {
        guard buffer.count - position >= 8 else { return nil }
        let value = buffer.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self)) }
        position += 8
        return value
    }

    mutating func int() -> Int? { uint64().map { Int(Int64(bitPattern: $0)) } }

    @inline(__always)
    mutating func varint() -> Int? {
        // Most numbers (lengths, table numbers, small counts) fit in one byte.
        if position < buffer.count, buffer[position] < 0x80 {
            let bits = UInt64(buffer[position])
            position += 1
            let value = Int(Int64(bitPattern: bits >> 1))
            return bits & 1 == 0 ? value : ~value
        }
        return longVarint()
    }

    private mutating func longVarint() -> Int? {
        var bits: UInt64 = 0, shift: UInt64 = 0
        while position < buffer.count, shift < 64 {
            let byte = buffer[position]
            position += 1
            bits |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                let value = Int(Int64(bitPattern: bits >> 1))
                return bits & 1 == 0 ? value : ~value
            }
            shift += 7
        }
        return nil
    }

    mutating func vstring() -> String? {
        varint().flatMap { text(count: $0) }
    }

    /// The next `count` bytes as UTF-8 text; nil when they are not valid UTF-8.
    mutating func text(count: Int) -> String? {
        guard count >= 0, count <= buffer.count - position else { return nil }
        defer { position += count }
        return buffer.withUnsafeBufferPointer { ByteReader.validText(UnsafeBufferPointer(rebasing: $0[position..<position + count])) }
    }

    /// UTF-8 bytes as a String, or nil when they are not valid UTF-8. `String(validating:)` took
    /// its generic path here, about 1,000 instructions a string (a third of reading a build
    /// state); decoding (which would repair bad bytes) and comparing the result's bytes with
    /// the input is the same test at a tenth of the cost.
    static func validText(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        let same = text.withUTF8 { utf8 in
            utf8.count == bytes.count && (bytes.isEmpty || memcmp(utf8.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return same ? text : nil
    }

    mutating func bool() -> Bool? {
        guard position < buffer.count, buffer[position] <= 1 else { return nil }
        defer { position += 1 }
        return buffer[position] == 1
    }

    mutating func string() -> String? {
        int().flatMap { text(count: $0) }
    }

    mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let text = string() else { return nil }
        return .some(text)
    }

    mutating func data() -> Data? {
        guard let count = int(), count >= 0, count <= buffer.count - position else { return nil }
        defer { position += count }
        return Data(buffer[position..<position + count])
    }

    /// A value `TemplateValue.write(into:)` wrote; nil for bytes that are not one.
    mutating func templateValue(depth: Int) -> TemplateValue? {
        guard depth < 64, position < buffer.count else { return nil }
        let tag = buffer[position]
        position += 1
        switch tag {
        case 1: return string().map(TemplateValue.text)
        case 2: return bool().map(TemplateValue.bool)
        case 3: return int().map(TemplateValue.int)
        case 5:
            guard let count = int(), count >= 0, count <= buffer.count - position else { return nil }
            var map: [String: TemplateValue] = [:]
            for _ in 0..<count {
                guard let name = string(), let value = templateValue(depth: depth + 1) else { return nil }
                map[name] = value
            }
            return .object(map)
        case 6:
            guard let count = int(), count >= 0, count <= buffer.count - position else { return nil }
            var list: [TemplateValue] = []
            list.reserveCapacity(count)
            for _ in 0..<count {
                guard let value = templateValue(depth: depth + 1) else { return nil }
                list.append(value)
            }
            return .list(list)
        default: return nil
        }
    }

    mutating func strings() -> [String]? {
        guard let count = int(), count >= 0, count <= buffer.count - position else { return nil }
        var out: [String] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            guard let text = string() else { return nil }
            out.append(text)
        }
        return out
    }

    mutating func diagnostic() -> Diagnostic? {
        guard let rule = string(), let severity = string().flatMap(Severity.init(rawValue:)), let file = string(),
            let line = int(), let column = int(), let endLine = int(), let endColumn = int(),
            let message = string(), let suggestion = optionalString()
        else { return nil }
        return Diagnostic(
            rule: rule, severity: severity, file: file, line: line, column: column, endLine: endLine,
            endColumn: endColumn, message: message, suggestion: suggestion)
    }

    mutating func builtPage() -> BuiltPage? {
        guard let site = string(), let urlPath = string(), let sourcePath = string(), let titleLine = int(),
            let title = string(), let anchors = strings(), let count = int(), count >= 0, count <= buffer.count
        else { return nil }
        var links: [AccessibilityChecker.PageLink] = []
        for _ in 0..<count {
            guard let url = string(), let file = string(), let line = int(), let column = int() else { return nil }
            links.append(AccessibilityChecker.PageLink(url: url, file: file, line: line, column: column))
        }
        return BuiltPage(
            site: site, urlPath: urlPath, sourcePath: sourcePath, titleLine: titleLine, title: title,
            anchors: Set(anchors), links: links)
    }

    mutating func simpleDate() -> SimpleDate?? {
        guard let text = optionalString() else { return nil }
        guard let text else { return .some(nil) }
        guard let date = SimpleDate(text) else { return nil }
        return .some(date)
    }

    mutating func outcome() -> SitePipeline.PageOutcome? {
        var outcome = SitePipeline.PageOutcome()
        guard let count = int(), count >= 0, count <= buffer.count else { return nil }
        for _ in 0..<count {
            guard let item = diagnostic() else { return nil }
            outcome.diagnostics.append(item)
        }
        guard let hasBuilt = bool() else { return nil }
        if hasBuilt {
            guard let built = builtPage() else { return nil }
            outcome.built = built
        }
        guard let hasEntry = bool() else { return nil }
        if hasEntry {
            guard let title = string(), let url = string(), let description = string(), let words = strings() else { return nil }
            outcome.searchEntry = SearchEntry(title: title, url: url, description: description, words: words)
        }
        guard let extra = int(), extra >= 0, extra <= buffer.count else { return nil }
        for _ in 0..<extra {
            guard let built = builtPage() else { return nil }
            outcome.extraBuilt.append(built)
        }
        guard let hasInfo = bool() else { return nil }
        if hasInfo {
            guard let title = string(), let urlPath = string(), let description = string(), let layout = string(),
                let date = simpleDate(), let updated = simpleDate(), let reviewBy = simpleDate(), let services = strings(),
                let venue = optionalString(), let hasAge = bool()
            else { return nil }
            var readingAge: Double?
            if hasAge {
                guard let bits = uint64() else { return nil }
                readingAge = Double(bitPattern: bits)
            }
            guard let sourcePath = string() else { return nil }
            outcome.info = PageInfo(
                title: title, urlPath: urlPath, description: description, layout: layout, date: date,
                updated: updated, reviewBy: reviewBy, services: services, venue: venue,
                readingAge: readingAge, sourcePath: sourcePath)
        }
        guard let headings = int(), let links = int(), let documents = int(), documents >= 0, documents <= buffer.count else { return nil }
        outcome.shape = (headings, links)
        for _ in 0..<documents {
            guard let file = string(), let page = string(), let reason = optionalString() else { return nil }
            outcome.documents.append(NonAccessibleDocument(file: file, page: page, reason: reason))
        }
        return outcome
    }
}

/// XXH64 (Yann Collet's xxHash, 64-bit), one-shot: fast, well distributed, and simple enough
/// to carry here instead of a cryptographic package. Cache keys are not a security boundary:
/// whoever can write the cache can write the content.
enum XXH64 {
    static let p1: UInt64 = 11_400_714_785_074_694_791
    static let p2: UInt64 = 14_029_467_366_897_019_727
    static let p3: UInt64 = 1_609_587_929_392_839_161
    static let p4: UInt64 = 9_650_029_242_287_828_579
    static let p5: UInt64 = 2_870_177_450_012_600_261

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* p1 &+ p4
    }

    static func hash(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    static func hash(_ input: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let count = input.count
        var offset = 0
        @inline(__always) func read64(_ at: Int) -> UInt64 { UInt64(littleEndian: input.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        @inline(__always) func read32(_ at: Int) -> UInt64 { UInt64(UInt32(littleEndian: input.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
        var h: UInt64
        if count >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while offset + 32 <= count {
                v1 = round(v1, read64(offset)); v2 = round(v2, read64(offset + 8))
                v3 = round(v3, read64(offset + 16)); v4 = round(v4, read64(offset + 24))
                offset += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(count)
        while offset + 8 <= count {
            h ^= round(0, read64(offset))
            h = rotl(h, 27) &* p1 &+ p4
            offset += 8
        }
        if offset + 4 <= count {
            h ^= read32(offset) &* p1
            h = rotl(h, 23) &* p2 &+ p3
            offset += 4
        }
        while offset < count {
            h ^= UInt64(input.load(fromByteOffset: offset, as: UInt8.self)) &* p5
            h = rotl(h, 11) &* p1
            offset += 1
        }
        h ^= h >> 33; h = h &* p2
        h ^= h >> 29; h = h &* p3
        h ^= h >> 32
        return h
    }
}
