import Foundation
import XCTest

/// What a content folder can publish: no script (HTML, JavaScript, SVG with script), no file
/// over another, no address that does not work, and text from content never breaking out of
/// where it goes (JSON in pages, hosting files, the terminal). Through the real `plainsite`.
final class ContentIntegrityTests: XCTestCase {
    var project: TestProject!

    override func setUpWithError() throws { project = try TestProject() }
    override func tearDownWithError() throws { project.remove() }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: project.root.appendingPathComponent(path).path) }

    func block(_ file: String, _ lines: String...) -> String { "content/main/\(file)\n" + lines.joined(separator: "\n") + "\n" }

    func testOnlySafeFileTypesArePublishedAndScriptIsRefusedWithAWayToPublishSafely() throws {
        try project.write("content/main/evil.html", "<p>Hello</p><script>alert(1)</script>")
        try project.write("content/main/tracker.js", "alert(1)")
        try project.write("content/main/feed.xml", "<x/>")
        try project.write("content/main/tool.exe", "MZ")
        try project.write(
            "content/main/bad.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect width=\"1\" height=\"1\"/>\n<svg:script>alert(1)</svg:script>\n</svg>\n")
        try project.write(
            "content/main/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 2 2\">\n<defs><linearGradient id=\"g\"/></defs>\n<rect width=\"1\" height=\"1\" fill=\"url(#g)\"/>\n<use href=\"#g\"/>\n</svg>\n"
        )
        try project.write("content/main/plan.pdf", "%PDF-1.4")
        try project.write("content/main/fees.csv", "item,fee\nbin,30\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(
            result.err.contains(
                block(
                    "bad.svg",
                    "  3:1  error  This SVG file has a <script> element, which can run script or show another document on the council's website.  content/unsafe-svg",
                    "      → Export the picture again as plain SVG without scripts, links or embedded content, or save it as PNG.")), result.err)
        XCTAssertTrue(
            result.err.contains(
                block(
                    "evil.html", "  1:1  error  A .html file can run script on the council's website, so Plainsite will not publish it.  content/file-type",
                    "      → Write it as a Markdown page (evil.md) instead: Plainsite then checks it and gives it the site's layout.")), result.err)
        XCTAssertTrue(result.err.contains("content/main/tracker.js\n  1:1  error  A .js file can run script"), result.err)
        XCTAssertTrue(result.err.contains("content/main/feed.xml\n  1:1  error  A .xml file can run script"), result.err)
        XCTAssertTrue(
            result.err.contains(
                block(
                    "tool.exe", "  1:1  warning  Plainsite does not publish .exe files, so this file is left out.  content/file-type",
                    "      → Save it as a PDF, a picture or a CSV file, or add 'exe' to 'file_types:' in plainsite.yml if residents need it as it is.")),
            result.err)
        XCTAssertFalse(result.err.contains("logo.svg"), result.err)

        for file in ["evil.html", "tracker.js", "feed.xml", "bad.svg"] {
            try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/main/" + file))
        }
        let clean = try project.run(["build"])
        XCTAssertEqual(clean.status, 0, clean.err)
        for file in ["logo.svg", "plan.pdf", "fees.csv"] { XCTAssertTrue(exists("site/main/" + file), file) }
        XCTAssertFalse(exists("site/main/tool.exe"))
    }

    func testEverySVGWayToRunScriptOrLoadFromElsewhereIsRefused() throws {
        let attacks = [
            "onload": "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            "foreign": "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><p>x</p></foreignObject></svg>",
            "link": "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "image": "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://tracker.example/p.png\"/></svg>",
            "xlink": "<svg xmlns=\"http://www.w3.org/2000/svg\"><use xlink:href=\"https://evil.example/s.svg#a\"/></svg>",
            "style": "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(https://evil.example/a.css);</style></svg>",
            "entity": "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>",
            "encoded": "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"&#106;avascript:alert(1)\"/></svg>",
            "animate": "<svg xmlns=\"http://www.w3.org/2000/svg\"><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>",
            "case": "<svg xmlns=\"http://www.w3.org/2000/svg\"><SCRIPT>alert(1)</SCRIPT></svg>",
        ]
        for (name, svg) in attacks { try project.write("content/main/\(name).svg", svg) }
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        for name in attacks.keys {
            XCTAssertTrue(result.err.contains("content/main/\(name).svg\n  1:1  error  "), "\(name): \(result.err)")
        }
        XCTAssertEqual(result.err.components(separatedBy: "content/unsafe-svg").count - 1, attacks.count, result.err)
        XCTAssertFalse(exists("site/main"))
    }

    func testAFileOverAGeneratedFileOrAnotherPageIsAnError() throws {
        try project.write("themes/plain/templates/layouts/search.mustache", "<p>Search</p>")
        try project.write("content/main/robots.txt", "User-agent: *\nDisallow: /\n")
        try project.write("content/main/search.md", "---\ntitle: Search us\ndescription: Search.\n---\nSearch.\n")
        try project.write("content/main/Fees.md", "---\ntitle: Fees\ndescription: Fees.\n---\nFees.\n")
        try project.write("content/main/fees.md", "---\ntitle: Fees and charges\ndescription: Fees.\n---\nFees.\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(
            result.err.contains(
                block(
                    "robots.txt",
                    "  1:1  error  This would be published at /robots.txt, where the site's own robots.txt already goes. Two files cannot share one address (addresses that differ only in capital letters count as the same).  content/collision",
                    "      → Rename robots.txt (use lower case and hyphens), or remove it.")), result.err)
        XCTAssertTrue(
            result.err.contains(
                "content/main/search.md\n  1:1  error  This would be published at /search/, where themes/plain/templates/layouts/search.mustache already goes."),
            result.err)
        XCTAssertTrue(
            result.err.contains(
                "content/main/fees.md\n  1:1  error  This page and content/main/Fees.md would both be published at /fees/.  content/duplicate-url"), result.err)
    }

    func testNamesThatMakeBrokenAddressesAreRefusedWithTheNameToUse() throws {
        for name in ["Bin collections.md", "fees#2026.md", "what?.md", "rates%20.md", "zero\u{200B}width.md", "bidi\u{202E}txt.md"] {
            try project.write("content/main/" + name, "---\ntitle: A page\ndescription: A page.\n---\nText.\n")
        }
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(
            result.err.contains(
                block(
                    "Bin collections.md",
                    "  1:1  error  The name 'Bin collections.md' has a space, which does not work in a web address, so this file is not published.  content/file-name",
                    "      → Rename it to 'bin-collections.md': lower-case letters, digits and hyphens.")), result.err)
        XCTAssertTrue(result.err.contains("The name 'fees#2026.md' has '#'"), result.err)
        XCTAssertTrue(result.err.contains("The name 'what?.md' has '?'"), result.err)
        XCTAssertTrue(result.err.contains("The name 'rates%20.md' has '%'"), result.err)
        XCTAssertTrue(
            result.err.contains(
                "content/main/zero\\u{200B}width.md\n  1:1  error  The name 'zero\\u{200B}width.md' has an invisible or special character (U+200B)"), result.err
        )
        XCTAssertTrue(result.err.contains("Rename it to 'zerowidth.md'"), result.err)
        XCTAssertTrue(result.err.contains("content/main/bidi\\u{202E}txt.md"), result.err)
        XCTAssertFalse(result.err.contains("\u{202E}") || result.err.contains("\u{200B}"), "no raw invisible character reaches the terminal")
    }

    func testControlCharactersAndTerminalEscapesNeverReachTheTerminalOrACILog() throws {
        try project.write("content/main/esc\u{1B}[2J.md", "---\ntitle: A page\ndescription: A page.\n---\nText.\n")
        try project.write("content/main/index.md", "---\ntitle: Home\ndescription: Home.\nreview_by: 2020-01-01\n---\nClick here \u{1B}]0;pwned\u{07} now.\n")
        for format in ["text", "github", "junit", "sarif", "json"] {
            let result = try project.run(["build", "--format", format, "--date", "2026-01-01"])
            XCTAssertEqual(result.status, 1, format)
            let output = result.err + result.out
            XCTAssertFalse(output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(format): \(output.debugDescription)")
            XCTAssertTrue(output.contains("esc\\u{1B}[2J.md") || output.contains("esc\\\\u{1B}[2J.md"), "\(format): \(output)")
        }
    }

    func testJSONInPagesCannotEndItsScriptOrOpenAComment() throws {
        try project.write(
            "themes/plain/templates/base.mustache",
            "<!DOCTYPE html><html lang=\"en\"><head><title>{{page.title}}</title>{{#page.json_ld}}<script type=\"application/ld+json\">{{{page.json_ld}}}</script>{{/page.json_ld}}</head><body><a href=\"#m\">Skip to main content</a><main id=\"m\"><h1>{{page.title}}</h1>{{{content}}}</main></body></html>"
        )
        try project.write("content/main/fees.md", "---\ntitle: \"Fees <!--<script> </script> & more\"\ndescription: Fees.\n---\nFees.\n")
        let result = try project.run(["build", "--fail-on", "never"])
        let html = try project.read("site/main/fees/index.html")
        let script = html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().first?.components(separatedBy: "</script>").first ?? ""
        XCTAssertTrue(script.contains("Fees \\u003c!--\\u003cscript\\u003e \\u003c/script\\u003e \\u0026 more"), "\(result.err)\n\(html)")
        XCTAssertFalse(script.contains("<") || script.contains("&"), script)
        let data = try XCTUnwrap(script.data(using: .utf8))
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let graph = try XCTUnwrap(decoded["@graph"] as? [[String: Any]])
        XCTAssertTrue(
            graph.contains { ($0["itemListElement"] as? [[String: Any]])?.last?["name"] as? String == "Fees <!--<script> </script> & more" }, "\(graph)")
    }

    func testAQuoteWithACombiningAccentCannotEndAnAttribute() throws {
        try project.write(
            "themes/plain/templates/base.mustache",
            "<!DOCTYPE html><html lang=\"en\"><head><title>{{page.title}}</title><meta name=\"description\" content=\"{{page.description}}\"></head><body><a href=\"#m\">Skip to main content</a><main id=\"m\"><h1>{{page.title}}</h1>{{{content}}}</main></body></html>"
        )
        try project.write("content/main/index.md", "---\ntitle: Home\ndescription: \"Bins\\\"\u{301} onfocus=alert(1) autofocus x=\\\"\"\n---\nHello.\n")
        let result = try project.run(["build", "--fail-on", "never"])
        let html = try project.read("site/main/index.html")
        XCTAssertTrue(html.contains("content=\"Bins&quot;\u{301} onfocus=alert(1) autofocus x=&quot;\""), "\(result.err)\n\(html)")
        XCTAssertFalse(html.unicodeScalars.map(String.init).joined().contains("\"\u{301} onfocus"))
    }

    func testABaseURLThatIsNotAFullAddressEndingInASlashIsRefused() throws {
        for (url, problem) in [
            ("https://x.example", "does not end with '/', so page addresses would run into it (https://x.examplecontact-us/)"),
            ("https://x.example/?a=1", "has a query"), ("https://x.example/#top", "has a fragment"),
            ("x.example/", "is not a full web address starting with https://"), ("javascript:alert(1)//", "is not a full web address"),
        ] {
            try project.write("plainsite.yml", "theme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: \"\(url)\"\n")
            let result = try project.run(["build"])
            XCTAssertEqual(result.status, 2, url)
            XCTAssertTrue(result.err.contains("'base_url' of site 'main' is '\(url)', which \(problem)"), "\(url): \(result.err)")
        }
    }

    func testAnAliasThatIsNotACleanPathIsRefusedAndNeverWritesARuleOfItsOwn() throws {
        try project.write("content/main/pay.md", "---\ntitle: Pay\ndescription: Pay.\n---\nPay.\n")
        try project.write(
            "content/main/old.md",
            "---\ntitle: Old\ndescription: Old.\naliases: [\"/old-page/ /pay/ 200!\\n/pay/ https://evil.example/ 301!\", \"/tab\\there/\"]\n---\nOld.\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(
            result.err.contains(
                "content/main/old.md\n  4:1  error  The alias '/old-page/ /pay/ 200!\\u{A}/pay/ https://evil.example/ 301!' has a space, which cannot be in an address Plainsite redirects from.  content/alias"
            ), result.err)
        XCTAssertTrue(result.err.contains("The alias '/tab\\u{9}here/' has an invisible or special character (U+9)"), result.err)
        XCTAssertFalse(exists("site/main/_redirects"))
    }
}
