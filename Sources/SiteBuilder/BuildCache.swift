import Accessibility
import Content
import Diagnostics
import Foundation
import LinkCheck
import Markdown
import Project
import Support

/// The incremental-build cache of one site: each content page's findings, facts and HTML kept
/// in a `PageStore`, so a page whose inputs have not changed is not built again.
///
/// An entry is found by its key, a 128-bit hash of everything that can change the page's
/// output or findings: the cache format, Plainsite's version and executable, the site's
/// configuration, every theme file, shared data and snippets, the baseline, "today", the page's
/// own file and path, and the template context made from other pages (menu, breadcrumbs,
/// section lists, events, translations).
struct BuildCache: Sendable {
    /// Bumped whenever what an entry holds, or how it is written, changes.
    static let formatVersion = 5

    let store: any PageStore
    /// A hash of everything that is the same for every page of the site.
    let siteKey: CacheKey

    init(store: any PageStore, site: SiteConfiguration, project: ProjectConfiguration, today: SimpleDate) {
        self.store = store
        siteKey = BuildCache.siteKey(site: site, project: project, today: today)
    }

    /// Everything every page of a site depends on, besides its own file and template context.
    static func siteKey(site: SiteConfiguration, project: ProjectConfiguration, today: SimpleDate) -> CacheKey {
        var key = ByteWriter()
        key.string("plainsite-cache")
        key.int(formatVersion)
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

    /// The template context of each HTML file a page becomes, encoded once for the page's key
    /// (the only place contexts are hashed). Left out: the rendered Markdown (it depends only on the page and the site), the
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

    /// The key of one page: the site's key, the page's path and text, its layout, and its
    /// template contexts.
    func pageKey(page: ContentPage, layout: String, contexts: [(urlPath: String, context: TemplateContext)]) -> CacheKey {
        var key = ByteWriter()
        key.bytes(siteKey.bytes)
        key.string(page.sourcePath)
        key.string(page.relativePath)
        key.string(page.urlPath)
        key.string(page.language ?? "")
        key.string(layout)
        key.string(page.text)
        key.bytes(BuildCache.encodeContexts(contexts))
        return key.digest()
    }
}

// MARK: - Bytes

/// An unambiguous byte encoding (every value tagged or length-prefixed) of what a cache key
/// is made from.
struct ByteWriter {
    var buffer: [UInt8] = []

    mutating func bytes(_ bytes: [UInt8]) { buffer += bytes }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }

    mutating func bool(_ value: Bool) { buffer.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            buffer.append(contentsOf: utf8)
        }
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
