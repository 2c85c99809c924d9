import Foundation
import XCTest

/// The bad-input catalogue: every odd file gets a clear message naming the file, the line and
/// what to do, through the real `plainsite` command. (Cases tested elsewhere: invalid UTF-8,
/// unclosed front matter, wrong YAML types, unknown keys, duplicate URLs, alias collisions and
/// a missing layout in BuilderTests and FrontMatterTests.)
final class BadInputTests: XCTestCase {
    var project: TestProject!

    override func setUpWithError() throws { project = try TestProject() }
    override func tearDownWithError() throws { project.remove() }

    func testByteOrderMarkAndCRLFKeepPositionsRight() throws {
        let text = "\u{FEFF}---\r\ntitle: Bins\r\ndescription: Bin days.\r\n---\r\nIntro.\r\n\r\n# Bin days\r\n"
        try project.write("content/main/bins.md", text)
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.err.contains("content/main/bins.md\n"), result.err)
        XCTAssertTrue(
            result.err.contains(
                "  7:1  error  This is a level 1 heading, but the page title from the front matter is already the page's only level 1 heading.  markdown/heading-one\n"
            ), result.err)
        XCTAssertTrue(result.err.contains("→ Start this heading with '## ' instead of '# '"), result.err)
    }

    func testEmptyFileNeedsATitle() throws {
        try project.write("content/main/empty.md", "")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.err.contains("content/main/empty.md\n"), result.err)
        XCTAssertTrue(
            result.err.contains(
                "1:1  error  This page has no title, so it has no heading and no name in search results.  front-matter/title\n      → Add a line 'title: ...' to the front matter"
            ), result.err)
    }

    func testUnknownSiteInEveryCommand() throws {
        let build = try project.run(["build", "--site", "nowhere"])
        XCTAssertEqual(build.status, 2)
        XCTAssertEqual(build.err, "plainsite: There is no site called 'nowhere'. Sites in plainsite.yml: main.\n")
        for command in [["lint", "--site", "nowhere"], ["new", "page", "--site", "nowhere", "Report a blocked drain"]] {
            let result = try project.run(command)
            XCTAssertEqual(result.status, 2, command.description)
            XCTAssertTrue(result.err.contains("no site called 'nowhere'. Sites: main."), result.err)
        }
    }

    func testMissingOrUnreadableConfiguration() throws {
        let missing = try project.run(["build", "--config", "other.yml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(
            missing.err.contains(
                "1:1  error  There is no configuration file at \(project.root.path)/other.yml.  config/missing\n      → Run Plainsite from the project folder that holds plainsite.yml, or pass --config PATH."
            ), missing.err)
        // A folder where the file should be cannot be read (permissions do not stop root, who may run the tests).
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("folder.yml"), withIntermediateDirectories: true)
        let unreadable = try project.run(["build", "--config", "folder.yml"])
        XCTAssertEqual(unreadable.status, 2)
        XCTAssertTrue(
            unreadable.err.contains("1:1  error  \(project.root.path)/folder.yml could not be read.  config/missing\n      → Check the file's permissions."),
            unreadable.err)
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("plainsite.yml"))
        let none = try project.run(["build"])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.err.contains("There is no configuration file at \(project.root.path)/plainsite.yml."), none.err)
    }

    func testSymbolicLinkOutOfContentIsRefused() throws {
        try project.write("secrets/passwords.txt", "secret")
        try project.write("secrets/notes/page.md", "---\ntitle: Notes\ndescription: Notes.\n---\nSecret notes.\n")
        let manager = FileManager.default
        try manager.createSymbolicLink(
            atPath: project.root.appendingPathComponent("content/main/passwords.txt").path,
            withDestinationPath: "../../secrets/passwords.txt")
        try manager.createSymbolicLink(
            atPath: project.root.appendingPathComponent("content/main/notes").path,
            withDestinationPath: project.root.appendingPathComponent("secrets/notes").path)
        try manager.createSymbolicLink(atPath: project.root.appendingPathComponent("content/main/home.md").path, withDestinationPath: "index.md")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        let secrets = project.root.appendingPathComponent("secrets").resolvingSymlinksInPath().path
        XCTAssertTrue(
            result.err.contains(
                "content/main/passwords.txt\n  1:1  error  This is a symbolic link to \(secrets)/passwords.txt, which is outside the content/ folder. Plainsite never publishes files from outside content/.  content/symlink\n      → Delete the link, and copy the file into content/main/ if it should be on the site."
            ), result.err)
        XCTAssertTrue(result.err.contains("content/main/notes\n  1:1  error  This is a symbolic link to \(secrets)/notes, which is outside"), result.err)
        XCTAssertTrue(
            result.err.contains(
                "content/main/home.md\n  1:1  warning  This is a symbolic link, so Plainsite skips it and does not publish it.  content/symlink\n      → Link to the page or file it points at (content/main/index.md) instead"
            ), result.err)
        XCTAssertFalse(manager.fileExists(atPath: project.root.appendingPathComponent("site/main").path))

        // The site's whole content folder as a link to a folder outside the project.
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-elsewhere-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: elsewhere) }
        try manager.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("---\ntitle: Home\ndescription: Home.\n---\nText.\n".utf8).write(to: elsewhere.appendingPathComponent("index.md"))
        try manager.removeItem(at: project.root.appendingPathComponent("content/main"))
        try manager.createSymbolicLink(atPath: project.root.appendingPathComponent("content/main").path, withDestinationPath: elsewhere.path)
        let folder = try project.run(["build"])
        XCTAssertEqual(folder.status, 1)
        XCTAssertTrue(
            folder.err.contains(
                "content/main\n  1:1  error  The content folder of site 'main' is a symbolic link to \(elsewhere.resolvingSymlinksInPath().path), which is outside the project. Plainsite never publishes files from outside the project.  content/symlink\n      → Replace the link with the folder itself, inside the project."
            ), folder.err)
    }

    func testDotDotAndAbsolutePathsAreRefused() throws {
        try project.write(
            "content/main/bins.md",
            "---\ntitle: Bins\ndescription: Bins.\naliases: [/../../etc/]\n---\nIntro.\n\n![Map](../../../etc/passwd)\n\n[Settings](../plainsite.yml)\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(
            result.err.contains(
                "  4:1  error  The alias '/../../etc/' is not an address inside this site.  content/alias\n      → Write the old address from the site's root, such as /old-page/, without '..' or a web address."
            ), result.err)
        XCTAssertTrue(
            result.err.contains(
                "  8:1  error  The address '../../../etc/passwd' climbs out of the site's folder with '..', so Plainsite will not publish it.  links/outside-site\n      → Put the file inside content/main/ and write its address from there, for example /leaflets/bins.pdf."
            ), result.err)
        XCTAssertTrue(result.err.contains("  10:1  error  The address '../plainsite.yml' climbs out"), result.err)

        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bins.\n---\nIntro.\n")
        try project.write(
            "plainsite.yml", "sites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n    content: ../elsewhere\n    logo: /etc/passwd\n")
        let config = try project.run(["build"])
        XCTAssertEqual(config.status, 2)
        XCTAssertTrue(
            config.err.contains(
                "  5:5  error  'content' of site 'main' is '../elsewhere', which points outside the project folder.  config/path\n      → Write a path inside the project without '..' or a leading '/', for example content/main."
            ), config.err)
        XCTAssertTrue(
            config.err.contains("  6:5  error  'logo' of site 'main' is '/etc/passwd', which points outside the project folder.  config/path"), config.err)
    }

    func testYAMLThatExpandsToMillionsOfValuesIsRefusedQuickly() throws {
        var laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for (name, previous) in zip(["b", "c", "d", "e", "f", "g", "h"], ["a", "b", "c", "d", "e", "f", "g"]) {
            laughs += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        try project.write("content/_data/laughs.yml", laughs)
        try project.write(
            "content/main/laughs.md", "---\ntitle: Laughs\ndescription: Laughs.\n" + laughs.replacingOccurrences(of: "h: ", with: "tags: ") + "---\nText.\n")
        let started = Date()
        let result = try project.run(["build"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        XCTAssertEqual(result.status, 1)
        let message =
            "  1:1  error  This YAML stands for more than 200000 values, which is more than Plainsite reads.  data/yaml\n      → Write the values out instead of repeating anchors with '*', and split very long lists into several files."
        XCTAssertTrue(result.err.contains("content/_data/laughs.yml\n" + message), result.err)
        XCTAssertTrue(result.err.contains("content/main/laughs.md\n"), result.err)
        XCTAssertTrue(
            result.err.contains("  2:1  error  This YAML stands for more than 200000 values, which is more than Plainsite reads.  front-matter/yaml\n"),
            result.err)
    }

    func testTenMegabytePageAndTenThousandDeepNestingBuild() throws {
        // Minutes as councils publish them: words, code, tables and lists, 10 MB in all.
        var big = "---\ntitle: Council minutes\ndescription: Every decision of the council.\n---\n"
        let paragraph = String(repeating: "The council agreed the budget for the year. ", count: 5)
        let code = "```\n" + String(repeating: "budget[2026] = spend(schools, roads, parks) + reserve;\n", count: 25) + "```\n"
        let table = "| Ward | Votes |\n| --- | --- |\n" + String(repeating: "| Riverside | 1,204 |\n", count: 10)
        var section = 0
        while big.utf8.count < 10 * 1024 * 1024 {
            section += 1
            big += "\n## Meeting \(section)\n\n\(paragraph)\n\n\(code)\n\(table)\n- Item one\n- Item two\n"
        }
        try project.write("content/main/minutes.md", big)
        let deep =
            "---\ntitle: Deep lists\ndescription: Lists inside lists.\n---\n\n" + String(repeating: "- ", count: 10_000) + "item\n\n"
            + String(repeating: "> ", count: 10_000) + "quote\n\n" + String(repeating: "*", count: 10_000) + "text" + String(repeating: "*", count: 10_000)
            + "\n"
        try project.write("content/main/deep.md", deep)
        let started = Date()
        // JSON goes to standard output, which the helper reads first, so a long list of findings cannot fill a pipe.
        let result = try project.run(["build", "--format", "json"])
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertLessThan(seconds, 240, "a 10 MB page took \(seconds) s (in a debug build)")
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        XCTAssertLessThan(usage.ru_maxrss, 2_000_000, "the build needed \(usage.ru_maxrss / 1024) MB")  // kilobytes on Linux
        let deepHTML = try project.read("site/main/deep/index.html")
        XCTAssertEqual(deepHTML.components(separatedBy: "<li>").count - 1, 10_000)
        XCTAssertEqual(deepHTML.components(separatedBy: "<blockquote>").count - 1, 10_000)
        let minutes = try project.read("site/main/minutes/index.html")
        XCTAssertTrue(minutes.contains("<h2 id=\"meeting-\(section)\">Meeting \(section)</h2>"))
    }
}
