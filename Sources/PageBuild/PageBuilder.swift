import Accessibility
import Content
import Diagnostics
import Foundation
import LinkCheck
import Markdown
import Project
import Prose
import Support
import Theme

/// Builds the pages of one site, each from its Markdown to its HTML files, without writing
/// anything: the caller writes the files it is given.
public struct PageBuilder: Sendable {
    public let site: SiteConfiguration
    public let project: ProjectConfiguration
    public let shared: SharedContent
    public let lint: LintRunner
    public let today: SimpleDate
    public let theme: Theme
    /// Snippets rendered for this site, by name.
    public let snippets: [String: String]
    public let navigation: Navigation
    public var monitor: BuildMonitor?
    let checker = AccessibilityChecker()
    /// The site's pages by folder and by address, so per-page lookups do not scan every page.
    let pagesByFolder: [String: [ContentPage]]
    let pageByURL: [String: ContentPage]
    /// Event pages by folder, for the upcoming and past events of each page.
    let eventsByFolder: [String: [ContentPage]]
    /// True when the site has dated news articles, so it has feeds to link to.
    let hasNewsFeed: Bool
    /// The theme's words in each of the site's languages, read once per build.
    public let words: [String: [String: String]]

    public init(
        site: SiteConfiguration, project: ProjectConfiguration, shared: SharedContent, lint: LintRunner, today: SimpleDate,
        pages: [ContentPage], theme: Theme, snippets: [String: String], monitor: BuildMonitor?
    ) {
        self.site = site
        self.project = project
        self.shared = shared
        self.lint = lint
        self.today = today
        self.theme = theme
        self.snippets = snippets
        self.monitor = monitor
        navigation = Navigation(pages: pages, basePath: site.basePath)
        pagesByFolder = Dictionary(grouping: pages, by: \.folder)
        pageByURL = Dictionary(pages.map { ($0.urlPath, $0) }, uniquingKeysWith: { first, _ in first })
        eventsByFolder = Dictionary(grouping: pages.filter { $0.source.frontMatter.layout == "event" }, by: \.folder)
        hasNewsFeed = pages.contains { $0.source.frontMatter.layout == "news" && $0.source.frontMatter.date != nil }
        var words: [String: [String: String]] = [:]
        for code in site.languages { words[code] = theme.translations(for: code) }
        self.words = words
    }
}

/// Names of the stages each page goes through, for `--verbose`.
public enum PageStage {
    public static let markdown = "pages: Markdown to HTML"
    public static let lint = "pages: plain English and readability"
    public static let theme = "pages: theme templates"
    public static let accessibility = "pages: accessibility checks"
    public static let write = "pages: write files"
}

/// One HTML file rendered and checked, not yet written.
public struct RenderedFile: Sendable {
    /// The accessibility findings of the file.
    public var diagnostics: [Diagnostic]
    /// What the site-wide link checks need from the file.
    public var built: BuiltPage
    public var file: PageFile
}

extension PageBuilder {
    /// Renders a page's layout inside the base template, checks the result for accessibility,
    /// and gives back its bytes without source positions or template markers. The one path
    /// every page (content, list continuation or generated) goes through.
    public func render(
        _ context: TemplateContext, layout: String, urlPath: String, file: String, markdownFile: String?, titleLine: Int
    ) -> RenderedFile {
        var full = context
        // The page stays UTF-8 bytes from the templates to the file.
        let marked = monitor.time(PageStage.theme, perPage: true) {
            full["content"] = .text(theme.render("layouts/\(layout)", context))
            return theme.renderBytes("base", full)
        }
        let checked = monitor.time(PageStage.accessibility, perPage: true) {
            checker.check(utf8: marked, file: file, locator: SourceLocator(markdownFile: markdownFile, templates: theme.texts))
        }
        let built = BuiltPage(
            site: site.id, urlPath: urlPath, sourcePath: file, titleLine: titleLine, title: checked.title,
            anchors: checked.anchors, links: checked.links)
        let output = urlPath.isEmpty || urlPath.hasSuffix("/") ? urlPath + "index.html" : urlPath
        let html = Data(marked.withUnsafeBufferPointer { SourceLocator.strip(utf8: $0) })
        return RenderedFile(diagnostics: checked.diagnostics, built: built, file: PageFile(path: output, html: html))
    }
}
