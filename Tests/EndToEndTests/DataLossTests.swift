import Foundation
import XCTest

@testable import plainsite

/// Nothing Plainsite did not write is ever deleted or written through: links where Plainsite
/// writes its own files, commands that write other folders, edits saved while a command runs.
/// Each test points Plainsite at a folder of someone else's files that must survive byte for byte.
final class DataLossTests: VictimTestCase {
    // Names a build would write too, so a write through a link would overwrite them.
    override var victimFiles: [String: String] {
        [
            "precious.txt": "keep me", "nested/deep/notes.md": "# Notes", "index.html": "<p>mine</p>",
            "sitemap.xml": "<mine/>", "state-1234": "not a cache", "pack-1": "not a pack",
        ]
    }

    func link(_ path: String, to target: URL) throws {
        let url = project.root.appendingPathComponent(path)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target.path)
    }

    func linkMessage(_ path: String, target: URL, folder: Bool = true) -> String {
        "plainsite: \(project.root.path)/\(path) is a symbolic link (to \(target.path)). Plainsite never writes or deletes through a link, so it stopped without changing anything. Remove the link and run the command again, or name the \(folder ? "folder" : "file") it points to instead.\n"
    }

    func testASiteFolderThatIsALinkIsRefusedAndItsTargetSurvives() throws {
        XCTAssertEqual(try project.run(["build"]).status, 0)
        try link("site/main", to: victim)
        for arguments in [["build"], ["build", "--no-cache"], ["build", "--report"]] {
            let result = try project.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.err)")
            XCTAssertEqual(result.err, linkMessage("site/main", target: victim), "\(arguments)")
            assertVictimIntact("\(arguments)")
        }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: project.root.path + "/site/main"), victim.path)
    }

    func testAnOutputFolderThatIsALinkIsRefusedEvenWhenItsTargetLooksLikePlainsites() throws {
        try Data("x".utf8).write(to: victim.appendingPathComponent(".plainsite-output"))
        before = snapshot(victim)
        try link("public", to: victim)
        let result = try project.run(["build", "--output", "public", "--force"])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertEqual(
            result.err,
            "plainsite: \(project.root.path)/public is a symbolic link (to \(victim.path)). Plainsite never writes or deletes through a link, so it stopped without changing anything. Remove the link and run the command again, or name the folder it points to instead.\n"
        )
        assertVictimIntact("output link")
    }

    func testALinkedRecycledCopyIsRemovedAsALinkAndNeverFollowed() throws {
        XCTAssertEqual(try project.run(["build", "--no-cache"]).status, 0)
        XCTAssertEqual(try project.run(["build", "--no-cache"]).status, 0)
        try link("site/.plainsite-recycle/main", to: victim)
        try link("site/.plainsite-staging", to: victim)
        let result = try project.run(["build", "--no-cache"])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertEqual(result.err, linkMessage("site/.plainsite-staging", target: victim))
        try FileManager.default.removeItem(atPath: project.root.path + "/site/.plainsite-staging")
        let next = try project.run(["build", "--no-cache"])
        XCTAssertEqual(next.status, 0, next.err)
        assertVictimIntact("recycled link")
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.root.path + "/site/main/index.html"))
    }

    func testALinkInsideAPublishedSiteIsNeverWrittenThroughByARebuild() throws {
        try project.write("content/main/fees.md", "---\ntitle: Fees\ndescription: Fees.\n---\nFees are due in April.\n")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        try link("site/main/fees", to: victim)
        try project.write("content/main/fees.md", "---\ntitle: Fees\ndescription: Fees.\n---\nFees are due in May.\n")
        let result = try project.run(["build"])
        assertVictimIntact("a rebuild over a link inside the site: \(result.err)")
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(try project.read("site/main/fees/index.html").contains("Fees are due in May."))
        XCTAssertEqual(SafeFilesKind.of(project.root.path + "/site/main/fees"), "folder", "the link was replaced by the site's own folder")
    }

    func testALinkedCacheFolderIsRefusedAndItsTargetSurvives() throws {
        try link(".plainsite-cache", to: victim)
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertEqual(result.err, linkMessage(".plainsite-cache", target: victim))
        assertVictimIntact("cache link")
        XCTAssertEqual(try project.run(["build", "--no-cache"]).status, 0, "without the cache the link is not used")
        assertVictimIntact("cache link, --no-cache")
    }

    func testTheBaselineIsNeverWrittenThroughALink() throws {
        let target = victim.appendingPathComponent("precious.txt")
        try link(".plainsite-baseline.json", to: target)
        let result = try project.run(["lint", "--write-baseline"])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertEqual(result.err, linkMessage(".plainsite-baseline.json", target: target, folder: false))
        assertVictimIntact("baseline link")
    }

    func testReportNeverReplacesTheProjectOrAFolderOfOtherFiles() throws {
        try project.write(".git/HEAD", "ref: refs/heads/main\n")
        try project.write("docs/guide.md", "# Guide\n")
        let mine = snapshot(project.root)
        for (folder, expected) in [(".", "is the project folder"), ("..", "holds the project folder")] {
            let result = try project.run(["report", "--output", folder])
            XCTAssertEqual(result.status, 2, result.err)
            XCTAssertTrue(result.err.contains(expected), result.err)
        }
        let docs = try project.run(["report", "--output", "docs"])
        XCTAssertEqual(docs.status, 2)
        XCTAssertEqual(
            docs.err,
            "plainsite: \(project.root.path)/docs already holds files that Plainsite did not write, so it will not replace them. Choose an empty or new folder with --output, or add --force to let Plainsite take the folder over (it then replaces only what it writes).\n"
        )
        XCTAssertEqual(snapshot(project.root), mine, "nothing in the project changed")

        let forced = try project.run(["report", "--output", "docs", "--force"])
        XCTAssertEqual(forced.status, 0, forced.err)
        XCTAssertEqual(try project.read("docs/guide.md"), "# Guide\n")
        XCTAssertTrue(try project.read("docs/index.html").contains("<html"))
        XCTAssertEqual(try project.run(["report", "--output", "docs"]).status, 0, "a folder Plainsite has marked needs no --force")
        XCTAssertEqual(try project.read("docs/guide.md"), "# Guide\n")
        XCTAssertEqual(try project.read(".git/HEAD"), "ref: refs/heads/main\n")
    }

    func testRebuildingIntoAFolderOutsideTheProjectThatPlainsiteWroteNeedsNoForce() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-public-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outside) }
        for run in 1...2 {
            let result = try project.run(["build", "--output", outside.path])
            XCTAssertEqual(result.status, 0, "build \(run): \(result.err)")
        }
        try Data("deploy notes".utf8).write(to: outside.appendingPathComponent("README.txt"))
        XCTAssertEqual(try project.run(["build", "--output", outside.path]).status, 0)
        XCTAssertEqual(FileManager.default.contents(atPath: outside.path + "/README.txt"), Data("deploy notes".utf8))
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.path + "/main/index.html"))
    }

    func testForceNeverReplacesAFolderItDidNotWrite() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-www-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("main"), withIntermediateDirectories: true)
        try Data("live site of someone else".utf8).write(to: outside.appendingPathComponent("main/index.html"))
        let result = try project.run(["build", "--output", outside.path, "--force"])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertEqual(
            result.err,
            "plainsite: \(outside.path)/main is already there and Plainsite did not write it, so it will not replace it. Move it away, or choose another folder.\n"
        )
        XCTAssertEqual(FileManager.default.contents(atPath: outside.path + "/main/index.html"), Data("live site of someone else".utf8))
    }

    func testLintFixNeverWritesThroughALink() throws {
        try Data("---\ntitle: Fees\ndescription: Fees.\n---\nYou can utilise the form.\n".utf8).write(to: victim.appendingPathComponent("fees.md"))
        before = snapshot(victim)
        try link("content/main/fees.md", to: victim.appendingPathComponent("fees.md"))
        let result = try project.run(["lint", "--fix", "content/main/fees.md"])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertTrue(result.err.contains("\(project.root.path)/content/main/fees.md is a symbolic link"), result.err)
        assertVictimIntact("lint --fix through a link")
    }

    func testLintFixNeverWritesOverAnEditSavedWhileItRan() throws {
        let file = project.root.appendingPathComponent("content/main/fees.md")
        let linted = "---\ntitle: Fees\ndescription: Fees.\n---\nYou can utilise the form.\n"
        let saved = linted + "A paragraph the editor added meanwhile.\n"
        try project.write("content/main/fees.md", saved)
        XCTAssertThrowsError(try LintCommand.replace(file, with: "fixed", read: linted, root: project.root)) { error in
            XCTAssertEqual(
                "\(error)", "\(file.path) changed while Plainsite was reading it, so it was left as it is. Save your work, then run the command again.")
        }
        XCTAssertEqual(try project.read("content/main/fees.md"), saved)
        try LintCommand.replace(file, with: "fixed", read: saved, root: project.root)
        XCTAssertEqual(try project.read("content/main/fees.md"), "fixed")
    }

    func testNewNeverWritesThroughALinkedFolder() throws {
        try link("content/main/news", to: victim)
        let result = try project.run(["new", "news", "--site", "main", "--folder", "news", "Bins collected late"])
        XCTAssertEqual(result.status, 2, result.err)
        XCTAssertEqual(result.err, linkMessage("content/main/news", target: victim))
        assertVictimIntact("new through a link")
    }
}

/// What is at a path, without following a link (for assertions).
enum SafeFilesKind {
    static func of(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "missing" }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return "folder"
        case S_IFLNK: return "link"
        default: return "file"
        }
    }
}
