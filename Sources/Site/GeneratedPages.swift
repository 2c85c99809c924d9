import Content
import Diagnostics
import Foundation
import PageBuild
import Project
import Theme

/// Generated pages, rendered and checked but not written, with the findings they add.
public struct GeneratedPages: Sendable {
    public var files: [RenderedFile] = []
    /// The template checks' and the accessibility statement's findings, and each page's own.
    public var diagnostics: [Diagnostic] = []
}

/// Pages every site gets from the theme: section pages, an A to Z of services, a search page,
/// the accessibility statement and the 404 page.
extension SiteGenerator {
    /// `findings` are the build's findings so far: the statement lists their accessibility warnings.
    public func generatedPages(content: SiteContent, documents: [NonAccessibleDocument], findings: [Diagnostic]) -> GeneratedPages {
        var made = GeneratedPages()
        sectionPages(content: content, into: &made)
        generate(
            "a-to-z/", layout: "a-to-z", title: "A to Z of services", description: "Every service on this site, from A to Z.",
            extra: ["letters": .list(AToZ(pages: content.pages, basePath: site.basePath).letters)], into: &made)
        generate("search/", layout: "search", title: "Search", description: "Search this site.", extra: [:], into: &made)
        statement(documents: documents, findings: findings, into: &made)
        generate("404.html", layout: "404", title: "Page not found", description: "", extra: ["has_breadcrumbs": false], into: &made)
        return made
    }

    /// A folder of pages without an index.md gets a generated section page listing them.
    func sectionPages(content: SiteContent, into made: inout GeneratedPages) {
        let folders = Set(content.pages.map(\.folder)).filter { !$0.isEmpty }
        let listed = folders.sorted().filter { folder in !content.pages.contains(where: { $0.urlPath == folder + "/" }) }
        if let first = listed.first, !theme.hasLayout("section") {
            made.diagnostics.append(TemplateChecks.missingSectionLayout(site: site, folder: first))
        }
        for folder in listed {
            let children = content.pages.filter { $0.folder == folder }.sorted { $0.title < $1.title }.map { child -> TemplateValue in
                [
                    "title": .text(child.title), "url": .text(site.basePath + child.urlPath),
                    "description": .text(child.source.frontMatter.description ?? ""),
                ]
            }
            let name = String(folder.split(separator: "/").last ?? "").replacingOccurrences(of: "-", with: " ")
            let title = name.prefix(1).uppercased() + name.dropFirst()
            generate(
                folder + "/", layout: "section", title: title, description: "Pages about \(name.lowercased()).",
                extra: ["section_pages": .list(children), "has_section_pages": .bool(!children.isEmpty)], into: &made)
        }
    }

    /// The accessibility statement, from this build's advisory findings and the facts in plainsite.yml.
    func statement(documents: [NonAccessibleDocument], findings: [Diagnostic], into made: inout GeneratedPages) {
        let statement = AccessibilityStatement(
            site: site, organisation: project.organisation, settings: site.statement,
            problems: (findings + made.diagnostics).filter { $0.rule.hasPrefix("a11y/") && $0.severity == .warning },
            documents: documents)
        if theme.hasLayout("accessibility-statement") { made.diagnostics += statement.diagnostics(file: project.file) }
        guard statement.settings.missing.isEmpty else { return }
        let body = theme.render("partials/accessibility-statement", ["statement": .object(statement.context)])
        generate(
            "accessibility/", layout: "accessibility-statement", title: "Accessibility statement for \(site.title)",
            description: "How accessible this website is, and how to report a problem.", extra: ["body": .text(body)], into: &made)
    }

    /// One generated page, when the theme has its layout: rendered and checked.
    func generate(
        _ urlPath: String, layout: String, title: String, description: String, extra: TemplateContext, into made: inout GeneratedPages
    ) {
        guard theme.hasLayout(layout) else { return }
        var pageValues: TemplateContext = [
            "title": .text(title), "description": .text(description), "url": .text(site.basePath + urlPath),
            "canonical": .text(site.baseURL + urlPath), "layout": .text(layout),
        ]
        if let body = extra["body"] { pageValues["body"] = body }
        var context: TemplateContext = [
            "lang": .text(PageBuilder.htmlLang(site.languages[0])),
            "t": TemplateValue(pages.words[site.languages[0]] ?? theme.translations(for: site.languages[0])),
            "page": .object(pageValues),
            "site": .object(pages.siteValues()),
            "head_title": .text("\(title) - \(site.title)"),
            "data": TemplateValue(pages.shared.data),
            "nav": .list(pages.navigation.items(current: urlPath)),
            "has_nav": .bool(!pages.navigation.entries.isEmpty),
            "breadcrumbs": [["title": "Home", "url": .text(site.basePath)]],
            "has_breadcrumbs": true,
        ]
        for (key, value) in extra { context[key] = value }
        let file = theme.sources["layouts/\(layout)"] ?? layout
        let rendered = pages.render(context, layout: layout, urlPath: urlPath, file: file, markdownFile: nil, titleLine: 1)
        made.diagnostics += rendered.diagnostics
        made.files.append(rendered)
    }
}
