/// Turns an address an editor wrote in a page into the address the published page uses.
///
/// - `https:`, `mailto:`, `tel:` and other addresses with a scheme, and `#fragment` links, are left alone.
/// - `/parking/` (root-relative) gets the site's base path in front.
/// - `bins.md` or `../parking.md` (a link to another Markdown file, relative to the page's file)
///   becomes the pretty URL of that page: `/bins/`, `/parking/`.
/// - any other relative address (an image beside the page) is made root-relative,
///   because pretty URLs put each page one folder deeper than its file.
public struct LinkResolver: Sendable {
    /// "/" or "/townhall/": where the site lives on its host.
    public let basePath: String
    /// The folder of the page's Markdown file inside the site's content folder ("" at the top).
    public let pageFolder: String

    public init(basePath: String, pageFolder: String) {
        self.basePath = basePath
        self.pageFolder = pageFolder
    }

    public static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), let first = url.first, first.isLetter else { return false }
        return url[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "." || $0 == "-" }
    }

    public func resolve(_ url: String) -> String {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") || LinkResolver.hasScheme(url) { return url }
        let splitIndex = url.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? url.endIndex
        let path = String(url[..<splitIndex])
        let suffix = String(url[splitIndex...])
        if path.isEmpty { return url }
        var components: [Substring] = path.hasPrefix("/") ? [] : pageFolder.split(separator: "/")
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                // An address above the site's root is left as written for the link checker to report.
                guard !components.isEmpty else { return url }
                components.removeLast()
            default: components.append(part)
            }
        }
        if let last = components.last, last.hasSuffix(".md") {
            let stem = last.dropLast(3)
            components.removeLast()
            if stem != "index" { components.append(stem) }
            return basePath + components.map { $0 + "/" }.joined() + suffix
        }
        let joined = components.joined(separator: "/")
        let trailing = path.hasSuffix("/") && !joined.isEmpty ? "/" : ""
        return basePath + joined + trailing + suffix
    }
}
