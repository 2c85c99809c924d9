import Foundation
import XCTest

@testable import plainsite

/// Attacks on the files Plainsite writes in place or next to a project's own files: hard links
/// to someone else's file, a marker planted in the content, links left where an interrupted build
/// puts folders back, and links on the way to a page `lint --fix` changes. Each points Plainsite
/// at a folder of someone else's files that must survive byte for byte.
final class OwnFilesAttackTests: VictimTestCase {
    override var victimFiles: [String: String] {
        ["precious.txt": "keep me", "fees.md": "---\ntitle: Fees\ndescription: Fees.\n---\nYou can utilise the form.\n"]
    }

    /// Replaces `path` in the project by a hard link to the victim's precious file.
    func hardLink(_ path: String) throws {
        let url = project.root.appendingPathComponent(path)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.linkItem(at: victim.appendingPathComponent("precious.txt"), to: url)
    }

    func symbolicLink(_ path: String, to target: URL) throws {
        let url = project.root.appendingPathComponent(path)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target.path)
    }

    func testALockFileHardLinkedElsewhereIsRefusedAndNeverEmptied() throws {
        XCTAssertEqual(try project.run(["build"]).status, 0)
        try hardLink("site/.plainsite-lock")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 2, result.err)
        let lock = project.root.path + "/site/.plainsite-lock"
        XCTAssertEqual(
            result.err,
            "plainsite: \(lock) is a hard link: the same file has another name elsewhere, and writing it would change that file too. Plainsite stopped without changing anything. Remove \(lock) and run the command again.\n"
        )
        assertVictimIntact("a hard-linked lock file")
    }

    func testAPublishedPageHardLinkedElsewhereIsReplacedNeverWrittenThrough() throws {
        XCTAssertEqual(try project.run(["build"]).status, 0)
        try hardLink("site/main/index.html")
        // The next full build recycles the site with the hard link in it, then the one after writes over it.
        for text in ["Changed.", "Changed again."] {
            try project.write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\n---\n\(text)\n")
            let result = try project.run(["build", "--no-cache"])
            XCTAssertEqual(result.status, 0, result.err)
            XCTAssertTrue(try project.read("site/main/index.html").contains("<p>\(text)</p>"))
        }
        assertVictimIntact("a hard link inside a published site")
    }

    func testAMarkerPlantedInTheContentNeverLetsABuildReplaceIt() throws {
        try project.write("content/.plainsite-output", "")
        let page = try project.read("content/main/index.md")
        for arguments in [
            ["build", "--output", "content"], ["build", "--output", "content/main", "--force"],
            ["report", "--output", "content/main", "--force"], ["build", "--output", "themes", "--force"],
        ] {
            let result = try project.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.err)")
            let output = project.root.path + "/" + arguments[2], source = project.root.path + "/" + (arguments[2] == "themes" ? "themes" : "content")
            XCTAssertEqual(
                result.err,
                "plainsite: --output \(output) would mix the output with the project's own files in \(source) (content, themes, the repository or the build cache), where writing could replace them. Plainsite stopped without changing anything. Choose a folder of its own, such as --output site.\n",
                "\(arguments)")
        }
        XCTAssertEqual(try project.read("content/main/index.md"), page)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: project.root.path + "/content/main"), ["index.md"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: project.root.path + "/themes").sorted(), ["plain"])
    }

    func testALinkLeftWhereAnInterruptedBuildPutsSitesBackIsNeverPublished() throws {
        XCTAssertEqual(try project.run(["build"]).status, 0)
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("site/main"))
        try symbolicLink("site/.plainsite-old/main", to: victim)
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(SafeFilesKind.of(project.root.path + "/site/main"), "folder")
        XCTAssertEqual(SafeFilesKind.of(project.root.path + "/site/.plainsite-old"), "missing")
        assertVictimIntact("a link in .plainsite-old")
    }

    func testLintFixNeverWritesThroughAContentFolderLinkedElsewhere() throws {
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/main"))
        try symbolicLink("content/main", to: victim)
        try symbolicLink("content/_snippets", to: victim)
        for arguments in [["lint", "--fix"], ["lint", "--fix", "content/main/fees.md"]] {
            let result = try project.run(arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.contains("plainsite: \(project.root.path)/content/main is a symbolic link (to \(victim.path))"), result.err)
            XCTAssertEqual(result.out.hasPrefix("Nothing to fix automatically."), true, result.out)
        }
        assertVictimIntact("lint --fix through a linked content folder")
    }

    func testSharedDataAndThemeFoldersLinkedOutsideTheProjectAreNeverRead() throws {
        try Data("phone: 0000 SECRET\n".utf8).write(to: victim.appendingPathComponent("council.yml"))
        before = snapshot(victim)
        for (folder, rule) in [("content/_data", "content/symlink"), ("themes/plain/assets", "theme/symlink")] {
            try symbolicLink(folder, to: victim)
            let result = try project.run(["build", "--format", "json"])
            XCTAssertEqual(result.status, 1, result.err)
            XCTAssertTrue(result.out.contains("\"file\" : \"\(folder)\""), result.out)
            XCTAssertTrue(result.out.contains("\"rule\" : \"\(rule)\""), result.out)
            XCTAssertTrue(
                result.out.contains(
                    "This folder is reached through a symbolic link to \(victim.path), which is outside the project. Plainsite never reads or publishes files from outside the project, so it was left out."
                ), result.out)
            XCTAssertEqual(SafeFilesKind.of(project.root.path + "/site/main"), "missing")
            try FileManager.default.removeItem(atPath: project.root.path + "/" + folder)
        }
        assertVictimIntact("shared data and theme assets linked outside the project")
    }

    func testAReportNeverShowsTheTextOfAFileLinkedFromOutside() throws {
        try symbolicLink("content/main/passwords.txt", to: victim.appendingPathComponent("precious.txt"))
        for arguments in [["report"], ["build", "--report"]] {
            let result = try project.run(arguments)
            XCTAssertEqual(result.status, arguments[0] == "report" ? 0 : 1, "\(arguments): \(result.err)")
            let report = project.root.appendingPathComponent("site/_report")
            XCTAssertTrue(try project.read("site/_report/index.html").contains("content/main/passwords.txt"))
            for path in try FileManager.default.subpathsOfDirectory(atPath: report.path) {
                let text = String(decoding: FileManager.default.contents(atPath: report.path + "/" + path) ?? Data(), as: UTF8.self)
                XCTAssertFalse(text.contains("keep me"), "\(arguments): \(path)")
            }
            XCTAssertEqual(SafeFilesKind.of(report.path + "/source/content/main/passwords.txt.html"), "missing")
        }
        assertVictimIntact("a report of a linked file")
    }

    func testAFolderTakenOverWithForceKeepsItsOwnEntriesOnEveryLaterBuild() throws {
        // The victim holds a folder named like a site added later.
        try Data("my post".utf8).write(to: victim.appendingPathComponent("blog.txt"))
        try FileManager.default.createDirectory(at: victim.appendingPathComponent("blog"), withIntermediateDirectories: true)
        try Data("<p>my post</p>".utf8).write(to: victim.appendingPathComponent("blog/index.html"))
        before = snapshot(victim)
        XCTAssertEqual(try project.run(["build", "--output", victim.path, "--force"]).status, 0)
        try project.write(
            "plainsite.yml",
            "theme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n  - id: blog\n    title: Blog\n    base_url: https://b.example/\n    theme: plain\n"
        )
        try project.write("content/blog/index.md", "---\ntitle: Blog\ndescription: Blog.\n---\nHello.\n")
        for arguments in [["build", "--output", victim.path], ["build", "--output", victim.path, "--force"]] {
            let result = try project.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.err)")
            XCTAssertEqual(
                result.err,
                "plainsite: \(victim.path)/blog is already there and Plainsite did not write it, so it will not replace it. Move it away, or choose another folder.\n"
            )
        }
        XCTAssertEqual(try project.run(["build", "--output", victim.path, "--site", "main"]).status, 0)
        for (path, data) in before { XCTAssertEqual(FileManager.default.contents(atPath: victim.path + "/" + path), data, path) }
    }
}
