import Foundation
import XCTest

/// `plainsite init` starts a council's project that builds with the built-in theme, warns about
/// every fact still to replace, and never writes over or through anything.
final class InitCommandTests: XCTestCase {
    var parent: TestProject!

    override func setUpWithError() throws {
        parent = TestProject(root: FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-init-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: parent.root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        parent.remove()
    }

    /// Runs `plainsite init FOLDER --name …` in the parent folder and returns the new project.
    func initialise(_ folder: String = "wensleydale") throws -> TestProject {
        let result = try parent.run(["init", folder, "--name", "Wensleydale District Council"])
        XCTAssertEqual(result.status, 0, result.err)
        return TestProject(root: parent.root.appendingPathComponent(folder))
    }

    func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? [] {
            files[path] = FileManager.default.contents(atPath: folder.path + "/" + path) ?? Data("folder".utf8)
        }
        return files
    }

    /// The report's finding lines ("  15:1  warning  … rule") of one severity.
    func findings(_ report: String, _ severity: String) -> [String] {
        report.split(separator: "\n").map(String.init).filter { $0.contains("  \(severity)  ") }
    }

    func testNewProjectBuildsAndLintsWithOnlyPlaceholderWarnings() throws {
        let project = try initialise()
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("themes").path), "the theme is built in")
        XCTAssertEqual(try project.read(".gitignore").contains("\nsite/\n"), true)
        XCTAssertTrue(try project.read("content/_data/council.yml").contains("name: \"Wensleydale District Council\"\n"))

        let build = try project.run(["build"])
        XCTAssertEqual(build.status, 0, build.err + build.out)
        let lint = try project.run(["lint"])
        XCTAssertEqual(lint.status, 0, lint.err + lint.out)
        for report in [build.out + build.err, lint.out + lint.err] {
            XCTAssertEqual(findings(report, "error"), [], report)
            let warnings = findings(report, "warning")
            XCTAssertFalse(warnings.isEmpty)
            for warning in warnings {
                XCTAssertTrue(warning.hasSuffix("placeholder/marker") || warning.hasSuffix("placeholder/example-value"), warning)
            }
        }
        let report = lint.out + lint.err
        XCTAssertTrue(
            report.contains(
                """
                content/_data/council.yml
                  4:8  warning  '01632 960000' is a phone number kept for examples, not the council's own, so nobody could use it.  placeholder/example-value
                """), report)
        XCTAssertTrue(report.contains("  5:8  warning  'contact@wensleydale-district-council.example' is an email address kept for examples"), report)
        XCTAssertTrue(
            report.contains(
                """
                content/council/report-a-missed-bin.md
                  12:1  warning  '[Replace: how to report a missed bin, such as a link to the online form or a phone number]' is a placeholder, so it would be published as it stands.  placeholder/marker
                      → Write how to report a missed bin, such as a link to the online form or a phone number instead, without the brackets.
                """), report)
        XCTAssertTrue(
            report.contains("  8:3  warning  'contact_email' under 'accessibility_statement' is 'accessibility@wensleydale-district-council.example'"), report)
        XCTAssertTrue(report.contains("  12:15  warning  '[Replace: who tested the website"), report)
        XCTAssertTrue(
            report.contains(
                "  22:5  warning  'base_url' of site 'council' is 'https://www.wensleydale-district-council.example/', an address kept for examples"), report)
        XCTAssertFalse(report.contains("[Replace: …]"), "notes in comments are not placeholders: " + report)

        let home = try project.read("site/council/index.html")
        XCTAssertTrue(home.contains("<h1 class=\"ps-title\">Wensleydale District Council</h1>"), home)
        XCTAssertTrue(home.contains("<p>This website is run by Wensleydale District Council.</p>"), home)
        XCTAssertFalse(home.contains("Council is run by Wensleydale"), home)
        XCTAssertTrue(home.contains("href=\"mailto:contact@wensleydale-district-council.example?subject="), home)
        XCTAssertTrue(try project.read("site/council/cookies/index.html").contains("This website does not set any cookies."))
        XCTAssertTrue(try project.read("site/council/news/index.html").contains("href=\"/news/our-new-website/\""))
    }

    func testWithoutAnEmailAddressPagesHaveNoFeedbackLinkAndAWarning() throws {
        let project = try initialise()
        let data = try project.read("content/_data/council.yml")
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/_data/council.yml"))
        try project.write("content/_data/council.yml", data.replacingOccurrences(of: "email: contact@wensleydale-district-council.example\n", with: "email:\n"))
        let build = try project.run(["build"])
        XCTAssertEqual(build.status, 0, build.err)
        XCTAssertTrue((build.out + build.err).contains("markdown/empty-data"), "pages showing the empty address are warned about too")
        XCTAssertTrue(
            (build.out + build.err).contains(
                """
                content/_data/council.yml
                  1:1  warning  There is no 'email' address in content/_data/council.yml, so pages are published without the link to report a problem with the page.  data/feedback-email
                """), build.out + build.err)
        for page in ["index.html", "contact-us/index.html", "news/index.html"] {
            let html = try project.read("site/council/" + page)
            XCTAssertFalse(html.contains("href=\"mailto:\"") || html.contains("mailto:?") || html.contains("mailto:\""), page)
        }
    }

    func testAMissingStatementFactIsAnErrorInPlainsiteYMLNotABrokenLink() throws {
        let project = try initialise()
        let settings = try project.read("plainsite.yml")
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("plainsite.yml"))
        try project.write(
            "plainsite.yml",
            settings.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("  tested_by:") }.joined(separator: "\n"))
        let build = try project.run(["build"])
        XCTAssertEqual(build.status, 1)
        let report = build.out + build.err
        XCTAssertTrue(
            report.contains(
                "error  The accessibility statement of site 'council' needs facts only a person can give: tested_by.  config/accessibility-statement"), report)
        XCTAssertEqual(findings(report, "error").count, 1, "no broken link to the statement in a theme file: " + report)
    }

    func testInitRefusesAFolderThatHoldsAProjectAndChangesNothing() throws {
        let project = try initialise()
        try project.write("content/council/extra.md", "---\ntitle: Extra\ndescription: Mine.\n---\nMine.\n")
        let before = snapshot(project.root)
        let again = try parent.run(["init", "wensleydale", "--name", "Another Council"])
        XCTAssertEqual(again.status, 2)
        XCTAssertEqual(
            again.err,
            "plainsite: 'wensleydale' already holds a Plainsite project (plainsite.yml), so nothing was changed. Edit that project, or give a new folder name.\n"
        )
        XCTAssertEqual(snapshot(project.root), before)

        try parent.write("other/notes.txt", "my notes")
        let full = try parent.run(["init", "other", "--name", "Another Council"])
        XCTAssertEqual(full.status, 2)
        XCTAssertTrue(full.err.contains("'other' is not empty (it holds notes.txt)"), full.err)
        XCTAssertEqual(try parent.read("other/notes.txt"), "my notes")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.root.appendingPathComponent("other").path), ["notes.txt"])
    }

    func testInitRefusesASymbolicLinkAndAcceptsAFolderWithOnlyHiddenFiles() throws {
        try parent.write("real/.git/HEAD", "ref: refs/heads/main\n")
        try FileManager.default.createSymbolicLink(atPath: parent.root.appendingPathComponent("link").path, withDestinationPath: "real")
        let linked = try parent.run(["init", "link", "--name", "Wensleydale District Council"])
        XCTAssertEqual(linked.status, 2)
        XCTAssertTrue(linked.err.contains("'link' is a symbolic link (to real), so nothing was written."), linked.err)
        XCTAssertEqual(snapshot(parent.root.appendingPathComponent("real")).keys.sorted(), [".git", ".git/HEAD"])

        let project = try initialise("real")
        XCTAssertEqual(try project.read(".git/HEAD"), "ref: refs/heads/main\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("plainsite.yml").path))
    }

    func testNewPageHomeIsTheHomePageAndNewNewsIsListedOnTheNewsPage() throws {
        let project = try initialise()
        let home = try project.run(["new", "page", "--site", "council", "Home"])
        XCTAssertEqual(home.status, 2)
        XCTAssertTrue(home.err.contains("the home page of site 'council' is content/council/index.md, which already exists, so nothing was written."), home.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("content/council/home.md").path))

        let news = try project.run(["new", "news", "--site", "council", "Bins collected late"])
        XCTAssertEqual(news.status, 0, news.err)
        XCTAssertTrue(news.out.hasPrefix("Wrote content/council/news/bins-collected-late.md. It is listed on /news/."), news.out)
        let build = try project.run(["build"])
        XCTAssertEqual(build.status, 0, build.err)
        XCTAssertTrue(try project.read("site/council/news/index.html").contains("href=\"/news/bins-collected-late/\""))
        XCTAssertTrue(
            (build.out + build.err).contains(
                """
                content/council/news/bins-collected-late.md
                  3:15  warning  '[Replace: one sentence saying what this page helps people do]' is a placeholder, so it would be published as it stands.  placeholder/marker
                """), build.out + build.err)

        // Without a list page, news goes into news/, whose generated section page lists it at /news/.
        let plain = try TestProject()
        defer { plain.remove() }
        let plainNews = try plain.run(["new", "news", "--site", "main", "Bins collected late"])
        XCTAssertEqual(plainNews.status, 0, plainNews.err)
        XCTAssertTrue(plainNews.out.hasPrefix("Wrote content/main/news/bins-collected-late.md. It is listed on /news/."), plainNews.out)
        let event = try plain.run(["new", "event", "--site", "main", "--date", "2027-02-14", "Craft fair"])
        XCTAssertTrue(event.out.hasPrefix("Wrote content/main/events/craft-fair.md. It is listed on /events/."), event.out)
        XCTAssertTrue(try plain.read("content/main/events/craft-fair.md").contains("venue: \"[Replace: where it happens]\"\n"))

        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/council/index.md"))
        let made = try project.run(["new", "page", "--site", "council", "Home"])
        XCTAssertEqual(made.status, 0, made.err)
        XCTAssertEqual(
            made.out,
            "Wrote content/council/index.md, the site's home page. Replace each '[Replace: …]' with your own words, then run 'plainsite lint content/council/index.md'.\n"
        )
        XCTAssertTrue(
            try project.read("content/council/index.md").contains(
                "title: \"Wensleydale District Council\"\ndescription: \"[Replace: one sentence saying what this page helps people do]\"\nlayout: home\n"))
    }
}
