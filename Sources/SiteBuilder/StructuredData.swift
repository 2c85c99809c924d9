import Content
import Foundation
import Markdown
import Project

/// schema.org JSON-LD for a page: the council as a GovernmentOrganization, the breadcrumb
/// trail, and a NewsArticle, Event or GovernmentService where the page is one.
struct StructuredData {
    let site: SiteConfiguration
    let organisation: String

    func json(page: ContentPage, layout: String, breadcrumbs: [[String: Any]]) -> String {
        let frontMatter = page.source.frontMatter
        let url = site.baseURL + page.urlPath
        let publisher: [String: Any] = ["@type": "GovernmentOrganization", "name": organisation, "url": site.baseURL]
        var graph: [[String: Any]] = []
        if page.urlPath.isEmpty {
            graph.append(publisher)
        }
        if !breadcrumbs.isEmpty {
            var items: [[String: Any]] = []
            for (index, crumb) in breadcrumbs.enumerated() {
                let path = (crumb["url"] as? String ?? "").dropFirst(site.basePath.count)
                items.append(["@type": "ListItem", "position": index + 1, "name": crumb["title"] as? String ?? "", "item": site.baseURL + path])
            }
            items.append(["@type": "ListItem", "position": items.count + 1, "name": frontMatter.title ?? "", "item": url])
            graph.append(["@type": "BreadcrumbList", "itemListElement": items])
        }
        if layout == "news", let date = frontMatter.date {
            var article: [String: Any] = [
                "@type": "NewsArticle", "headline": frontMatter.title ?? "", "datePublished": date.description,
                "url": url, "publisher": publisher, "description": frontMatter.description ?? "",
            ]
            if let updated = frontMatter.updated { article["dateModified"] = updated.description }
            graph.append(article)
        }
        if layout == "event", let date = frontMatter.date {
            graph.append([
                "@type": "Event", "name": frontMatter.title ?? "", "startDate": date.description, "url": url,
                "description": frontMatter.description ?? "", "organizer": publisher,
                "location": ["@type": "Place", "name": frontMatter.venue ?? site.title, "url": site.baseURL] as [String: Any],
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            ])
        }
        for service in frontMatter.services {
            graph.append([
                "@type": "GovernmentService", "name": service, "url": url, "provider": publisher,
                "description": frontMatter.description ?? "",
            ])
        }
        guard !graph.isEmpty,
            let data = try? FastJSON.encode(["@context": "https://schema.org", "@graph": graph] as [String: Any])
        else { return "" }
        return FastJSON.forHTML(data)
    }
}
