import Content
import Foundation
import Markdown
import Project
import Support
import Theme

/// schema.org JSON-LD for a page: the council as a GovernmentOrganization, the breadcrumb
/// trail, and a NewsArticle, Event or GovernmentService where the page is one.
struct StructuredData {
    let site: SiteConfiguration
    let organisation: String

    func json(page: ContentPage, layout: String, breadcrumbs: TemplateValue?) -> String {
        let frontMatter = page.source.frontMatter
        let url = site.baseURL + page.urlPath
        let publisher: JSONValue = ["@type": "GovernmentOrganization", "name": .string(organisation), "url": .string(site.baseURL)]
        var graph: [JSONValue] = []
        if page.urlPath.isEmpty {
            graph.append(publisher)
        }
        if case .list(let crumbs)? = breadcrumbs, !crumbs.isEmpty {
            var items: [JSONValue] = []
            for (index, crumb) in crumbs.enumerated() {
                let path = (crumb["url"]?.text ?? "").dropFirst(site.basePath.count)
                items.append([
                    "@type": "ListItem", "position": .int(index + 1), "name": .string(crumb["title"]?.text ?? ""),
                    "item": .string(site.baseURL + path),
                ])
            }
            items.append(["@type": "ListItem", "position": .int(items.count + 1), "name": .string(frontMatter.title ?? ""), "item": .string(url)])
            graph.append(["@type": "BreadcrumbList", "itemListElement": .array(items)])
        }
        if layout == "news", let date = frontMatter.date {
            var article: [String: JSONValue] = [
                "@type": "NewsArticle", "headline": .string(frontMatter.title ?? ""), "datePublished": .string(date.description),
                "url": .string(url), "publisher": publisher, "description": .string(frontMatter.description ?? ""),
            ]
            if let updated = frontMatter.updated { article["dateModified"] = .string(updated.description) }
            graph.append(.object(article))
        }
        if layout == "event", let date = frontMatter.date {
            graph.append([
                "@type": "Event", "name": .string(frontMatter.title ?? ""), "startDate": .string(date.description), "url": .string(url),
                "description": .string(frontMatter.description ?? ""), "organizer": publisher,
                "location": ["@type": "Place", "name": .string(frontMatter.venue ?? site.title), "url": .string(site.baseURL)],
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            ])
        }
        for service in frontMatter.services {
            graph.append([
                "@type": "GovernmentService", "name": .string(service), "url": .string(url), "provider": publisher,
                "description": .string(frontMatter.description ?? ""),
            ])
        }
        guard !graph.isEmpty else { return "" }
        return FastJSON.forHTML(FastJSON.encode(["@context": "https://schema.org", "@graph": .array(graph)]))
    }
}
