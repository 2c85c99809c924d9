import Diagnostics
import Markdown
import Project

/// Redirects from old addresses: each front-matter alias becomes a small page that sends
/// browsers on at once (meta refresh, canonical link and a plain link), and a `_redirects`
/// file for static hosts that read one. An alias that is another page's address, another
/// alias, absolute or climbing out of the site is an error.
public struct Redirects: Sendable {
    public struct Redirect: Sendable {
        public var from: String
        public var to: String
        public var source: String
        public var html: String
    }

    public private(set) var all: [Redirect] = []
    public private(set) var diagnostics: [Diagnostic] = []
    public let site: SiteConfiguration

    public init(pages: [ContentPage], site: SiteConfiguration) {
        self.site = site
        let pageURLs = Dictionary(pages.map { ($0.urlPath, $0.sourcePath) }, uniquingKeysWith: { first, _ in first })
        var taken: [String: String] = [:]
        for page in pages {
            for alias in page.source.frontMatter.aliases {
                let line = page.source.frontMatter.keyLines["aliases"] ?? 1
                if let bad = alias.unicodeScalars.first(where: { $0 != "/" && AddressName.badCharacter(in: String($0)) != nil }) {
                    diagnostics.append(
                        Diagnostic(
                            rule: "content/alias", severity: .error, file: page.sourcePath, line: line,
                            message: "The alias '\(alias)' has \(AddressName.describe(bad)), which cannot be in an address Plainsite redirects from.",
                            suggestion: "Write the old address with letters, digits, hyphens and slashes only, such as /old-page/."))
                    continue
                }
                guard let path = Redirects.normalise(alias) else {
                    diagnostics.append(
                        Diagnostic(
                            rule: "content/alias", severity: .error, file: page.sourcePath, line: line,
                            message: "The alias '\(alias)' is not an address inside this site.",
                            suggestion: "Write the old address from the site's root, such as /old-page/, without '..' or a web address."))
                    continue
                }
                if let other = pageURLs[path] {
                    diagnostics.append(
                        Diagnostic(
                            rule: "content/alias", severity: .error, file: page.sourcePath, line: line,
                            message: "The alias '\(alias)' is the address of \(other), so it cannot redirect.",
                            suggestion: "Remove the alias, or move the other page."))
                    continue
                }
                if let other = taken[path] {
                    diagnostics.append(
                        Diagnostic(
                            rule: "content/alias", severity: .error, file: page.sourcePath, line: line,
                            message: "The alias '\(alias)' is also an alias of \(other).",
                            suggestion: "Keep the alias on one page only."))
                    continue
                }
                taken[path] = page.sourcePath
                let target = site.basePath + page.urlPath
                all.append(
                    Redirect(
                        from: path, to: target, source: page.sourcePath,
                        html: Redirects.page(
                            to: target, canonical: site.baseURL + page.urlPath, title: page.title,
                            iconPath: site.basePath + "assets/favicon.svg")))
            }
        }
        all.sort { $0.from < $1.from }
    }

    /// "/old-page" or "old-page/" → "old-page/"; nil for absolute or escaping addresses.
    static func normalise(_ alias: String) -> String? {
        guard !LinkResolver.hasScheme(alias), !alias.hasPrefix("//") else { return nil }
        let parts = alias.split(separator: "/")
        guard alias.unicodeScalars.allSatisfy({ $0 == "/" || AddressName.badCharacter(in: String($0)) == nil }), !parts.isEmpty,
            !parts.contains(where: { $0 == ".." || $0 == "." })
        else { return nil }
        return parts.joined(separator: "/") + "/"
    }

    static func escape(_ text: String) -> String { escapeMarkup(text) }

    static func page(to target: String, canonical: String, title: String, iconPath: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'">
        <title>\(escape(title)) has moved</title>
        <link rel="canonical" href="\(escape(canonical))">
        <link rel="icon" href="\(escape(iconPath))" type="image/svg+xml">
        <meta http-equiv="refresh" content="0; url=\(escape(target))">
        </head>
        <body>
        <main id="main-content">
        <h1>\(escape(title)) has moved</h1>
        <p><a href="\(escape(target))">Go to \(escape(title))</a>.</p>
        </main>
        </body>
        </html>

        """
    }

    public func netlifyFile() -> String {
        all.map { "\(site.basePath)\($0.from) \($0.to) 301" }.joined(separator: "\n") + "\n"
    }
}
