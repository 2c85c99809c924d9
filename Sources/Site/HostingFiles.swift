import Foundation
import Markdown
import Theme

/// What web servers and static hosts read beside a site: security headers, redirects from old
/// addresses, the 404 page and cache lifetimes, as `_headers` (Netlify, Cloudflare Pages),
/// `nginx.conf` (an include for a `server` block), `.htaccess` (Apache) and `web.config` (IIS).
/// Every path and value is checked against a short list of characters first, so nothing from
/// content or configuration can add a directive of its own (see docs/deploy.md).
struct HostingFiles {
    /// An old address inside the site ("old/bins/") and the address it moved to ("/base/bins/").
    struct Alias: Equatable {
        var from: String
        var to: String
    }

    /// The site's path on its host, "/" or "/base/".
    let basePath: String
    let aliases: [Alias]
    /// Name and value of each security header, in the order they are written.
    let headers: [(name: String, value: String)]

    /// Files the generated configurations hide from visitors (server configuration, not pages).
    static let hidden = ["_headers", "_redirects", "nginx.conf", ".htaccess", "web.config"]
    /// Theme assets are not fingerprinted (a changed style sheet keeps its name), so they are
    /// cached for an hour rather than marked immutable.
    static let assetCacheControl = "public, max-age=3600"
    static let assetCacheSeconds = 3600

    /// The fixed headers besides the page's Content-Security-Policy.
    static let fixedHeaders = [
        (name: "X-Content-Type-Options", value: "nosniff"),
        (name: "Referrer-Policy", value: "strict-origin-when-cross-origin"),
        (name: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()"),
    ]

    /// nil when the base path, an alias or the policy holds a character outside the safe lists.
    init?(basePath: String, aliases: [Alias], contentSecurityPolicy: String?) {
        guard HostingFiles.isSafePath(basePath), basePath.hasPrefix("/"), basePath.hasSuffix("/"),
            aliases.allSatisfy({
                HostingFiles.isSafePath($0.from) && !$0.from.hasPrefix("/")
                    && HostingFiles.isSafePath($0.to) && $0.to.hasPrefix(basePath)
            })
        else { return nil }
        if let policy = contentSecurityPolicy, !HostingFiles.isSafeValue(policy) { return nil }
        self.basePath = basePath
        self.aliases = aliases
        headers = (contentSecurityPolicy.map { [(name: "Content-Security-Policy", value: $0)] } ?? []) + HostingFiles.fixedHeaders
    }

    /// Only ASCII letters, digits and `-_.~/`, with no empty, "." or ".." segment.
    static func isSafePath(_ path: String) -> Bool {
        let allowed = path.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.~/".unicodeScalars.contains($0)) }
        var segments = path.split(separator: "/", omittingEmptySubsequences: false)[...]
        if path.hasPrefix("/") { segments = segments.dropFirst() }
        if path.hasSuffix("/") { segments = segments.dropLast() }
        return allowed && !segments.contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// A header value without quotes, backslashes, `$`, `%`, braces or line breaks.
    static func isSafeValue(_ value: String) -> Bool {
        !value.isEmpty
            && value.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || " '-;:/.*_=+,@()".unicodeScalars.contains($0))
            }
    }

    /// The Content-Security-Policy of a base template's meta tag, or nil when it has none.
    static func contentSecurityPolicy(inTemplate text: String) -> String? {
        guard let meta = text.range(of: "http-equiv=\"Content-Security-Policy\""),
            let start = text[meta.upperBound...].range(of: "content=\""),
            let end = text[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(text[start.upperBound..<end])
    }

    // MARK: Netlify and Cloudflare Pages

    /// `_headers`: the security headers on every path, and the cache lifetime on assets.
    func netlifyHeaders() -> String {
        var lines = ["\(basePath)*"] + headers.map { "  \($0.name): \($0.value)" }
        lines += ["", "\(basePath)assets/*", "  Cache-Control: \(Self.assetCacheControl)"]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: nginx

    /// An include for a `server` block whose `root` holds this site at its base path.
    func nginx() -> String {
        let security = headers.map { "add_header \($0.name) \"\($0.value)\" always;" }
        var lines =
            [
                "# Plainsite: hosting rules for the site at \(basePath). Include this file inside a server block",
                "# whose root is the folder that holds the site at \(basePath) (see docs/deploy.md).",
                "error_page 404 \(basePath)404.html;",
            ] + security
        // A location with add_header of its own inherits none from the server, so the security headers are repeated.
        lines +=
            ["location ^~ \(basePath)assets/ {"] + (security + ["add_header Cache-Control \"\(Self.assetCacheControl)\" always;"]).map { "    " + $0 } + ["}"]
        lines += Self.hidden.map { "location = \(basePath)\($0) { return 404; }" }
        lines += aliases.map { "location = \(basePath)\($0.from) { return 301 \($0.to); }" }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Apache

    /// `.htaccess` for Apache 2.4 (mod_alias and mod_headers, `AllowOverride FileInfo`).
    func htaccess() -> String {
        let hidden = Self.hidden.filter { $0 != ".htaccess" }.map(Self.regex).joined(separator: "|")
        var lines =
            [
                "# Plainsite: hosting rules for the site at \(basePath) (Apache 2.4, see docs/deploy.md).",
                "ErrorDocument 404 \(basePath)404.html",
            ] + headers.map { "Header always set \($0.name) \"\($0.value)\"" }
        lines += [
            "<If \"%{REQUEST_URI} =~ m#^\(Self.regex(basePath))assets/#\">",
            "    Header always set Cache-Control \"\(Self.assetCacheControl)\"", "</If>",
        ]
        lines.append("RedirectMatch 404 ^\(Self.regex(basePath))(\(hidden))$")
        lines += aliases.map { "RedirectMatch 301 ^\(Self.regex(basePath + $0.from))$ \($0.to)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A safe path as a regular expression that matches only itself (dots are the only special characters in it).
    static func regex(_ path: String) -> String { path.replacingOccurrences(of: ".", with: "\\.") }

    // MARK: IIS

    /// `web.config` for IIS 10 (the redirects need the URL Rewrite module).
    func webConfig() -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<!-- Plainsite: hosting rules for the site at \(basePath) (IIS 10, see docs/deploy.md). -->",
            "<configuration>", "  <system.webServer>",
            "    <httpErrors errorMode=\"Custom\" existingResponse=\"Replace\">",
            "      <remove statusCode=\"404\" subStatusCode=\"-1\" />",
            "      <error statusCode=\"404\" path=\"\(basePath)404.html\" responseMode=\"ExecuteURL\" />",
            "    </httpErrors>", "    <httpProtocol>", "      <customHeaders>",
        ]
        for header in headers {
            lines.append("        <remove name=\"\(header.name)\" />")
            lines.append("        <add name=\"\(header.name)\" value=\"\(escapeMarkup(header.value))\" />")
        }
        lines += ["      </customHeaders>", "    </httpProtocol>"] + iisRewrite() + ["  </system.webServer>"]
        lines += [
            "  <location path=\"assets\">", "    <system.webServer>", "      <staticContent>",
            "        <clientCache cacheControlMode=\"UseMaxAge\" cacheControlMaxAge=\"\(Self.iisDuration(Self.assetCacheSeconds))\" cacheControlCustom=\"public\" />",
            "      </staticContent>", "    </system.webServer>", "  </location>", "</configuration>",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// URL Rewrite rules, one exact match for each alias (none, and no module needed, without aliases).
    private func iisRewrite() -> [String] {
        guard !aliases.isEmpty else { return [] }
        var lines = ["    <rewrite>", "      <rules>"]
        for alias in aliases {
            lines += [
                "        <rule name=\"Moved: \(alias.from)\" stopProcessing=\"true\">",
                "          <match url=\"^\(Self.regex(alias.from))$\" />",
                "          <action type=\"Redirect\" url=\"\(alias.to)\" redirectType=\"Permanent\" />",
                "        </rule>",
            ]
        }
        return lines + ["      </rules>", "    </rewrite>"]
    }

    /// Seconds as IIS writes a time span: "01:00:00", or "1.00:00:00" for a day.
    static func iisDuration(_ seconds: Int) -> String {
        let days = seconds / 86400, time = String(format: "%02d:%02d:%02d", seconds % 86400 / 3600, seconds % 3600 / 60, seconds % 60)
        return days > 0 ? "\(days).\(time)" : time
    }

    /// Every file, by its path inside the site.
    func files() -> [(path: String, text: String)] {
        [("_headers", netlifyHeaders()), ("nginx.conf", nginx()), (".htaccess", htaccess()), ("web.config", webConfig())]
    }
}
