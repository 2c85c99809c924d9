import Diagnostics
import Foundation
import HTML
import Markdown
import Project
import SiteBuilder
import XCTest

/// Builds small projects written into a temporary folder.
final class BuilderTests: XCTestCase {
    var project: URL!

    override func setUpWithError() throws {
        project = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-builder-\(UUID().uuidString)")
        try write(
            "plainsite.yml",
            """
            organisation: Test Council
            example_values: allowed
            theme: plain
            sites:
              - id: main
                title: Test Council
                base_url: https://www.test.example/
              - id: hall
                title: Test Hall
                base_url: https://www.test.example/hall/
                colours:
                  brand: "#6b1d4a"
            """)
        try write(
            "themes/plain/templates/base.mustache",
            "<!DOCTYPE html><html lang=\"{{lang}}\"><head><title>{{head_title}}</title></head><body><a href=\"#main\">Skip to main content</a><header>{{> header}}</header><main id=\"main\">{{{content}}}</main><footer>base footer</footer></body></html>"
        )
        try write("themes/plain/templates/partials/header.mustache", "base header {{site.title}}")
        try write("themes/plain/templates/layouts/page.mustache", "<h1>{{page.title}}</h1>{{{page.body}}}")
        try write("themes/plain/templates/layouts/404.mustache", "<h1>{{page.title}}</h1>")
        try write("themes/plain/assets/site.css", "body{}")
        try write("themes/hall/templates/partials/header.mustache", "hall header")
        try write("themes/hall/assets/site.css", "hall{}")
        try write("content/_data/council.yml", "phone: 01632 960000\n")
        try write("content/_snippets/call.md", "Call {{ council.phone }}. See [contact](/contact/).\n")
        try write("content/main/index.md", "---\ntitle: Test Council\ndescription: Home.\n---\nWelcome. See [bins](bins.md).\n")
        try write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bins.\n---\n{{> call }}\n\n![Bin day map](map.png)\n")
        try write("content/main/map.png", "png")
        try write("content/main/contact.md", "---\ntitle: Contact us\ndescription: Contact.\n---\nCall us.\n")
        try write("content/hall/contact.md", "---\ntitle: Contact the hall\ndescription: Contact.\n---\nCall us.\n")
        try write("content/hall/index.md", "---\ntitle: Test Hall\ndescription: Hall.\n---\n{{> call }}\n")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: project)
    }

    func write(_ path: String, _ text: String) throws {
        let file = project.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ path: String) -> String? {
        try? String(contentsOf: project.appendingPathComponent(path), encoding: .utf8)
    }

    func build(_ sites: [String]? = nil) throws -> BuildReport {
        let (configuration, diagnostics) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        XCTAssertEqual(diagnostics, [])
        let builder = Builder(configuration: try XCTUnwrap(configuration))
        return builder.build(BuildOptions(siteIDs: sites, outputFolder: project.appendingPathComponent("site")))
    }

    func testPagesThemeOverridesDataAndSnippets() throws {
        let report = try build()
        XCTAssertEqual(report.diagnostics, [])
        XCTAssertTrue(report.published)
        XCTAssertEqual(report.pageCounts, ["main": 3, "hall": 2])
        let bins = try XCTUnwrap(read("site/main/bins/index.html"))
        XCTAssertEqual(
            bins,
            """
            <!DOCTYPE html><html lang="en-GB"><head><title>Bins - Test Council</title></head><body><a href="#main">Skip to main content</a><header>base header Test Council</header><main id="main"><h1>Bins</h1><p>Call 01632 960000. See <a href="/contact/">contact</a>.</p>
            <p><img src="/map.png" alt="Bin day map" /></p>
            </main><footer>base footer</footer></body></html>
            """)
        XCTAssertEqual(read("site/main/index.html")?.contains("<a href=\"/bins/\">bins</a>"), true)
        XCTAssertEqual(read("site/main/index.html")?.contains("<title>Test Council</title>"), true)
        // The hall site overrides only its header and stylesheet; the rest comes from the shared theme.
        let hall = try XCTUnwrap(read("site/hall/index.html"))
        XCTAssertTrue(hall.contains("<header>hall header</header>"), hall)
        XCTAssertTrue(hall.contains("<footer>base footer</footer>"), hall)
        XCTAssertTrue(hall.contains("See <a href=\"/hall/contact/\">contact</a>"), hall)
        XCTAssertEqual(read("site/hall/assets/site.css"), "hall{}")
        XCTAssertEqual(read("site/main/assets/site.css"), "body{}")
        XCTAssertEqual(read("site/main/map.png"), "png")
        XCTAssertTrue(read("site/hall/assets/brand.css")?.contains("--ps-brand: #6b1d4a;") ?? false)
    }

    func testContentErrorsPublishNothingAndKeepTheLastGoodBuild() throws {
        XCTAssertTrue(try build().published)
        try write("content/main/bins.md", "---\ntitle: Bins\nlayout: leaflet\n---\nNew text.\n")
        let report = try build()
        XCTAssertFalse(report.published)
        let error = try XCTUnwrap(report.diagnostics.first { $0.rule == "front-matter/layout" })
        XCTAssertEqual(error.file, "content/main/bins.md")
        XCTAssertEqual(error.line, 3)
        XCTAssertEqual(error.suggestion, "Use one of: 404, page.")
        XCTAssertTrue(read("site/main/bins/index.html")?.contains("Call 01632 960000") ?? false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/.plainsite-staging").path))
    }

    func testDuplicateURLsNameBothFiles() throws {
        try write("content/main/bins/index.md", "---\ntitle: Bins again\n---\n")
        let report = try build(["main"])
        let duplicate = try XCTUnwrap(report.diagnostics.first { $0.rule == "content/duplicate-url" })
        XCTAssertTrue(duplicate.message.contains("content/main/bins.md"), duplicate.message)
        XCTAssertTrue(duplicate.file.hasPrefix("content/main/bins"))
    }

    func testMissingTitleAndUnknownSnippetAreErrorsWithLines() throws {
        try write("content/main/bins.md", "---\ndescription: Bins.\n---\n\n{{> phone }}\n")
        let report = try build(["main"])
        let errors = report.diagnostics.filter { $0.severity == .error && $0.file == "content/main/bins.md" }.map { "\($0.rule)@\($0.line)" }
        XCTAssertTrue(errors.contains("front-matter/title@1"), errors.description)
        XCTAssertTrue(errors.contains("markdown/unknown-snippet@5"), errors.description)
    }

    func testUnknownSiteIsASetupError() throws {
        let report = try build(["nowhere"])
        XCTAssertEqual(report.setupError, "There is no site called 'nowhere'. Sites in plainsite.yml: main, hall.")
    }

    func testRefusesToWriteIntoAFolderItDidNotCreate() throws {
        try write("site/notes.txt", "mine")
        let report = try build()
        XCTAssertNotNil(report.setupError)
        XCTAssertEqual(read("site/notes.txt"), "mine")
    }

    func testInvalidUTF8IsReportedAtItsLine() throws {
        let file = project.appendingPathComponent("content/main/bins.md")
        try Data("---\ntitle: Bins\n---\nCaf".utf8 + [0xE9] + Data(" menu\n".utf8)).write(to: file)
        let report = try build(["main"])
        let error = try XCTUnwrap(report.diagnostics.first { $0.rule == "content/encoding" })
        XCTAssertEqual(error.line, 4)
        XCTAssertEqual(error.column, 4)
    }

    func testAccessibilityProblemsPointAtTheMarkdownLineOrTheTemplate() throws {
        try write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bins.\n---\nIntro.\n\n![bins.png](map.png)\n\n#### Too deep\n")
        try write(
            "themes/hall/templates/partials/header.mustache", "<nav aria-label=\"Main\">\n<a href=\"/hall/\"><img src=\"/hall/assets/site.css\"></a>\n</nav>")
        let report = try build()
        XCTAssertFalse(report.published)
        let alt = try XCTUnwrap(report.diagnostics.first { $0.rule == "a11y/alt-text" })
        XCTAssertEqual([alt.file, "\(alt.line)"], ["content/main/bins.md", "7"])
        let heading = try XCTUnwrap(report.diagnostics.first { $0.rule == "a11y/heading-order" })
        XCTAssertEqual([heading.file, "\(heading.line)"], ["content/main/bins.md", "9"])
        let template = try XCTUnwrap(report.diagnostics.first { $0.rule == "a11y/image-alt" })
        XCTAssertEqual([template.file, "\(template.line)"], ["themes/hall/templates/partials/header.mustache", "2"])
        XCTAssertTrue(template.message.contains("(WCAG 2.2 1.1.1 Non-text Content)"))
    }

    func testPublishedPagesCarryNoSourcePositionsAndHeadingsHaveIDs() throws {
        try write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bins.\n---\n## Collection days\n\nText.\n\n## Collection days\n\nMore.\n")
        XCTAssertTrue(try build().published)
        let html = try XCTUnwrap(read("site/main/bins/index.html"))
        XCTAssertFalse(html.contains("data-sourcepos"))
        XCTAssertFalse(html.contains("<!--ps:"))
        XCTAssertTrue(html.contains("<h2 id=\"collection-days\">Collection days</h2>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"collection-days-2\">Collection days</h2>"), html)
    }

    func testInternalLinksFragmentsAndCrossSiteLinksAreChecked() throws {
        try write(
            "content/main/bins.md",
            """
            ---
            title: Bins
            description: Bins.
            ---
            ## Collection days

            Good: [contact](/contact/), [days](#collection-days), [hall contact](https://www.test.example/hall/contact/), [map](map.png), [style](/assets/site.css), [outside](https://example.org/x/).

            Bad: [nothing](/nothing/).

            Bad: [section](/contact/#opening-hours).

            Bad: [hall page](https://www.test.example/hall/weddings/).
            """)
        let report = try build()
        let links = report.diagnostics.filter { $0.rule.hasPrefix("links/") }.map { "\($0.rule)@\($0.line)" }.sorted()
        XCTAssertEqual(links, ["links/broken@13", "links/broken@9", "links/fragment@11"].sorted(), report.diagnostics.description)
    }

    /// A broken link's "Did you mean" names the closest address, and the same one on every
    /// build when two are equally close (it once depended on the order of a dictionary).
    func testTheClosestAddressIsSuggestedTheSameWayEveryTime() throws {
        try write("content/main/bat.md", "---\ntitle: Bat\ndescription: Bat.\n---\nBats.\n")
        try write("content/main/bit.md", "---\ntitle: Bit\ndescription: Bit.\n---\nBits.\n")
        try write("content/main/cot.md", "---\ntitle: Cot\ndescription: Cot.\n---\nCots.\n")
        try write("content/main/index.md", "---\ntitle: Test Council\ndescription: Home.\n---\nSee [the page](/bot/).\n")
        let report = try build()
        let broken = try XCTUnwrap(report.diagnostics.first { $0.rule == "links/broken" })
        XCTAssertEqual(broken.suggestion?.hasPrefix("Did you mean '/bat/'?"), true, broken.suggestion ?? "")
    }

    func testFailingBrandColourIsAnErrorNamingTheColours() throws {
        try write(
            "plainsite.yml",
            """
            sites:
              - id: main
                title: Test Council
                base_url: https://www.test.example/
                colours:
                  brand: "#ffcc00"
                theme: plain
              - id: hall
                title: Test Hall
                base_url: https://www.test.example/hall/
                theme: plain
            """)
        let (configuration, _) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        let report = Builder(configuration: try XCTUnwrap(configuration)).build(
            BuildOptions(siteIDs: ["main"], outputFolder: project.appendingPathComponent("site")))
        let contrast = report.diagnostics.filter { $0.rule == "a11y/colour-contrast" }
        XCTAssertFalse(contrast.isEmpty)
        XCTAssertTrue(contrast.allSatisfy { $0.file == "plainsite.yml" && $0.line == 6 })
        XCTAssertTrue(contrast.contains { $0.message.contains("brand_text #ffffff on brand #ffcc00") }, contrast.description)
    }

    func testLongSectionListsArePaginated() throws {
        try write(
            "themes/plain/templates/layouts/news-list.mustache",
            "<h1>{{page.title}}</h1><ul>{{#section_pages}}<li><a href=\"{{url}}\">{{title}}</a></li>{{/section_pages}}</ul>{{#pagination.has_pages}}<p>Page {{pagination.current}} of {{pagination.total}}</p>{{/pagination.has_pages}}{{#pagination.has_previous}}<a href=\"{{pagination.previous_url}}\">Previous page</a>{{/pagination.has_previous}}{{#pagination.has_next}}<a href=\"{{pagination.next_url}}\">Next page</a>{{/pagination.has_next}}"
        )
        try write("content/main/news/index.md", "---\ntitle: News\ndescription: News.\nlayout: news-list\n---\nOur news.\n")
        for day in 1...12 {
            let date = day < 10 ? "0\(day)" : "\(day)"
            try write("content/main/news/story-\(day).md", "---\ntitle: Story \(day)\ndescription: Story.\ndate: 2026-10-\(date)\n---\nText.\n")
        }
        let report = try build(["main"])
        XCTAssertTrue(report.published, report.diagnostics.description)
        let first = HTMLDocument(html: try XCTUnwrap(read("site/main/news/index.html")))
        XCTAssertEqual(first.elements("//ul/li/a").map(\.normalizedText), (3...12).reversed().map { "Story \($0)" })
        XCTAssertEqual(first.elements("//a[.='Next page']").first?.attribute("href"), "/news/page/2/")
        XCTAssertTrue(first.elements("//a[.='Previous page']").isEmpty)
        let second = HTMLDocument(html: try XCTUnwrap(read("site/main/news/page/2/index.html")))
        XCTAssertEqual(second.elements("//ul/li/a").map(\.normalizedText), ["Story 2", "Story 1"])
        XCTAssertEqual(second.elements("//a[.='Previous page']").first?.attribute("href"), "/news/")
        XCTAssertEqual(second.elements("//title").first?.normalizedText, "News (page 2 of 2) - Test Council")
        XCTAssertEqual(second.root?.attribute("lang"), "en-GB", "list continuation pages carry the page's language")
    }

    func testPagesPastTheirReviewDateAreWarned() throws {
        try write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bins.\nreview_by: 2026-01-31\n---\nText.\n")
        let (configuration, _) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        let builder = Builder(configuration: try XCTUnwrap(configuration))
        let late = builder.build(BuildOptions(siteIDs: ["main"], outputFolder: project.appendingPathComponent("site"), today: SimpleDate("2026-02-01")))
        let warning = try XCTUnwrap(late.diagnostics.first { $0.rule == "content/review-due" })
        XCTAssertEqual([warning.file, "\(warning.line)", warning.severity.rawValue], ["content/main/bins.md", "4", "warning"])
        XCTAssertEqual(warning.message, "This page was due for review on 31 January 2026.")
        let onTime = builder.build(BuildOptions(siteIDs: ["main"], outputFolder: project.appendingPathComponent("site"), today: SimpleDate("2026-01-31")))
        XCTAssertNil(onTime.diagnostics.first { $0.rule == "content/review-due" })
    }

    func testEventsSplitIntoUpcomingAndPastByTheBuildDate() throws {
        try write("themes/plain/templates/layouts/event.mustache", "<h1>{{page.title}}</h1>")
        try write(
            "themes/plain/templates/layouts/event-list.mustache",
            "<h1>{{page.title}}</h1><ul id=\"up\">{{#page.upcoming_events}}<li><a href=\"{{url}}\">{{title}}</a></li>{{/page.upcoming_events}}</ul><ul id=\"past\">{{#page.past_events}}<li><a href=\"{{url}}\">{{title}}</a></li>{{/page.past_events}}</ul>"
        )
        try write("content/main/events/index.md", "---\ntitle: Events\ndescription: Events.\nlayout: event-list\n---\nWhat is on.\n")
        for (name, date) in [("Fair", "2026-12-05"), ("Concert", "2026-12-19"), ("Talk", "2027-01-21")] {
            try write("content/main/events/\(name.lowercased()).md", "---\ntitle: \(name)\ndescription: \(name).\nlayout: event\ndate: \(date)\n---\nText.\n")
        }
        let (configuration, _) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        let report = Builder(configuration: try XCTUnwrap(configuration)).build(
            BuildOptions(siteIDs: ["main"], outputFolder: project.appendingPathComponent("site"), today: SimpleDate("2026-12-10")))
        XCTAssertTrue(report.published, report.diagnostics.description)
        let page = HTMLDocument(html: try XCTUnwrap(read("site/main/events/index.html")))
        XCTAssertEqual(page.elements("//ul[@id='up']/li").map(\.normalizedText), ["Concert", "Talk"])
        XCTAssertEqual(page.elements("//ul[@id='past']/li").map(\.normalizedText), ["Fair"])
        XCTAssertNotNil(read("site/main/events/fair/event.ics"))
    }

    func testAliasesRedirectAndCollisionsAreErrors() throws {
        try write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bins.\naliases: [/rubbish/, old/bins]\n---\nText.\n")
        XCTAssertTrue(try build(["main"]).published)
        let redirect = try XCTUnwrap(read("site/main/rubbish/index.html"))
        XCTAssertTrue(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/bins/\">"), redirect)
        XCTAssertTrue(redirect.contains("<link rel=\"canonical\" href=\"https://www.test.example/bins/\">"), redirect)
        XCTAssertEqual(read("site/main/_redirects"), "/old/bins/ /bins/ 301\n/rubbish/ /bins/ 301\n")
        try write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bins.\naliases: [/contact/, ../../etc]\n---\nText.\n")
        try write("content/main/map-page.md", "---\ntitle: Map\ndescription: Map.\n---\nText.\n")
        let report = try build(["main"])
        XCTAssertFalse(report.published)
        let errors = report.diagnostics.filter { $0.rule == "content/alias" }
        XCTAssertEqual(errors.count, 2, errors.description)
        XCTAssertTrue(errors.contains { $0.message.contains("is the address of content/main/contact.md") })
        XCTAssertTrue(errors.allSatisfy { $0.line == 4 && $0.file == "content/main/bins.md" })
    }

    func testFolderWithoutIndexGetsAGeneratedSectionPage() throws {
        try write(
            "themes/plain/templates/layouts/section.mustache",
            "<h1>{{page.title}}</h1><ul>{{#section_pages}}<li><a href=\"{{url}}\">{{title}}</a></li>{{/section_pages}}</ul>")
        try write("content/main/street-cleaning/litter.md", "---\ntitle: Report litter\ndescription: Litter.\n---\nText.\n")
        try write("content/main/street-cleaning/graffiti.md", "---\ntitle: Report graffiti\ndescription: Graffiti.\n---\nText.\n")
        let report = try build(["main"])
        XCTAssertTrue(report.published, report.diagnostics.description)
        let page = HTMLDocument(html: try XCTUnwrap(read("site/main/street-cleaning/index.html")))
        XCTAssertEqual(page.elements("//h1").map(\.normalizedText), ["Street cleaning"])
        XCTAssertEqual(page.elements("//li/a").map(\.normalizedText), ["Report graffiti", "Report litter"])
    }

    func testReviewDateSeverityIsConfigurable() throws {
        try write(
            "plainsite.yml",
            "lint:\n  rules: { content/review-due: error }\ntheme: plain\nsites:\n  - id: main\n    title: Test Council\n    base_url: https://www.test.example/\nexample_values: allowed\n"
        )
        try write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bins.\nreview_by: 2026-01-31\n---\nText.\n")
        let (configuration, diagnostics) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        XCTAssertEqual(diagnostics, [])
        let report = Builder(configuration: try XCTUnwrap(configuration)).build(
            BuildOptions(siteIDs: ["main"], outputFolder: project.appendingPathComponent("site"), today: SimpleDate("2026-06-01")))
        XCTAssertEqual(report.diagnostics.first { $0.rule == "content/review-due" }?.severity, .error)
        XCTAssertFalse(report.published)
    }

    func testAccessibilityStatementListsKnownProblemsAndNeedsItsFacts() throws {
        try write("themes/plain/templates/layouts/accessibility-statement.mustache", "<h1>{{page.title}}</h1>{{{page.body}}}")
        try write(
            "themes/plain/components/accessibility-statement/accessibility-statement.mustache",
            "{{#statement}}{{#partially_compliant}}<p>partially compliant</p>{{/partially_compliant}}<ul>{{#problems}}<li>{{text}}</li>{{/problems}}</ul><p>Tested by {{tested_by}} on {{last_tested}}.</p>{{/statement}}"
        )
        // Without the facts only a person can give, the build says which are missing.
        let missing = try build(["main"])
        let error = try XCTUnwrap(missing.diagnostics.first { $0.rule == "config/accessibility-statement" })
        XCTAssertTrue(error.message.contains("contact_email, last_tested, tested_by, prepared"), error.message)
        try write(
            "plainsite.yml",
            """
            organisation: Test Council
            example_values: allowed
            accessibility_statement:
              contact_email: a11y@test.example
              last_tested: 2026-10-01
              tested_by: our digital team
              prepared: 2026-10-15
            theme: plain
            sites:
              - id: main
                title: Test Council
                base_url: https://www.test.example/
            """)
        // An advisory problem injected in a page appears in the statement.
        try write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bins.\n---\nRead the [budget](/budget.pdf).\n")
        try write("content/main/budget.pdf", "%PDF")
        let report = try build(["main"])
        XCTAssertTrue(report.published, report.diagnostics.description)
        let statement = try XCTUnwrap(read("site/main/accessibility/index.html"))
        XCTAssertTrue(statement.contains("<p>partially compliant</p>"), statement)
        XCTAssertTrue(statement.contains("This link opens a PDF file but does not say its format and size."), statement)
        XCTAssertTrue(statement.contains("Tested by our digital team on 1 October 2026."), statement)
        let document = try XCTUnwrap(report.diagnostics.first { $0.rule == "content/document-alternative" })
        XCTAssertEqual([document.file, "\(document.line)"], ["content/main/bins.md", "5"])
        // With an HTML alternative named in the front matter there is nothing to warn about.
        try write(
            "content/main/bins.md",
            "---\ntitle: Bins\ndescription: Bins.\ndocuments:\n  - file: /budget.pdf\n    html: /contact/\n---\nRead the [budget (PDF, 1KB)](/budget.pdf).\n")
        let fixed = try build(["main"])
        XCTAssertNil(fixed.diagnostics.first { $0.rule == "content/document-alternative" }, fixed.diagnostics.description)
    }
}
