import Accessibility
import Content
import Diagnostics
import Foundation
import Markdown
import Project
import Support

/// Checks across pages once every site is built: internal links (to this site or another
/// of the council's sites) lead to a built file and an existing #fragment, and page titles
/// are unique within a site. External links are not fetched.
public struct SiteChecks: Sendable {
    public let sites: [SiteConfiguration]
    public let built: [BuiltPage]
    /// Site id → paths of files that are not pages (assets, images, documents).
    public let files: [String: Set<String>]

    public init(sites: [SiteConfiguration], built: [BuiltPage], files: [String: Set<String>]) {
        self.sites = sites
        self.built = built
        self.files = files
    }

    /// A relative address still starting with '..' after the page's folder was applied: it points above the site's root.
    static func climbsOutOfSite(_ url: String) -> Bool {
        !url.hasPrefix("/") && !LinkResolver.hasScheme(url) && url.split(separator: "/").contains("..")
    }

    public func run() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var pagesBySite: [String: [String: BuiltPage]] = [:]
        for page in built { pagesBySite[page.site, default: [:]][page.urlPath] = page }
        let pages = pagesBySite

        // Each page's links are checked on every core; findings are gathered in page order.
        let sitesByID = Dictionary(sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let linkFindings = parallelMap(built) { page -> [Diagnostic] in
            guard let site = sitesByID[page.site] else { return [] }
            var diagnostics: [Diagnostic] = []
            for link in page.links {
                guard let target = resolve(link.url, from: page, site: site) else { continue }
                guard let sitePages = pages[target.site] else { continue }
                let path = target.path
                var targetPage = sitePages[path]
                if targetPage == nil, !path.isEmpty, !path.hasSuffix("/") { targetPage = sitePages[path + "/"] }
                if targetPage == nil && !(files[target.site]?.contains(path) ?? false) && SiteChecks.climbsOutOfSite(link.url) {
                    diagnostics.append(
                        Diagnostic(
                            rule: "links/outside-site", severity: .error, file: link.file, line: link.line, column: link.column,
                            message: "The address '\(link.url)' climbs out of the site's folder with '..', so Plainsite will not publish it.",
                            suggestion: "Put the file inside \(site.contentFolder)/ and write its address from there, for example /leaflets/bins.pdf."))
                    continue
                }
                if targetPage == nil && !(files[target.site]?.contains(path) ?? false) {
                    // Sorted, so a tie between equally close addresses is broken the same way every time.
                    let known = sitePages.keys.sorted().map { "/" + $0 }
                    let closest = known.min { editDistance("/" + path, $0) < editDistance("/" + path, $1) }
                    diagnostics.append(
                        Diagnostic(
                            rule: "links/broken", severity: .error, file: link.file, line: link.line, column: link.column,
                            message: "The link to '\(link.url)' goes to a page or file that does not exist.",
                            suggestion: closest.map { "Did you mean '\($0)'? A page content/\(target.site)/folder/page.md is at /folder/page/." }
                                ?? "Check the address: a page content/\(target.site)/folder/page.md is at /folder/page/."))
                    continue
                }
                if let fragment = target.fragment, !fragment.isEmpty, let targetPage, !targetPage.anchors.contains(fragment) {
                    let suggestions = targetPage.anchors.filter { !$0.hasPrefix("fn") && $0 != "main-content" }.sorted()
                    diagnostics.append(
                        Diagnostic(
                            rule: "links/fragment", severity: .error, file: link.file, line: link.line, column: link.column,
                            message: "The link to '\(link.url)' goes to a section '#\(fragment)' that is not on that page.",
                            suggestion: suggestions.isEmpty
                                ? "Link to the page without '#\(fragment)'."
                                : "A heading's id is its words in lower case joined by hyphens. That page has: \(suggestions.prefix(8).map { "#" + $0 }.joined(separator: ", "))."
                        ))
                }
            }
            return diagnostics
        }
        for findings in linkFindings { diagnostics += findings }

        // Page titles are unique within a site, so each tab and search result can be told apart.
        for site in sites {
            var seen: [String: BuiltPage] = [:]
            for page in built.filter({ $0.site == site.id }).sorted(by: { $0.sourcePath < $1.sourcePath }) where !page.title.isEmpty {
                if let first = seen[page.title] {
                    diagnostics.append(
                        Diagnostic(
                            rule: "a11y/page-title-unique", severity: .error, file: page.sourcePath, line: page.titleLine,
                            message: "This page has the same title as \(first.sourcePath): '\(page.title)'. (WCAG 2.2 2.4.2 Page Titled)",
                            suggestion: "Give each page a title that says what it alone is about."))
                } else {
                    seen[page.title] = page
                }
            }
        }
        return diagnostics
    }

    struct Target: Equatable {
        public var site: String
        /// Inside the site, without the base path: "" for the home page, "parking/", "assets/plainsite.css".
        public var path: String
        public var fragment: String?
    }

    /// Where a link on a page goes, if it is to one of the council's sites.
    func resolve(_ url: String, from page: BuiltPage, site: SiteConfiguration) -> Target? {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") { return nil }
        // Most links are plain addresses in the site ("/bins/", "/assets/site.css"): with no
        // fragment, query, escapes, dot segments or doubled slashes, the path is what follows
        // the base path.
        if let path = SiteChecks.plainPath(url, basePath: site.basePath) { return Target(site: site.id, path: path, fragment: nil) }
        return resolveInGeneral(url, from: page, site: site)
    }

    /// Any address: fragments, queries, other sites' addresses, relative paths, dot segments, escapes.
    func resolveInGeneral(_ url: String, from page: BuiltPage, site: SiteConfiguration) -> Target? {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") { return nil }
        var address = url
        var fragment: String?
        if let hash = address.firstIndex(of: "#") {
            fragment = SiteChecks.removingPercentEncoding(String(address[address.index(after: hash)...]))
            address = String(address[..<hash])
        }
        if let query = address.firstIndex(of: "?") { address = String(address[..<query]) }
        if LinkResolver.hasScheme(address) {
            guard let other = sites.filter({ address.hasPrefix($0.baseURL) }).max(by: { $0.baseURL.count < $1.baseURL.count }) else { return nil }
            return Target(site: other.id, path: SiteChecks.removingPercentEncoding(String(address.dropFirst(other.baseURL.count))) ?? "", fragment: fragment)
        }
        var path: String
        if address.hasPrefix("/") {
            guard address.hasPrefix(site.basePath) || address + "/" == site.basePath else {
                return Target(site: site.id, path: "\u{0}outside" + address, fragment: fragment)
            }
            path = String(address.dropFirst(min(site.basePath.count, address.count)))
        } else {
            path = page.urlPath + address
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        var normalised = parts.joined(separator: "/")
        if path.hasSuffix("/") && !normalised.isEmpty { normalised += "/" }
        return Target(site: site.id, path: SiteChecks.removingPercentEncoding(normalised) ?? normalised, fragment: fragment)
    }

    /// The path inside the site of an absolute address that needs no further work, or nil.
    public static func plainPath(_ url: String, basePath: String) -> String? {
        var url = url
        return url.withUTF8 { bytes -> String? in
            guard bytes.count > 0, bytes[0] == UInt8(ascii: "/") else { return nil }
            var previous: UInt8 = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "%"), UInt8(ascii: "\\"): return nil
                case UInt8(ascii: "/") where previous == UInt8(ascii: "/"): return nil
                case UInt8(ascii: "."): if previous == UInt8(ascii: "/") { return nil }
                default: break
                }
                previous = byte
            }
            var base = basePath
            return base.withUTF8 { prefix -> String? in
                guard bytes.count >= prefix.count, memcmp(bytes.baseAddress!, prefix.baseAddress!, prefix.count) == 0 else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[prefix.count...]), as: UTF8.self)
            }
        }
    }

    /// Foundation's `removingPercentEncoding`, without its cost for the usual address with no '%'
    /// (which it returns unchanged).
    public static func removingPercentEncoding(_ text: String) -> String? {
        text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding : text
    }
}
