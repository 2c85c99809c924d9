import Accessibility
import Content
import Diagnostics
import Foundation
import Markdown
import Project
import Prose
import Support
import Theme

/// A content page ready to render: its layout and the template context of each HTML file it
/// becomes, without the rendered Markdown. The contexts hold all the page takes from other
/// pages, so they are part of its cache key.
public struct PreparedPage: Sendable {
    public let page: ContentPage
    public let layout: String
    /// The first context is the page itself; a long section list continues on /section/page/2/…
    public let contexts: [(urlPath: String, context: TemplateContext)]
    /// False when the front matter could not be read: the page then reports that mistake alone.
    public let settingsRead: Bool
    /// The front matter's findings.
    let diagnostics: [Diagnostic]
}

/// A content page's build: what the site-wide steps need, and its HTML files in order (the page
/// itself, then the continuations of a long section list), for the caller to write.
public struct BuiltContentPage: Sendable {
    public var outcome: PageOutcome
    public var files: [PageFile]
    /// The address of each file, in the same order.
    public var urlPaths: [String]
}

extension PageBuilder {
    /// A page's front matter checks, layout and template contexts; or, when it has no layout to
    /// be built with, its findings alone.
    public func prepare(_ page: ContentPage) -> Result<PreparedPage, PageStopped> {
        let frontMatter = page.source.frontMatter
        let settingsRead = !page.source.frontMatterIsUnreadable
        var diagnostics: [Diagnostic] = []
        if settingsRead, frontMatter.title?.isEmpty ?? true {
            diagnostics.append(
                Diagnostic(
                    rule: "front-matter/title", severity: .error, file: page.sourcePath, line: 1,
                    message: "This page has no title, so it has no heading and no name in search results.",
                    suggestion: "Add a line 'title: ...' to the front matter, between the '---' lines at the top."))
        }
        if settingsRead, frontMatter.description?.isEmpty ?? true {
            diagnostics.append(
                Diagnostic(
                    rule: "front-matter/description", severity: .warning, file: page.sourcePath, line: 1,
                    message: "This page has no description, which search engines show under its title.",
                    suggestion: "Add 'description:' with one sentence saying what the page helps people do."))
        }
        let layout = frontMatter.layout ?? (page.urlPath.isEmpty && theme.hasLayout("home") ? "home" : "page")
        guard theme.hasLayout(layout) else {
            var outcome = PageOutcome()
            outcome.diagnostics = diagnostics
            outcome.diagnostics.append(
                Diagnostic(
                    rule: "front-matter/layout", severity: .error, file: page.sourcePath,
                    line: frontMatter.keyLines["layout"] ?? 1,
                    message: "There is no layout called '\(layout)'.",
                    suggestion: "Use one of: \(theme.layouts.joined(separator: ", "))."))
            outcome.diagnostics += page.source.diagnostics
            return .failure(PageStopped(outcome: outcome))
        }
        let contexts = pageContexts(page: page, layout: layout, navigation: navigation, theme: theme)
        return .success(PreparedPage(page: page, layout: layout, contexts: contexts, settingsRead: settingsRead, diagnostics: diagnostics))
    }

    /// A prepared page from Markdown to prose findings to templates to accessibility findings to HTML.
    public func build(_ prepared: PreparedPage) -> BuiltContentPage {
        let page = prepared.page, layout = prepared.layout
        var outcome = PageOutcome()
        outcome.diagnostics = prepared.diagnostics
        let resolver = LinkResolver(basePath: site.basePath, pageFolder: page.folder)
        let rendered = monitor.time(PageStage.markdown, perPage: true) {
            MarkdownRenderer.render(
                page.source.body, file: page.sourcePath,
                context: RenderContext(
                    data: shared.data, snippets: snippets, rewriteURL: { resolver.resolve($0) }, rawHTML: site.rawHTML,
                    reservedIDs: theme.reservedIDs(layout: layout)),
                sourcePositions: true)
        }
        // Front matter, Markdown and plain-English problems, with the baseline applied.
        let linted = monitor.time(PageStage.lint, perPage: true) {
            lint.lint(
                file: page.sourcePath, text: page.text, page: page.source, rendered: rendered, layout: layout,
                language: page.language)
        }
        outcome.diagnostics += linted.diagnostics
        outcome.info = info(of: page, layout: layout, readingAge: linted.readability?.readingAge)
        outcome.shape = PageShape(
            headings: rendered.textBlocks.filter { if case .heading = $0.kind { true } else { false } }.count, links: rendered.links.count)
        checkDocuments(page, links: rendered.links, resolver: resolver, into: &outcome)
        if let finding = reviewFinding(page) { outcome.diagnostics.append(finding) }
        let frontMatter = page.source.frontMatter
        outcome.searchEntry = SearchEntry(
            title: frontMatter.title ?? "", url: site.basePath + page.urlPath,
            description: frontMatter.description ?? "", blocks: rendered.textBlocks)
        let files = renderFiles(prepared, body: rendered.html, into: &outcome)
        return BuiltContentPage(outcome: outcome, files: files, urlPaths: prepared.contexts.map(\.urlPath))
    }

    /// The facts of a content page the site-wide files need.
    func info(of page: ContentPage, layout: String, readingAge: Double?) -> PageInfo {
        let frontMatter = page.source.frontMatter
        return PageInfo(
            title: frontMatter.title ?? "", urlPath: page.urlPath, description: frontMatter.description ?? "",
            layout: layout, date: frontMatter.date, updated: frontMatter.updated, reviewBy: frontMatter.reviewBy,
            services: frontMatter.services, venue: frontMatter.venue, readingAge: readingAge,
            sourcePath: page.sourcePath)
    }

    /// Links to PDF and Office files need an HTML alternative, or a stated reason for having none.
    func checkDocuments(_ page: ContentPage, links: [MarkdownLink], resolver: LinkResolver, into outcome: inout PageOutcome) {
        let frontMatter = page.source.frontMatter
        for link in links where DocumentFormats.isDocument(link.url) {
            let note = frontMatter.documents.first { $0.file == link.url || resolver.resolve($0.file) == resolver.resolve(link.url) }
            if note?.html == nil {
                outcome.documents.append(NonAccessibleDocument(file: link.url, page: page.sourcePath, reason: note?.reason))
            }
            if note == nil {
                outcome.diagnostics.append(
                    Diagnostic(
                        rule: "content/document-alternative", severity: .warning, file: page.sourcePath, line: link.line,
                        message: "The link to '\(link.url)' opens a document with no HTML alternative and no reason given.",
                        suggestion:
                            "Publish the document as a page and add to the front matter: documents: [{ file: \(link.url), html: /its-page/ }], or give a reason: documents: [{ file: \(link.url), reason: \"…\" }]."
                    ))
            }
        }
    }

    /// The finding for a page past its review date, at the severity the site's lint settings give it.
    func reviewFinding(_ page: ContentPage) -> Diagnostic? {
        let frontMatter = page.source.frontMatter
        let reviewSeverity = site.lint.severities.first { Linter.matches($0.key, "content/review-due") }.map(\.value) ?? .warning
        guard let reviewBy = frontMatter.reviewBy, reviewBy < today, let reviewSeverity else { return nil }
        return Diagnostic(
            rule: "content/review-due", severity: reviewSeverity, file: page.sourcePath, line: frontMatter.keyLines["review_by"] ?? 1,
            message: "This page was due for review on \(reviewBy.longForm).",
            suggestion: "Check the page is still right, then set 'review_by:' to a date up to a year ahead (and 'updated:' if you changed it).")
    }

    /// Each HTML file of the page, rendered and checked; problems point at the Markdown line or the template.
    func renderFiles(_ prepared: PreparedPage, body: String, into outcome: inout PageOutcome) -> [PageFile] {
        let page = prepared.page
        let titleLine = page.source.frontMatter.keyLines["title"] ?? 1
        let structuredData = StructuredData(site: site, organisation: project.organisation).json(
            page: page, layout: prepared.layout, breadcrumbs: prepared.contexts.first?.context["breadcrumbs"])
        var files: [PageFile] = []
        for (index, item) in prepared.contexts.enumerated() {
            var context = item.context
            if case .object(var values)? = context["page"] {
                values["body"] = .text(body)
                values["json_ld"] = .text(structuredData)
                context["page"] = .object(values)
            }
            let result = render(
                context, layout: prepared.layout, urlPath: item.urlPath, file: page.sourcePath, markdownFile: page.sourcePath,
                titleLine: titleLine)
            if prepared.settingsRead { outcome.diagnostics += result.diagnostics }
            if index == 0 { outcome.built = result.built } else { outcome.extraBuilt.append(result.built) }
            files.append(result.file)
        }
        return files
    }
}

/// A page that cannot be built (it names a layout the theme does not have), with its findings.
public struct PageStopped: Error, Sendable {
    public var outcome: PageOutcome
}
