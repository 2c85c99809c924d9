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
    static let formatVersion = 6

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

    /// The template context of each HTML file a page becomes, written into a page's key (the
    /// only place contexts are hashed). Left out: the rendered Markdown (it depends only on the
    /// page and the site), the shared data (`data`) and the theme's words in the page's language
    /// (`t`, the same on every page of that language): both are in the site key already, and
    /// large. Written as the object without those two names would be.
    static func writeContexts(_ contexts: [(urlPath: String, context: TemplateContext)], into writer: inout ByteWriter) {
        writer.int(contexts.count)
        for (urlPath, context) in contexts {
            writer.string(urlPath)
            let names = context.keys.filter { $0 != "data" && $0 != "t" }.sorted()
            writer.byte(TemplateValue.objectTag)
            writer.int(names.count)
            for name in names {
                writer.string(name)
                context[name]!.write(into: &writer)
            }
        }
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
        BuildCache.writeContexts(contexts, into: &key)
        return key.digest()
    }
}

/// An unambiguous byte encoding (every value tagged or length-prefixed) of what a cache key
/// is made from, hashed as it is written: only the bytes of the last few values are kept.
struct ByteWriter {
    /// Bytes written but not yet hashed.
    private(set) var pending: [UInt8] = []
    private var first = XXH64.Stream(seed: 0x9E37_79B9_7F4A_7C15)
    private var second = XXH64.Stream(seed: 0x2545_F491_4F6C_DD1D)

    /// Pending bytes are hashed once there are this many.
    static let chunk = 4096

    init() { pending.reserveCapacity(ByteWriter.chunk + 64) }

    mutating func raw(_ bytes: UnsafeRawBufferPointer) {
        guard pending.count + bytes.count >= ByteWriter.chunk else {
            pending.append(contentsOf: bytes)
            return
        }
        // Completes the pending stripe, hashes the pending stripes, then hashes `bytes` in place.
        let fill = min(bytes.count, (32 - pending.count % 32) % 32)
        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<fill]))
        let taken = pending.withUnsafeBytes { take($0) }
        pending.removeFirst(taken)
        let rest = UnsafeRawBufferPointer(rebasing: bytes[fill...])
        let direct = pending.isEmpty ? take(rest) : 0
        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[direct...]))
    }

    private mutating func take(_ bytes: UnsafeRawBufferPointer) -> Int {
        _ = first.take(stripesOf: bytes)
        return second.take(stripesOf: bytes)
    }

    mutating func byte(_ value: UInt8) { pending.append(value) }

    mutating func bytes(_ bytes: [UInt8]) { bytes.withUnsafeBytes { raw($0) } }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { raw($0) }
    }

    mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }

    mutating func bool(_ value: Bool) { byte(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            raw(UnsafeRawBufferPointer(utf8))
        }
    }

    mutating func data(_ value: Data) {
        int(value.count)
        value.withUnsafeBytes { raw($0) }
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

    /// The two hashes of every byte written: XXH64 with two seeds.
    func digest() -> CacheKey {
        pending.withUnsafeBytes { CacheKey(high: first.finish(tail: $0), low: second.finish(tail: $0)) }
    }
}
