import Accessibility
import Content
import Diagnostics
import Foundation
import LinkCheck
import Markdown
import Project
import Support
import Theme

/// The incremental-build cache of one site: each content page's findings, facts and HTML kept
/// in a `PageStore`, so a page whose inputs have not changed is not built again.
///
/// An entry is found by its key, a 128-bit hash of everything that can change the page's
/// output or findings: the cache format, Plainsite's version and executable, the site's
/// configuration, every theme file, shared data and snippets, the baseline, "today", the page's
/// own file and path, and the template context made from other pages (menu, breadcrumbs,
/// section lists, events, translations).
public struct BuildCache: Sendable {
    /// Bumped whenever what an entry holds, or how it is written, changes.
    static let formatVersion = 6

    public let store: any PageStore
    /// A hash of everything that is the same for every page of the site.
    public let siteKey: CacheKey

    public init(store: any PageStore, site: SiteConfiguration, project: ProjectConfiguration, today: SimpleDate) {
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
            let files = FolderWalker.files(under: base)
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
    public func pageKey(page: ContentPage, layout: String, contexts: [(urlPath: String, context: TemplateContext)]) -> CacheKey {
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

// MARK: - Bytes

extension ByteWriter {
    /// The cache key of what was written: two XXH64 hashes of the bytes, with different seeds.
    func digest() -> CacheKey {
        let (high, low) = hashes()
        return CacheKey(high: high, low: low)
    }
}
