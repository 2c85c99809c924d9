import Foundation
import HTML
import SiteBuilder
import XCTest

/// Output safety (where a build may write, the lock, interrupted builds), through the real
/// `plainsite`; safe HTML is in `SafeHTMLTests`.
final class SafeOutputTests: XCTestCase {
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

    // MARK: Where a build may write

    func testOutputRefusesTheProjectAndAForeignFolderUnlessForced() throws {
        let inRoot = try project.run(["build", "--output", "."])
        XCTAssertEqual(inRoot.status, 2)
        XCTAssertEqual(
            inRoot.err,
            "plainsite: --output \(project.root.path) is the project folder (with plainsite.yml and content/), so writing there would replace your own files. Choose a folder of its own, such as --output site.\n"
        )
        let above = try project.run(["build", "--output", ".."])
        XCTAssertEqual(above.status, 2)
        XCTAssertTrue(above.err.contains("holds the project folder (with plainsite.yml and content/)"), above.err)
        XCTAssertEqual(try project.run(["build", "--output", ".", "--force"]).status, 2, "never the project, even with --force")

        try project.write("public/notes.txt", "mine")
        let foreign = try project.run(["build", "--output", "public"])
        XCTAssertEqual(foreign.status, 2)
        XCTAssertEqual(
            foreign.err,
            "plainsite: \(project.root.path)/public already holds files that Plainsite did not write, so it will not replace them. Choose an empty or new folder with --output, or add --force to let Plainsite take the folder over (it then replaces only what it writes).\n"
        )
        XCTAssertEqual(try project.run(["build", "--output", "public", "--force"]).status, 0)
        XCTAssertEqual(try project.read("public/notes.txt"), "mine")
        XCTAssertTrue(exists("public/main/index.html"))

        let outside = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: outside.appendingPathComponent("other.txt"))
        let full = try project.run(["build", "--output", outside.path])
        XCTAssertEqual(full.status, 2)
        XCTAssertEqual(
            full.err,
            "plainsite: \(outside.path) already holds files that Plainsite did not write, so it will not replace them. Choose an empty or new folder with --output, or add --force to let Plainsite take the folder over (it then replaces only what it writes).\n"
        )
        XCTAssertEqual(try project.run(["build", "--output", outside.path, "--force"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.appendingPathComponent("other.txt").path))
    }

    // MARK: The lock

    func testABuildIsRefusedWhileAnotherProcessHoldsTheLockAndAProcessIdAloneNeverBlocks() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { throw XCTSkip("util-linux's flock is not installed") }
        XCTAssertEqual(try project.run(["build"]).status, 0)
        try project.write("site/.plainsite-lock", "4242\n")
        // Another process holds the lock (as a running build does) for a minute.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [project.root.path + "/site/.plainsite-lock", "sleep", "60"]
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        var locked = try project.run(["build"])
        for _ in 0..<50 where locked.status == 0 {
            usleep(100_000)
            locked = try project.run(["build"])
        }
        XCTAssertEqual(locked.status, 2)
        XCTAssertEqual(
            locked.err,
            "plainsite: Another Plainsite command (process 4242) is writing into \(project.root.path)/site. Wait for it to finish, or stop it, then run the command again.\n"
        )
        XCTAssertTrue(exists("site/main/index.html"), "the live site is untouched")
        holder.terminate()
        holder.waitUntilExit()

        // A lock file naming a live process that holds no lock (process ids are reused) blocks nothing.
        try project.write("site/.plainsite-lock", "1\n")
        let free = try project.run(["build"])
        XCTAssertEqual(free.status, 0, free.err)
        XCTAssertEqual(try project.read("site/.plainsite-lock"), "", "the lock is let go and emptied after the build")
    }

    // MARK: A failing disk

    /// Mounts a small tmpfs (root only), or skips.
    func mount(_ options: String) throws -> URL {
        let point = temporaryFolder()
        try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-t", "tmpfs", "-o", options, "tmpfs", point.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("cannot mount a tmpfs here (not root)") }
        return point
    }

    func unmount(_ point: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [point.path]
        try? process.run()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: point)
    }

    func testAFullDiskOrAReadOnlyFolderIsSaidPlainlyWithExitThreeAndNoOtherErrors() throws {
        for number in 1...40 {
            try project.write(
                "content/main/page-\(number).md",
                "---\ntitle: Page \(number)\ndescription: Page \(number).\n---\n" + String(repeating: "Pay for parking online. ", count: 200) + "\n")
        }
        let small = try mount("size=48k")
        defer { unmount(small) }
        let full = try project.run(["build", "--output", small.path + "/out"])
        XCTAssertEqual(full.status, 3, full.err)
        XCTAssertTrue(full.err.hasPrefix("plainsite: no space left on the disk for \(small.path)/out/"), full.err)
        XCTAssertEqual(full.err.components(separatedBy: "\n").filter { !$0.isEmpty }.count, 1, "one message, no cascade: \(full.err)")
        XCTAssertFalse(full.err.contains("links/broken"), full.err)

        let readOnly = try mount("ro")
        defer { unmount(readOnly) }
        let refused = try project.run(["build", "--output", readOnly.path + "/out"])
        XCTAssertEqual(refused.status, 3, refused.err)
        XCTAssertEqual(refused.err, "plainsite: cannot create the folder \(readOnly.path)/out: the disk is read-only. Choose a folder you can write to.\n")
    }

    func testAFailedFirstBuildDoesNotClaimALastGoodBuild() throws {
        try project.write("content/main/index.md", "---\ndescription: No title.\n---\nText.\n")
        let first = try project.run(["build"])
        XCTAssertEqual(first.status, 1)
        XCTAssertTrue(first.err.hasSuffix("Nothing was published: fix the errors above and build again.\n"), first.err)
        try project.write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\n---\nHello.\n")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        try project.write("content/main/index.md", "---\ndescription: No title.\n---\nText.\n")
        let later = try project.run(["build"])
        XCTAssertTrue(later.err.hasSuffix("\(project.root.path)/site still has the last good build.\n"), later.err)
    }

    // MARK: Interrupted builds

    func testAKilledBuildLeavesThePreviousSiteIntact() throws {
        XCTAssertEqual(try project.run(["build"]).status, 0)
        let before = try project.read("site/main/index.html")
        try project.write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\n---\nThe new home page.\n")
        for number in 1...600 {
            try project.write(
                "content/main/pages/page-\(number).md",
                "---\ntitle: Page \(number)\ndescription: Page \(number).\n---\n"
                    + String(repeating: "Residents can pay for parking online or by phone. ", count: 40) + "\n")
        }
        // SIGKILL stands for a crash: the process ends at once, without any clean-up of its own.
        for signal in [SIGTERM, SIGINT, SIGKILL] {
            let process = Process()
            process.executableURL = TestProject.executable
            process.arguments = ["build"]
            process.currentDirectoryURL = project.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until pages are being written to the staging folder, then stop the build.
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning && !exists("site/.plainsite-staging/main/pages") && Date() < deadline { usleep(5_000) }
            usleep(100_000)
            XCTAssertTrue(process.isRunning, "the build finished before it could be stopped; make the test corpus bigger")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal)
            XCTAssertEqual(try project.read("site/main/index.html"), before, "signal \(signal): the last good site is still live")
            XCTAssertFalse(exists("site/main/pages"), "signal \(signal): no staged page is live")
        }
        // The next build clears what the stopped one left, takes over its lock and publishes.
        let next = try project.run(["build"])
        XCTAssertEqual(next.status, 0, next.err)
        XCTAssertTrue(try project.read("site/main/index.html").contains("The new home page."))
        XCTAssertFalse(exists("site/.plainsite-staging"))
        XCTAssertEqual(try project.read("site/.plainsite-lock"), "", "the lock is let go")
    }

    func testASiteMovedAsideWhenABuildStoppedMidSwapIsPutBack() throws {
        XCTAssertEqual(try project.run(["build"]).status, 0)
        let before = try project.read("site/main/index.html")
        // A build stopped between moving the live site aside and moving the new one in.
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("site/.plainsite-old"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            at: project.root.appendingPathComponent("site/main"), to: project.root.appendingPathComponent("site/.plainsite-old/main"))
        try project.write("content/main/index.md", "---\ndescription: No title.\n---\nText.\n")
        XCTAssertEqual(try project.run(["build"]).status, 1)
        XCTAssertEqual(try project.read("site/main/index.html"), before)
        XCTAssertFalse(exists("site/.plainsite-old"))
    }

    // MARK: Reproducible builds

    func snapshot(_ folder: String) -> [String: Data] {
        let base = project.root.appendingPathComponent(folder).standardizedFileURL.path
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: base)!
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: base + "/" + path)
            }
        }
        return files
    }

    func testBuildsAtDifferentTimesAreByteIdenticalAndTodayComesFromSourceDateEpoch() throws {
        try project.write("content/main/bins.md", "---\ntitle: Bins\ndescription: Bin days.\nreview_by: 2021-06-01\n---\nBins are collected every week.\n")
        setenv("SOURCE_DATE_EPOCH", "1577836800", 1)  // 1 January 2020
        defer { unsetenv("SOURCE_DATE_EPOCH") }
        let first = try project.run(["build", "--output", "first"])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertFalse(first.err.contains("content/review-due"), first.err)
        sleep(1)  // a clock read anywhere would now give another second
        XCTAssertEqual(try project.run(["build", "--output", "second"]).status, 0)
        let a = snapshot("first"), b = snapshot("second")
        XCTAssertGreaterThan(a.count, 5)
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        for key in a.keys.sorted() where a[key] != b[key] { XCTFail("\(key) differs between two builds") }

        setenv("SOURCE_DATE_EPOCH", "1735689600", 1)  // 1 January 2025
        let later = try project.run(["build", "--output", "third"])
        XCTAssertTrue(later.err.contains("content/main/bins.md\n  4:1  warning  This page was due for review on 1 June 2021."), later.err)
    }
}
