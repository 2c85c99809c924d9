import Foundation
import XCTest

@testable import Preview

/// The watcher names each changed file, from inotify and from the scanning fallback alike.
final class FileWatcherTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)").standardizedFileURL
        try write("content/main/a.md", "one")
        try write("plainsite.yml", "sites: []\n")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let file = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// A watcher of content/, themes/ (missing at first), plainsite.yml and the hidden baseline file.
    func watcher(polling: Bool) -> FileWatcher {
        let watched = ["content", "themes", "plainsite.yml", ".plainsite-baseline.json"].map { root.appendingPathComponent($0) }
        return FileWatcher(paths: watched, interval: .milliseconds(20), polling: polling)
    }

    /// Each kind of change, made one after another, is reported with exactly its paths.
    func checkChanges(polling: Bool) throws {
        let watcher = watcher(polling: polling)
        XCTAssertEqual(watcher.usesInotify, !polling)
        XCTAssertEqual(watcher.waitForChanges(timeout: .milliseconds(100)), [], "nothing changed yet")

        try write("content/main/a.md", "one, and a longer two")
        XCTAssertEqual(watcher.waitForChanges(timeout: .seconds(5)), [path("content/main/a.md")])

        try write("content/main/bins/collections/new.md", "new")
        XCTAssertEqual(watcher.waitForChanges(timeout: .seconds(5)), [path("content/main/bins/collections/new.md")])

        try write("content/main/bins/collections/newer.md", "newer")
        XCTAssertEqual(watcher.waitForChanges(timeout: .seconds(5)), [path("content/main/bins/collections/newer.md")])

        try FileManager.default.removeItem(atPath: path("content/main/a.md"))
        XCTAssertEqual(watcher.waitForChanges(timeout: .seconds(5)), [path("content/main/a.md")])

        try FileManager.default.moveItem(atPath: path("content/main/bins/collections/new.md"), toPath: path("content/main/b.md"))
        XCTAssertEqual(
            watcher.waitForChanges(timeout: .seconds(5)), [path("content/main/b.md"), path("content/main/bins/collections/new.md")])

        try write("themes/plain/templates/base.mustache", "<html></html>")
        XCTAssertEqual(watcher.waitForChanges(timeout: .seconds(5)), [path("themes/plain/templates/base.mustache")])

        try write("plainsite.yml", "sites: [] # changed\n")
        try write(".plainsite-baseline.json", "{}")
        XCTAssertEqual(watcher.waitForChanges(timeout: .seconds(5)), [path(".plainsite-baseline.json"), path("plainsite.yml")])
    }

    /// Hidden files and folders, and files beside the watched ones, are not reported.
    func checkIgnored(polling: Bool) throws {
        let watcher = watcher(polling: polling)
        try write("content/main/.a.md.swp", "editor's")
        try write("content/.hidden/page.md", "hidden folder")
        try write("notes.md", "not watched")
        XCTAssertEqual(watcher.waitForChanges(timeout: .milliseconds(300)), [])
        try write("content/main/c.md", "seen")
        XCTAssertEqual(watcher.waitForChanges(timeout: .seconds(5)), [path("content/main/c.md")])
    }

    func testInotifyReportsEachChange() throws {
        #if os(Linux)
        try checkChanges(polling: false)
        #endif
    }

    func testInotifyIgnoresHiddenFiles() throws {
        #if os(Linux)
        try checkIgnored(polling: false)
        #endif
    }

    func testPollingReportsEachChange() throws {
        try checkChanges(polling: true)
    }

    func testPollingIgnoresHiddenFiles() throws {
        try checkIgnored(polling: true)
    }

    /// A folder made with files already in it (as by a move or an unpacked archive) names each file.
    func testInotifyNamesFilesOfAFolderMovedIn() throws {
        #if os(Linux)
        try write("elsewhere/x/page.md", "moved in")
        let watcher = watcher(polling: false)
        try FileManager.default.moveItem(atPath: path("elsewhere/x"), toPath: path("content/main/x"))
        XCTAssertEqual(watcher.waitForChanges(timeout: .seconds(5)), [path("content/main/x/page.md")])
        try write("content/main/x/page.md", "edited where it now is")
        XCTAssertEqual(watcher.waitForChanges(timeout: .seconds(5)), [path("content/main/x/page.md")])
        try FileManager.default.moveItem(atPath: path("content/main/x"), toPath: path("elsewhere/y"))
        XCTAssertEqual(watcher.waitForChanges(timeout: .seconds(5)), [path("content/main/x")])
        try write("elsewhere/y/page.md", "no longer watched")
        XCTAssertEqual(watcher.waitForChanges(timeout: .milliseconds(200)), [])
        #endif
    }

    /// Snapshots differ in exactly the files added, changed and removed.
    func testSnapshotsDifferInChangedFiles() throws {
        let folder = root.appendingPathComponent("content").path
        let a = path("content/main/a.md"), b = path("content/main/b.md")
        let first = PollingWatcher.snapshot(of: [folder])
        try write("content/main/a.md", "three")
        try write("content/main/b.md", "new")
        let second = PollingWatcher.snapshot(of: [folder])
        XCTAssertEqual(PollingWatcher.changes(from: first, to: second), [a, b])
        try FileManager.default.removeItem(atPath: b)
        XCTAssertEqual(PollingWatcher.changes(from: second, to: PollingWatcher.snapshot(of: [folder])), [b])
    }
}
