import Foundation
import Markdown
import PageBuild
import Support

/// The sitemaps of a site (sitemaps.org protocol 0.9): one sitemap.xml while the site has at
/// most `limit` addresses, otherwise sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml …
/// of at most `limit` addresses each, as search engines read no more than 50,000 from one file.
extension SiteFiles {
    /// The most addresses one sitemap may list.
    static let sitemapLimit = 50_000

    /// Each sitemap file (path in the site → text), sitemap.xml first.
    func sitemaps(limit: Int = SiteFiles.sitemapLimit) -> [(path: String, text: String)] {
        guard published.count > limit else { return [("sitemap.xml", sitemap(published[...]))] }
        let parts = stride(from: 0, to: published.count, by: limit).map { published[$0..<min($0 + limit, published.count)] }
        var index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        var files: [(path: String, text: String)] = []
        for (number, part) in parts.enumerated() {
            let path = "sitemap-\(number + 1).xml"
            index += "<sitemap><loc>\(SiteFiles.xml(site.baseURL + path))</loc>"
            if let latest = part.compactMap({ $0.updated ?? $0.date }).max() { index += "<lastmod>\(latest)</lastmod>" }
            index += "</sitemap>\n"
            files.append((path, sitemap(part)))
        }
        return [("sitemap.xml", index + "</sitemapindex>\n")] + files
    }

    /// One sitemap listing these pages.
    func sitemap(_ pages: ArraySlice<PageInfo>) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            out += "<url><loc>\(SiteFiles.xml(site.baseURL + page.urlPath))</loc>"
            if let date = page.updated ?? page.date { out += "<lastmod>\(date)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }
}
