import Content
import Diagnostics
import Foundation
import LinkCheck
import Markdown
import Output
import PageBuild
import PageCache
import Project
import Support
import Theme

/// Builds one site into a staging folder.
struct SitePipeline {
    let site: SiteConfiguration
    let project: ProjectConfiguration
    let shared: SharedContent
    let lint: LintRunner
    let today: SimpleDate
    var monitor: BuildMonitor?
    /// The incremental-build cache of this site, when in use.
    var cache: BuildCache?
    var serial = false
    /// Cache keys of pages whose template contexts are known not to have changed since they
    /// were made (the build session's quick rebuilds), by source path: used without hashing the contexts.
    var knownKeys: [String: CacheKey] = [:]

    struct Result {
        var diagnostics: [Diagnostic]
        var pages: Int
        /// What the site-wide checks need from each written page.
        var built: [BuiltPage] = []
        /// Files other than pages: assets and content files, as paths inside the site.
        var files: Set<String> = []
        /// The content pages, for reports.
        var infos: [PageInfo] = []
        var cacheHits = 0
        var cacheMisses = 0
        var cacheWarnings: [String] = []
    }

    func build(into writer: StagedSite) -> Result {
        let root = project.root
        // The theme is read on another thread while the content is read (on every core).
        let (theme, content) = monitor.time("read content and theme") {
            let theme = Background { Theme(site: site, root: root) }
            let content = SiteContent(site: site, root: root)
            return (theme.take(), content)
        }
        return build(theme: theme, content: content, into: writer)
    }

    /// Builds the site from its theme and content, already read (the preview's build session keeps them).
    func build(theme: Theme, content: SiteContent, into writer: any CopyingOutput) -> Result {
        var diagnostics = theme.diagnostics + content.diagnostics
        guard !theme.diagnostics.hasErrors else { return Result(diagnostics: diagnostics, pages: 0) }
        if site.id == project.sites.first?.id, let missing = FeedbackAddress.missing(theme: theme, data: shared.data) { diagnostics.append(missing) }

        let (snippets, snippetFindings) = renderSnippets()
        diagnostics += snippetFindings
        return buildPages(content: content, theme: theme, snippets: snippets, diagnostics: diagnostics, writer: writer)
    }

    /// Snippets are rendered once per site, so their links use this site's base path. Their
    /// plain-English findings are reported once, with the first site.
    func renderSnippets() -> (html: [String: String], diagnostics: [Diagnostic]) {
        let resolver = LinkResolver(basePath: site.basePath, pageFolder: "")
        // Snippets may place other snippets: each is rendered after the ones it uses.
        let nested = NestedSnippets(
            sources: shared.snippetSources,
            context: RenderContext(data: shared.data, rewriteURL: { resolver.resolve($0) }, rawHTML: site.rawHTML))
        var snippets: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let isFirstSite = site.id == project.sites.first?.id
        if isFirstSite { diagnostics += nested.diagnostics }
        for (name, source) in shared.snippetSources.sorted(by: { $0.key < $1.key }) {
            guard let rendered = nested.rendered[name] else { continue }
            snippets[name] = rendered.html
            if isFirstSite {
                let text = (try? String(contentsOf: project.root.appendingPathComponent(source.file), encoding: .utf8)) ?? ""
                diagnostics += lint.lint(file: source.file, text: text, page: source, rendered: rendered).diagnostics
            }
        }
        return (snippets, diagnostics)
    }

    /// The finding for a file that could not be written: a collision names both writers.
    func writeFailure(_ error: any Error, _ what: String) -> Diagnostic {
        if let collision = error as? OutputCollision { return collision.diagnostic(site: site) }
        return Diagnostic(
            rule: "output/write", severity: .error, file: site.contentFolder, line: 1,
            message: "\(what): \(error.localizedDescription).")
    }

    /// Writes a page's HTML file; the findings say why it could not be written.
    func write(_ file: PageFile, urlPath: String, from source: String, writer: any SiteOutput) -> (diagnostics: [Diagnostic], written: Bool) {
        var diagnostics: [Diagnostic] = []
        do {
            try monitor.time(PageStage.write, perPage: true) { try writer.write(file.html, to: file.path, from: source) }
            return (diagnostics, true)
        } catch let collision as OutputCollision {
            diagnostics.append(collision.diagnostic(site: site))
        } catch {
            diagnostics.append(
                Diagnostic(
                    rule: "output/write", severity: .error, file: source, line: 1,
                    message: "The page /\(urlPath) could not be written: \(error.localizedDescription)."))
        }
        return (diagnostics, false)
    }
}
