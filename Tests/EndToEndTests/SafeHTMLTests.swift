import Foundation
import HTML
import Project
import SiteBuilder
import XCTest

/// Safe HTML (raw HTML, script addresses, XSS payloads, the Content-Security-Policy), through
/// the real `plainsite`.
final class SafeHTMLTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var project: TestProject!

    override func setUpWithError() throws { project = try TestProject() }
    override func tearDownWithError() throws { project.remove() }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: project.root.appendingPathComponent(path).path)
    }

    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-out-\(UUID().uuidString)")
    }

    // MARK: Raw HTML

    func testRawHTMLAllowListFromPlainsiteYML() throws {
        try project.write(
            "plainsite.yml", "raw_html: [kbd, abbr title]\ntheme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n")
        try project.write(
            "content/main/keys.md",
            "---\ntitle: Keys\ndescription: Keys.\n---\nPress <kbd>Ctrl</kbd> to pay your <abbr title=\"Council Tax\" onmouseover=\"steal()\">CT</abbr>.\n")
        let refused = try project.run(["build"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(
            refused.err.contains(
                "content/main/keys.md\n  5:35  error  The attribute 'onmouseover' in '<abbr title=\"Council Tax\" onmouseover=\"steal()\">' is not allowed in raw HTML on this site.  markdown/raw-html\n      → Use only title on <abbr>."
            ), refused.err)
        try project.write(
            "content/main/keys.md", "---\ntitle: Keys\ndescription: Keys.\n---\nPress <kbd>Ctrl</kbd> to pay your <abbr title=\"Council Tax\">CT</abbr>.\n")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        XCTAssertTrue(try project.read("site/main/keys/index.html").contains("Press <kbd>Ctrl</kbd> to pay your <abbr title=\"Council Tax\">CT</abbr>."))
        let lint = try project.run(["lint", "content/main/keys.md"])
        XCTAssertFalse(lint.err.contains("markdown/raw-html") || lint.out.contains("markdown/raw-html"), "lint reads the site's raw_html too: \(lint.err)")

        try project.write(
            "plainsite.yml", "raw_html: [kbd, script, a href]\ntheme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n")
        let config = try project.run(["build"])
        XCTAssertEqual(config.status, 2)
        XCTAssertTrue(
            config.err.contains(
                "  1:1  error  'raw_html' lists 'script', but 'script' is not one of the harmless elements Plainsite can allow.  config/raw-html\n      → Allow only some of: abbr, b, bdi,"
            ), config.err)
        XCTAssertTrue(config.err.contains("'raw_html' lists 'a href', but 'a' is not one"), config.err)
    }

    func testScriptAddressesAreErrorsNamingFileLineAndColumn() throws {
        try project.write(
            "content/main/pay.md", "---\ntitle: Pay\ndescription: Pay.\n---\nIntro.\n\n- [Pay now](JaVaScRiPt:pay()) or ![Map](data:text/html,<b>x</b>)\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(
            result.err.contains(
                "content/main/pay.md\n  7:3  error  This link's address starts with 'javascript:', which runs a script instead of opening a page, so Plainsite will not publish it.  markdown/unsafe-url\n      → Link to a page instead, for example [Pay a bill](/pay/) or [Pay online](https://www.example.gov.uk/pay)."
            ), result.err)
        XCTAssertTrue(
            result.err.contains(
                "  7:34  error  This image's address starts with 'data:' but is not a PNG, GIF, JPEG or WebP picture, so Plainsite will not publish it.  markdown/unsafe-url\n      → Save the image as a .png, .jpg or .webp file beside the page and write ![what it shows](picture.png)."
            ), result.err)
        XCTAssertFalse(exists("site/main/pay"))
    }

    // MARK: XSS payloads and the Content-Security-Policy

    /// A copy of the repository's configuration, themes and content in the test project.
    func useSampleProject() throws {
        let manager = FileManager.default
        for item in ["plainsite.yml", "themes", "content"] {
            let target = project.root.appendingPathComponent(item)
            try? manager.removeItem(at: target)
            try manager.copyItem(at: Self.repository.appendingPathComponent(item), to: target)
        }
    }

    static let payloads = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "</title><script>alert(1)</script>",
        "{{#site}}{{title}}{{/site}}", "' onmouseover='alert(1)",
    ]

    /// Every element and attribute of a page that could run a script.
    func scriptProblems(in html: String, file: String) -> [String] {
        let document = HTMLDocument(html: html)
        var problems: [String] = []
        for element in document.allElements {
            for (name, value) in element.attributes {
                if name.hasPrefix("on") { problems.append("\(file): <\(element.name) \(name)=\"\(value)\">") }
                let lower = value.lowercased().filter { !$0.isWhitespace }
                if ["href", "src", "action", "formaction", "xlink:href"].contains(name),
                    lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("data:text")
                {
                    problems.append("\(file): <\(element.name) \(name)=\"\(value)\">")
                }
            }
            if element.name == "script", element.attribute("type") != "application/ld+json" {
                if element.attribute("src") == nil { problems.append("\(file): inline <script>\(element.text)</script>") }
            }
            if element.name == "img", element.attribute("src") == "x" { problems.append("\(file): injected <img src=x>") }
        }
        if html.contains("{{") && html.contains("Kestrelford City Council{{") { problems.append("\(file): template evaluated") }
        return problems
    }

    func htmlFiles(under folder: URL) -> [(String, String)] {
        let base = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        return enumerator.compactMap { item -> (String, String)? in
            guard let url = item as? URL, url.pathExtension == "html", let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
            return (String(url.standardizedFileURL.path.dropFirst(base.count + 1)), text)
        }.sorted { $0.0 < $1.0 }
    }

    /// The payload in the Markdown body, alt text, an image title and a table. A `{{` placeholder in
    /// the body that matches no data is already an error (see RenderingTests), so that payload is
    /// tried in front matter and data only.
    func body(_ payload: String) -> String {
        guard !payload.contains("{{") else { return "" }
        return """
            The words \(payload) are shown as text.

            ![\(payload)](/assets/logo.svg "\(payload.replacingOccurrences(of: "\"", with: "&quot;"))")

            | Column |
            | --- |
            | \(payload.replacingOccurrences(of: "|", with: "\\|")) |

            """
    }

    func testXSSPayloadsInMarkdownFrontMatterAltTextAndDataNeverReachThePage() throws {
        try useSampleProject()
        var data = ""
        for (index, payload) in Self.payloads.enumerated() {
            data += "payload\(index): '\(payload.replacingOccurrences(of: "'", with: "''"))'\n"
        }
        try project.write("content/_data/xss.yml", data)
        for (index, payload) in Self.payloads.enumerated() {
            let yaml = "'" + payload.replacingOccurrences(of: "'", with: "''") + "'"
            try project.write(
                "content/council/xss-\(index).md",
                """
                ---
                title: \(yaml)
                description: \(yaml)
                ---
                \(body(payload))
                From data: {{ xss.payload\(index) }}.

                """)
        }
        let result = try project.run(["build", "--site", "council"])
        XCTAssertEqual(result.status, 0, result.err)
        let pages = htmlFiles(under: project.root.appendingPathComponent("site/council"))
        XCTAssertGreaterThan(pages.count, 30)
        for (file, html) in pages {
            XCTAssertEqual(scriptProblems(in: html, file: file), [])
        }
        // Each payload is on its page as text: escaped, never evaluated.
        for index in Self.payloads.indices {
            let html = try project.read("site/council/xss-\(index)/index.html")
            let document = HTMLDocument(html: html)
            XCTAssertEqual(document.elements("//title").first?.text.hasPrefix(Self.payloads[index]), true, html)
            XCTAssertEqual(document.elements("//h1").first?.normalizedText, Self.payloads[index].trimmingCharacters(in: .whitespaces))
            XCTAssertTrue(document.elements("//p").contains { $0.normalizedText.contains("From data: \(Self.payloads[index])") })
        }
    }

    func testEveryBuiltSamplePageHasTheStrictPolicyAndNoThirdPartyRequests() throws {
        let output = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let (loaded, _) = ProjectConfiguration.load(from: Self.repository.appendingPathComponent("plainsite.yml"))
        let report = Builder(configuration: try XCTUnwrap(loaded)).build(BuildOptions(outputFolder: output))
        XCTAssertTrue(report.published)
        let pages = htmlFiles(under: output)
        XCTAssertGreaterThan(pages.count, 70)
        for (file, html) in pages {
            let document = HTMLDocument(html: html)
            let policies = document.elements("//meta[@http-equiv='Content-Security-Policy']").compactMap { $0.attribute("content") }
            XCTAssertEqual(policies.count, 1, "\(file) has no Content-Security-Policy")
            if let policy = policies.first {
                for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'"] {
                    XCTAssertTrue(policy.contains(directive), "\(file): \(policy)")
                }
                XCTAssertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval") || policy.contains("http"), "\(file): \(policy)")
            }
            XCTAssertEqual(scriptProblems(in: html, file: file), [])
            XCTAssertEqual(document.elements("//style").count, 0, "\(file) has an inline <style>")
            XCTAssertEqual(document.elements("//*[@style]").map(\.name), [], "\(file) has inline style attributes")
            let requests =
                document.elements(
                    "//script[@src] | //img[@src] | //iframe[@src] | //source[@src] | //video[@src] | //audio[@src] | //embed[@src] | //object[@data]"
                )
                .compactMap { $0.attribute("src") ?? $0.attribute("data") }
                + document.elements("//link[@href]").filter { !["canonical", "alternate"].contains($0.attribute("rel") ?? "") }.compactMap {
                    $0.attribute("href")
                }
            let thirdParty = requests.filter { $0.hasPrefix("http:") || $0.hasPrefix("https:") || $0.hasPrefix("//") }
            XCTAssertEqual(thirdParty, [], "\(file) loads from another server")
        }
        // Stylesheets load no fonts or images from elsewhere either.
        let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where url.pathExtension == "css" {
            let css = try String(contentsOf: url, encoding: .utf8)
            XCTAssertFalse(css.contains("@import") || css.range(of: #"url\(\s*['"]?(https?:)?//"#, options: .regularExpression) != nil, url.path)
        }
    }
}
