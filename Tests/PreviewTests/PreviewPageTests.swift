import Accessibility
import Diagnostics
import Foundation
import Output
import SiteBuilder
import XCTest

@testable import Preview

final class PreviewPageTests: XCTestCase {
    let page = """
        <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Bins - Council</title></head>
        <body><a href="#main">Skip to main content</a><main id="main"><h1>Bins</h1><p>Bin days.</p></main></body></html>
        """
    let warning = Diagnostic(
        rule: "plain-words/endeavour", severity: .warning, file: "content/council/bins.md", line: 5, column: 9,
        message: "Use 'try' instead of 'endeavour'.", suggestion: "\"Try\" is shorter.")
    let other = Diagnostic(rule: "a11y/image-alt", severity: .error, file: "content/council/tax.md", line: 2, message: "No <alt> text.")

    func testPanelListsOnlyThisPagesProblemsAndPassesTheAccessibilityChecks() {
        let html = PreviewPage.inject(into: page, source: "content/council/bins.md", diagnostics: [warning, other], version: 7)
        XCTAssertTrue(html.contains("Plainsite preview: 1 problem on this page</h2>"), html)
        XCTAssertTrue(
            html.contains(
                "<p><strong>Warning</strong> in <code>content/council/bins.md</code>, line 5, column 9</p>\n<p>Use &#39;try&#39; instead of &#39;endeavour&#39;.</p>\n<p>What to do: &quot;Try&quot; is shorter.</p>"
            ), html)
        XCTAssertFalse(html.contains("No &lt;alt&gt; text."), html)
        XCTAssertTrue(html.contains("<p>1 more problem elsewhere on this site."), html)
        XCTAssertTrue(html.contains("</aside>\n<script src=\"/_plainsite/live.js?version=7\"></script>\n</body>"), html)
        XCTAssertEqual(AccessibilityChecker().check(html: html, file: "bins").diagnostics, [])
        let error = PreviewPage.errorPage([warning, other], version: 3)
        XCTAssertTrue(error.contains("<p>Fix this error. This page reloads by itself when you save the file.</p>"), error)
        XCTAssertTrue(error.contains("No &lt;alt&gt; text."), error)
        XCTAssertFalse(error.contains("endeavour"), error)
        XCTAssertEqual(AccessibilityChecker().check(html: error, file: "error").diagnostics, [])
    }

    func testRespondServesFilesRedirectsFoldersAndRefusesPathsOutsideTheSite() throws {
        let files: [String: SnapshotFile] = [
            "bins/index.html": .data(Data(page.utf8)),
            "404.html": .data(Data("<!DOCTYPE html><html><head></head><body>Not here</body></html>".utf8)),
            "site.css": .data(Data("body{}".utf8)), "news letters/index.html": .data(Data(page.utf8)),
        ]
        let build = PreviewBuild(
            diagnostics: [warning], published: true,
            pages: [PageSummary(site: "council", urlPath: "bins/", sourcePath: "content/council/bins.md", title: "Bins", layout: "page", readingAge: 9)],
            basePath: "/", files: SiteSnapshot(files: files))
        let bins = PreviewServer.respond(to: "/bins/", build: build, version: 2)
        XCTAssertEqual(bins.status, 200)
        XCTAssertTrue(String(decoding: bins.body, as: UTF8.self).contains("1 problem on this page"))
        let redirect = PreviewServer.respond(to: "/bins", build: build, version: 2)
        XCTAssertEqual(redirect.status, 301)
        XCTAssertEqual(redirect.header("location"), "/bins/")
        // A folder's name is percent-encoded in the address it redirects to.
        XCTAssertEqual(PreviewServer.respond(to: "/news letters", build: build, version: 2).header("Location"), "/news%20letters/")
        XCTAssertEqual(PreviewServer.respond(to: "/site.css", build: build, version: 2).header("Content-Type"), "text/css; charset=utf-8")
        XCTAssertEqual(PreviewServer.respond(to: "/../secret", build: build, version: 2).status, 404)
        let missing = PreviewServer.respond(to: "/nowhere/", build: build, version: 2)
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(String(decoding: missing.body, as: UTF8.self).contains("Not here"))
        var broken = build
        broken.diagnostics = [other]
        XCTAssertEqual(PreviewServer.respond(to: "/bins/", build: broken, version: 3).status, 500)
    }
}
