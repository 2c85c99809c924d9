import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Input written to break what Plainsite publishes (feeds, open data, attributes) or how its
/// other commands behave (`new`, `check`, languages in plainsite.yml). Through the real `plainsite`.
final class HostileInputTests: XCTestCase {
    var project: TestProject!

    override func setUpWithError() throws { project = try TestProject() }
    override func tearDownWithError() throws { project.remove() }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: project.root.appendingPathComponent(path).path) }

    /// Whether a generated file is well-formed XML, as libxml2 (behind XMLParser) reads it.
    func assertWellFormedXML(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let parser = XMLParser(data: try Data(contentsOf: project.root.appendingPathComponent(path)))
        XCTAssertTrue(parser.parse(), "\(path): \(String(describing: parser.parserError))", file: file, line: line)
    }

    func testFeedsAndSitemapStayWellFormedXMLWhateverATitleHolds() throws {
        try project.write("themes/plain/templates/layouts/news.mustache", "{{{page.body}}}")
        try project.write(
            "content/main/news/bins.md",
            """
            ---
            title: "Bins ]]> & <b> \\x01\\x02 \\e[31m \\uFFFE \\uFFFF end \\"\\u0301 q"
            description: "Desc <\\u0301script>alert(1)</script> &\\u0301amp; \\x0B\\x0C ctrl"
            layout: news
            date: 2026-11-01
            ---
            Bins are collected.

            """)
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        for file in ["news.xml", "news.atom", "sitemap.xml"] { try assertWellFormedXML("site/main/" + file) }
        let rss = try project.read("site/main/news.xml")
        XCTAssertTrue(rss.contains("<title>Bins ]]&gt; &amp; &lt;b&gt;  [31m   end &quot;\u{301} q</title>"), rss)
        XCTAssertTrue(rss.contains("<description>Desc &lt;\u{301}script&gt;alert(1)&lt;/script&gt; &amp;\u{301}amp;  ctrl</description>"), rss)
        XCTAssertTrue(try project.read("site/main/news.atom").contains("<summary>Desc &lt;\u{301}script&gt;"))
    }

    func testOpenDataCSVNeverStartsATextCellWithAFormula() throws {
        try project.write(
            "content/main/fees.md", "---\ntitle: \"=HYPERLINK(\\\"https://evil.example\\\",\\\"Fees\\\")\"\ndescription: \"+cmd|' /C calc'!A0\"\n---\nFees.\n")
        try project.write("content/main/rents.md", "---\ntitle: \"@SUM(A1)\"\ndescription: \"-2 percent\\r=1+1\"\n---\nRents.\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        let csv = try project.read("site/main/data/pages.csv")
        XCTAssertTrue(csv.contains("\r\n\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Fees\"\")\",https://t.example/fees/,'+cmd|' /C calc'!A0,"), csv)
        XCTAssertTrue(csv.contains("\r\n'@SUM(A1),https://t.example/rents/,\"'-2 percent\r=1+1\","), csv)
        // The JSON open data keeps the words exactly as written.
        XCTAssertTrue(try project.read("site/main/data/pages.json").contains("\"title\" : \"@SUM(A1)\""))
    }

    func testRawHTMLAttributeCannotBeEndedByAQuoteWithAnAccent() throws {
        try project.write("plainsite.yml", "raw_html: [abbr title]\ntheme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n")
        try project.write(
            "content/main/first-aid.md",
            "---\ntitle: First aid\ndescription: First aid.\n---\nLearn <abbr title='x\"\u{301} onmouseover=alert(1) y'>CPR</abbr> today.\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        let html = try project.read("site/main/first-aid/index.html")
        XCTAssertTrue(html.contains("<abbr title=\"x&quot;\u{301} onmouseover=alert(1) y\">CPR</abbr>"), html)
    }

    func testEachLanguageCodeIsCheckedWhereItIsWritten() throws {
        try project.write(
            "plainsite.yml",
            "sites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n    languages: [en, \"../x\", \"cy\\n\", cy, cy, \"en-GB\"]\nexample_values: allowed\n"
        )
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 2, result.err)
        let advice =
            "      → Write each language once, as a code of 2 or 3 lower-case letters such as en (English) or cy (Welsh); a region or script may follow after a hyphen, as in en-GB."
        XCTAssertTrue(
            result.err.contains("plainsite.yml\n  5:21  error  The language '../x' of site 'main' is not a language code.  config/languages\n" + advice + "\n"),
            result.err)
        XCTAssertTrue(result.err.contains("  5:29  error  The language 'cy\\u{A}' of site 'main' is not a language code.  config/languages\n"), result.err)
        XCTAssertTrue(result.err.contains("  5:41  error  The language 'cy' of site 'main' is listed twice.  config/languages\n"), result.err)
        XCTAssertEqual(result.err.components(separatedBy: "config/languages").count - 1, 3, result.err)
        XCTAssertFalse(exists("site/main"))
    }

    func testFeedsSayTheSiteMainLanguage() throws {
        try project.write("plainsite.yml", "theme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n    languages: [cy, en]\n")
        try project.write("themes/plain/templates/layouts/news.mustache", "{{{page.body}}}")
        try project.write("content/main/news/biniau.md", "---\ntitle: Biniau\ndescription: Biniau.\nlayout: news\ndate: 2026-11-01\n---\nBiniau.\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(try project.read("site/main/news.xml").contains("<language>cy</language>"))
        XCTAssertTrue(try project.read("site/main/news.atom").contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"cy\">"))
    }

    func testNewRefusesControlCharactersAndOddFoldersAndShortensLongTitles() throws {
        let refused = try project.run(["new", "page", "--site", "main", "Bins\u{1B}[31m"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(
            refused.err.contains("The title has an invisible control character (\\u{1B}), which a page cannot hold. Type the title again without it."),
            refused.err)
        for folder in ["~", "a//b", ".hidden", "../x", "news\u{1}", "/tmp"] {
            let result = try project.run(["new", "page", "--site", "main", "--folder", folder, "Bins"])
            XCTAssertNotEqual(result.status, 0, folder)
            XCTAssertTrue(
                result.err.contains("must be inside the site's content and named with letters, digits and hyphens, such as 'news' or 'news/2026'."), result.err)
        }
        let long = String(repeating: "Bins and recycling ", count: 30)
        let made = try project.run(["new", "page", "--site", "main", "--folder", "news/", long])
        XCTAssertEqual(made.status, 0, made.err)
        let slug = "bins-and-recycling-bins-and-recycling-bins-and-recycling-bins-and-recycling-bins"
        XCTAssertEqual(
            made.out,
            "Wrote content/main/news/\(slug).md. Replace each '[Replace: …]' with your own words, then run 'plainsite lint content/main/news/\(slug).md'.\n")
        let quoted = try project.run(["new", "page", "--site", "main", "C:\\new \"plans\""])
        XCTAssertEqual(quoted.status, 0, quoted.err)
        XCTAssertTrue(try project.read("content/main/c-new-plans.md").hasPrefix("---\ntitle: \"C:\\\\new \\\"plans\\\"\"\n"))
        let built = try project.run(["build"])
        XCTAssertTrue(try project.read("site/main/c-new-plans/index.html").contains("<title>C:\\new &quot;plans&quot;</title>"), built.err)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent("content/main").path).sorted(),
            ["c-new-plans.md", "index.md", "news"])
    }

    func testCheckReportsLinksHugeAndBinaryFilesInsteadOfFollowingThem() throws {
        let outside = project.root.appendingPathComponent("outside")
        try project.write("outside/secret.html", "<html><body><p>Secret</p></body></html>")
        try project.write(
            "pages/index.html",
            "<!DOCTYPE html><html lang=\"en\"><head><title>Home</title></head><body><a href=\"#m\">Skip to main content</a><main id=\"m\"><h1>Home</h1></main></body></html>"
        )
        try project.write("pages/photo.html", "\u{0}\u{1}PNG")
        try FileManager.default.createSymbolicLink(atPath: project.root.appendingPathComponent("pages/elsewhere").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: project.root.appendingPathComponent("pages/loop.html").path, withDestinationPath: "loop.html")
        try project.write("pages/huge.html", "")
        let big = try FileHandle(forWritingTo: project.root.appendingPathComponent("pages/huge.html"))
        try big.truncate(atOffset: 60_000_000)
        try big.close()
        let result = try project.run(["check", "pages"])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertFalse(result.out.contains("secret"), result.out)
        XCTAssertTrue(
            result.out.contains(
                "pages/elsewhere\n  1:1  warning  This is a link to another place (a symbolic link), so it was not checked.  check/not-checked\n      → Check the file or folder it points to by naming it: plainsite check PATH\n"
            ), result.out)
        XCTAssertTrue(result.out.contains("pages/loop.html\n  1:1  warning  This is a link to another place"), result.out)
        XCTAssertTrue(
            result.out.contains("pages/huge.html\n  1:1  error  This file is 60 MB, too large for a web page, so it was not checked.  check/not-checked\n"),
            result.out)
        XCTAssertTrue(
            result.out.contains(
                "pages/photo.html\n  1:1  error  This file holds binary data, not the text of a web page, so it was not checked.  check/not-checked\n"),
            result.out)
        XCTAssertFalse(result.out.contains("pages/index.html"), result.out)
        let loop = try project.run(["check", "pages/loop.html"])
        XCTAssertEqual(loop.status, 1, loop.err)
        XCTAssertTrue(
            loop.out.hasPrefix(
                "pages/loop.html\n  1:1  error  This is a link (a symbolic link) to a file or folder that does not exist, or to itself, so nothing was checked.  check/not-checked\n"
            ), loop.out)
    }

    func testLintFixNeverChangesAnAddressCodeOrComment() throws {
        let untouched = """
            Use `utilise` in code.

            ```
            utilise
            ```

            See <https://example.com/utilise>, <mailto:utilise@example.com>, www.utilise.example and utilise@example.com.

            [Bins](https://example.com/utilise "utilise") and [bins][ref].

            [ref]: https://example.com/utilise "utilise"

            <!-- utilise -->

            """
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\n---\nWe utilise bins.\n\n" + untouched)
        let result = try project.run(["lint", "--fix", "content/main/bins.md"])
        XCTAssertTrue(result.out.contains("Fixed 1 problem:\ncontent/main/bins.md:5: 'utilise' → 'use' (govuk-words/utilise)\n"), result.out)
        XCTAssertEqual(try project.read("content/main/bins.md"), "---\ntitle: Bins\ndescription: Bin days.\n---\nWe use bins.\n\n" + untouched)
    }

    func testLintFixKeepsAByteOrderMarkAndFixesTheFile() throws {
        try project.write("content/main/bins.md", "\u{FEFF}---\ntitle: Bins\ndescription: Bin days.\n---\nWe utilise bins.\n")
        let result = try project.run(["lint", "--fix", "content/main/bins.md"])
        XCTAssertTrue(result.out.contains("Fixed 1 problem:\ncontent/main/bins.md:5: 'utilise' → 'use' (govuk-words/utilise)\n"), result.out + result.err)
        let saved = try Data(contentsOf: project.root.appendingPathComponent("content/main/bins.md"))
        XCTAssertEqual(saved, Data("\u{FEFF}---\ntitle: Bins\ndescription: Bin days.\n---\nWe use bins.\n".utf8))
    }

    func testNoMessageSendsAControlCharacterToTheTerminal() throws {
        let site = try project.run(["new", "page", "--site", "\u{1B}[31mx\u{7}", "Bins"])
        XCTAssertEqual(site.err, "plainsite: there is no site called '\\u{1B}[31mx\\u{7}'. Sites: main.\n")
        let missing = try project.run(["check", "\u{1B}[2Jpages"])
        XCTAssertEqual(missing.err, "plainsite: there is no file or folder at \(project.root.path)/\\u{1B}[2Jpages.\n")
        let built = try project.run(["build", "--output", "out\u{1B}[2J"])
        XCTAssertEqual(built.status, 0, built.err)
        XCTAssertTrue(built.out.hasSuffix("into \(project.root.path)/out\\u{1B}[2J.\n"), built.out)
        for output in [site.err, missing.err, built.out, built.err] { XCTAssertFalse(output.contains("\u{1B}"), output) }
    }
}
