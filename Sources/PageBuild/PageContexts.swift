import Content
import Foundation
import Markdown
import Project
import Support
import Theme

/// The template context of each page: what its templates can name (`page`, `site`, `nav`,
/// `breadcrumbs`, the section's pages and events, the page's languages), as typed values.
extension PageBuilder {
    /// The template contexts of a page (without its rendered Markdown): the page itself, then
    /// the continuation pages of a long section list.
    func pageContexts(page: ContentPage, layout: String, navigation: Navigation, theme: Theme) -> [(urlPath: String, context: TemplateContext)] {
        let language = languageValues(of: page, theme: theme)
        var context = templateContext(page: page, layout: layout, html: "", navigation: navigation, structuredData: false)
        for (key, value) in language { context[key] = value }
        var contexts = [(urlPath: page.urlPath, context: context)]
        let listPages =
            layout == "news-list" ? PageBuilder.pagination(total: sectionPages(of: page).count, page: 1, baseURL: "").pages : 1
        if listPages > 1 {
            for number in 2...listPages {
                var listContext = templateContext(
                    page: page, layout: layout, html: "", navigation: navigation, listPage: number,
                    structuredData: false)
                for (key, value) in language { listContext[key] = value }
                listContext["head_title"] = .text("\(page.source.frontMatter.title ?? "") (page \(number) of \(listPages)) - \(site.title)")
                contexts.append((page.urlPath + "page/\(number)/", listContext))
            }
        }
        return contexts
    }

    /// Items on each page of a section list; later items go on /section/page/2/ and so on.
    static let itemsPerPage = 10

    /// The pagination of a section list: which slice of its pages, and links to the others.
    static func pagination(total: Int, page number: Int, baseURL: String) -> (range: Range<Int>, pages: Int, values: TemplateContext) {
        let pages = max(1, (total + itemsPerPage - 1) / itemsPerPage)
        let start = (number - 1) * itemsPerPage
        let range = min(start, total)..<min(start + itemsPerPage, total)
        func url(_ page: Int) -> String { page == 1 ? baseURL : baseURL + "page/\(page)/" }
        var values: TemplateContext = ["current": .int(number), "total": .int(pages), "has_pages": .bool(pages > 1)]
        if number > 1 { values["previous_url"] = .text(url(number - 1)); values["has_previous"] = true }
        if number < pages { values["next_url"] = .text(url(number + 1)); values["has_next"] = true }
        return (range, pages, values)
    }

    /// `structuredData: false` leaves out the JSON-LD, which is made from the page's front matter,
    /// layout and breadcrumbs only (all in the cache key): it is added when the page is rendered.
    func templateContext(
        page: ContentPage, layout: String, html: String, navigation: Navigation, listPage: Int = 1,
        structuredData: Bool = true
    ) -> TemplateContext {
        let frontMatter = page.source.frontMatter
        let title = frontMatter.title ?? ""
        var pageValues: TemplateContext = [
            "title": .text(title),
            "description": .text(frontMatter.description ?? ""),
            "body": .text(html),
            "url": .text(site.basePath + page.urlPath),
            "canonical": .text(site.baseURL + page.urlPath),
            "is_home": .bool(page.urlPath.isEmpty),
            "layout": .text(layout),
        ]
        let language = page.language ?? site.languages[0]
        for (key, value) in dateValues(of: page, language: language) { pageValues[key] = value }
        let allSections = sectionPages(of: page)
        let paged = PageBuilder.pagination(total: allSections.count, page: listPage, baseURL: site.basePath + page.urlPath)
        let sections = Array(allSections[paged.range])
        let trail = breadcrumbs(of: page)
        for (key, value) in eventValues(of: page, language: language) { pageValues[key] = value }
        if structuredData {
            pageValues["json_ld"] = .text(
                StructuredData(site: site, organisation: project.organisation).json(
                    page: page, layout: layout, breadcrumbs: .list(trail)))
        }
        return [
            "has_news_feed": .bool(hasNewsFeed),
            "breadcrumbs": .list(trail),
            "has_breadcrumbs": .bool(!trail.isEmpty),
            "page": .object(pageValues),
            "site": .object(siteValues()),
            "head_title": .text(title == site.title || title.isEmpty ? site.title : "\(title) - \(site.title)"),
            "nav": .list(navigation.items(current: page.urlPath)),
            "has_nav": .bool(!navigation.entries.isEmpty),
            "data": TemplateValue(shared.data),
            "section_pages": .list(sections),
            "pagination": .object(paged.values),
            "has_section_pages": .bool(!sections.isEmpty),
        ]
    }

    /// A page's dates, time, venue and access in the page's language.
    func dateValues(of page: ContentPage, language: String) -> TemplateContext {
        let frontMatter = page.source.frontMatter
        var pageValues: TemplateContext = [:]
        if let date = frontMatter.date {
            pageValues["date"] = .text(date.description)
            pageValues["date_long"] = .text(date.longForm(in: language))
            pageValues["date_full"] = .text(date.fullForm(in: language))
        }
        if let time = frontMatter.time { pageValues["time"] = .text(time) }
        if let venue = frontMatter.venue { pageValues["venue"] = .text(venue) }
        if let access = frontMatter.access { pageValues["access"] = .text(access) }
        if let updated = frontMatter.updated {
            pageValues["updated"] = .text(updated.description)
            pageValues["updated_long"] = .text(updated.longForm(in: language))
        }
        return pageValues
    }

    /// Events in the page's section, split at build time into upcoming (soonest first) and past (latest first).
    func eventValues(of page: ContentPage, language: String) -> TemplateContext {
        var pageValues: TemplateContext = [:]
        let events = (eventsByFolder[page.folder] ?? []).filter { $0.relativePath != page.relativePath }
        func eventItem(_ other: ContentPage) -> TemplateValue {
            var item: TemplateContext = [
                "title": .text(other.title), "url": .text(site.basePath + other.urlPath),
                "description": .text(other.source.frontMatter.description ?? ""),
            ]
            if let date = other.source.frontMatter.date {
                item["date"] = .text(date.description)
                item["date_long"] = .text(date.longForm(in: language))
            }
            return .object(item)
        }
        let upcoming = events.filter { ($0.source.frontMatter.date ?? today) >= today }
            .sorted { ($0.source.frontMatter.date ?? today, $0.title) < ($1.source.frontMatter.date ?? today, $1.title) }.map(eventItem)
        let past = events.filter { ($0.source.frontMatter.date ?? today) < today }
            .sorted { ($0.source.frontMatter.date ?? today, $1.title) > ($1.source.frontMatter.date ?? today, $0.title) }.map(eventItem)
        pageValues["upcoming_events"] = .list(upcoming)
        pageValues["has_upcoming_events"] = .bool(!upcoming.isEmpty)
        pageValues["past_events"] = .list(past)
        pageValues["has_past_events"] = .bool(!past.isEmpty)
        return pageValues
    }

    public func siteValues() -> TemplateContext {
        var siteValues: TemplateContext = [
            "id": .text(site.id),
            "title": .text(site.title),
            "organisation": .text(project.organisation),
            "base_path": .text(site.basePath),
            "base_url": .text(site.baseURL),
            // The organisation's own main site is not "run by" itself: the footer says so only for other sites.
            "run_by_other": .bool(!SiteConfiguration.sameName(site.title, project.organisation)),
            // Without its facts the statement is not written, so the theme links to it only when it is.
            "has_accessibility_statement": .bool(site.statement.missing.isEmpty),
        ]
        if let logo = site.logo { siteValues["logo"] = .text(site.basePath + "assets/" + logo) }
        // The address the page feedback link emails: set only when it is not empty, so no page links to a bare "mailto:".
        if let email = FeedbackAddress.address(in: shared.data) { siteValues["feedback_email"] = .text(email) }
        return siteValues
    }

    /// A page's translations by language code (its own included), matched by file name:
    /// `bins.md` and `bins.cy.md` are twins.
    func twins(of page: ContentPage) -> [String: ContentPage] {
        let key = ContentPage.twinKey(of: page.relativePath, language: page.language)
        var found: [String: ContentPage] = [:]
        for other in pagesByFolder[page.folder] ?? [] where ContentPage.twinKey(of: other.relativePath, language: other.language) == key {
            found[other.language ?? site.languages[0]] = other
        }
        return found
    }

    /// What the templates need for a page's language: its code, the theme's words in it, the
    /// links to its translations (hreflang), and notices for the languages it has no twin in.
    func languageValues(of page: ContentPage, theme: Theme) -> TemplateContext {
        let language = page.language ?? site.languages[0]
        var values: TemplateContext = [
            "lang": .text(PageBuilder.htmlLang(language)), "t": TemplateValue(words[language] ?? theme.translations(for: language)),
        ]
        guard site.languages.count > 1 else { return values }
        let pageTwins = twins(of: page)
        var alternates: [TemplateValue] = [], switches: [TemplateValue] = [], notices: [TemplateValue] = []
        for code in site.languages {
            let words = (words[code] ?? theme.translations(for: code))
            if let twin = pageTwins[code] {
                alternates.append(["lang": .text(code), "url": .text(site.baseURL + twin.urlPath)])
                if code != language {
                    switches.append(["lang": .text(code), "url": .text(site.basePath + twin.urlPath), "text": .text(words["language_switch"] ?? code)])
                }
            } else {
                notices.append(["lang": .text(code), "text": .text(words["no_translation"] ?? "")])
            }
        }
        values["alternates"] = .list(alternates)
        values["language_switches"] = .list(switches)
        values["missing_translations"] = .list(notices)
        values["has_language_links"] = .bool(!switches.isEmpty || !notices.isEmpty)
        return values
    }

    /// The `lang` of a page: British English for "en", the code itself otherwise.
    public static func htmlLang(_ code: String) -> String { code == "en" ? "en-GB" : code }

    /// The pages above this one: the home page, then each section (folder) with an index page.
    func breadcrumbs(of page: ContentPage) -> [TemplateValue] {
        guard !page.urlPath.isEmpty else { return [] }
        var trail: [TemplateValue] = [["title": "Home", "url": .text(site.basePath)]]
        let parts = page.urlPath.split(separator: "/").dropLast()
        var path = ""
        for part in parts {
            path += part + "/"
            if let section = pageByURL[path] {
                trail.append(["title": .text(section.title), "url": .text(site.basePath + path)])
            }
        }
        return trail
    }

    /// The other pages in the same folder as an index page (a section's articles or events),
    /// newest first by front-matter date, then by title.
    func sectionPages(of page: ContentPage) -> [TemplateValue] {
        guard page.relativePath.hasSuffix("index.md") else { return [] }
        let folder = page.folder
        let undated = SimpleDate("1900-01-01")!, basePath = site.basePath
        // Sorted by keys made once per page (a section can hold thousands of pages).
        let others = (pagesByFolder[folder] ?? []).filter { $0.relativePath != page.relativePath }
        let keys = others.map { ($0.source.frontMatter.date ?? undated, $0.title) }
        return others.indices.sorted { (keys[$0].0, keys[$1].1) > (keys[$1].0, keys[$0].1) }
            .map { others[$0] }
            .map { other in
                var item: TemplateContext = [
                    "title": .text(other.title), "url": .text(basePath + other.urlPath),
                    "description": .text(other.source.frontMatter.description ?? ""),
                ]
                if let date = other.source.frontMatter.date {
                    item["date"] = .text(date.description)
                    item["date_long"] = .text(date.longForm(in: page.language ?? site.languages[0]))
                }
                return TemplateValue.object(item)
            }
    }
}

/// The site's main menu: top-level pages and sections, in front-matter `order`, then by title.
public struct Navigation: Sendable {
    public struct Entry: Sendable {
        let title: String
        let urlPath: String
        let order: Int?
    }

    public let entries: [Entry]
    let basePath: String

    public init(pages: [ContentPage], basePath: String) {
        self.basePath = basePath
        let topLevel = pages.filter { $0.urlPath.split(separator: "/").count == 1 && $0.source.frontMatter.order != nil }
        entries =
            topLevel
            .map { Entry(title: $0.title, urlPath: $0.urlPath, order: $0.source.frontMatter.order) }
            .sorted { ($0.order ?? Int.max, $0.title) < ($1.order ?? Int.max, $1.title) }
    }

    public func items(current: String) -> [TemplateValue] {
        entries.map { entry in
            var item: TemplateContext = ["title": .text(entry.title), "url": .text(basePath + entry.urlPath)]
            // aria-current: "page" on the page itself, "true" on the section the page is in.
            if current == entry.urlPath {
                item["current"] = "page"
            } else if current.hasPrefix(entry.urlPath) {
                item["current"] = "true"
            }
            return .object(item)
        }
    }
}
