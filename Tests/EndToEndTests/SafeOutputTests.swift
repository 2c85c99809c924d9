import Foundation
import HTML
import SiteBuilder
import XCTest

/// Output safety (where a build may write, the lock, interrupted builds) and safe HTML (raw HTML,
/// script addresses, XSS payloads, the Content-Security-Policy), through the real `plainsite`.
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

    // MARK: Raw HTML

    func testRawHTMLAllowListFromPlainsiteYML() throws {
        try project.write(
            "plainsite.yml", "raw_html: [kbd, abbr title]\ntheme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n")
        try project.write(
            "content/main/keys.md",
            "---\ntitle: Keys\ndescription: Keys.\n---\nPress <kbd>Ctrl</kbd> to pay your <abbr title=\"Council Tax\" onmouseover=\"steal()\">CT</abbr>.\n")
        let refused = try project.run(["build"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(
            refused.err.contains(
                "content/main/keys.md\n  5:35  error  The attribute 'onmouseover' in '<abbr title=\"Council Tax\" onmouseover=\"steal()\">' is not allowed in raw HTML on this site.  markdown/raw-html\n      → Use only title on <abbr>."
            ), refused.err)
        try project.write(
            "content/main/keys.md", "---\ntitle: Keys\ndescription: Keys.\n---\nPress <kbd>Ctrl</kbd> to pay your <abbr title=\"Council Tax\">CT</abbr>.\n")
        XCTAssertEqual(try project.run(["build"]).status, 0)
        XCTAssertTrue(try project.read("site/main/keys/index.html").contains("Press <kbd>Ctrl</kbd> to pay your <abbr title=\"Council Tax\">CT</abbr>."))
        let lint = try project.run(["lint", "content/main/keys.md"])
        XCTAssertFalse(lint.err.contains("markdown/raw-html") || lint.out.contains("markdown/raw-html"), "lint reads the site's raw_html too: \(lint.err)")

        try project.write(
            "plainsite.yml", "raw_html: [kbd, script, a href]\ntheme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n")
        let config = try project.run(["build"])
        XCTAssertEqual(config.status, 2)
        XCTAssertTrue(
            config.err.contains(
                "  1:1  error  'raw_html' lists 'script', but 'script' is not one of the harmless elements Plainsite can allow.  config/raw-html\n      → Allow only some of: abbr, b, bdi,"
            ), config.err)
        XCTAssertTrue(config.err.contains("'raw_html' lists 'a href', but 'a' is not one"), config.err)
    }

    func testScriptAddressesAreErrorsNamingFileLineAndColumn() throws {
        try project.write(
            "content/main/pay.md", "---\ntitle: Pay\ndescription: Pay.\n---\nIntro.\n\n- [Pay now](JaVaScRiPt:pay()) or ![Map](data:text/html,<b>x</b>)\n")
        let result = try project.run(["build"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(
            result.err.contains(
                "content/main/pay.md\n  7:3  error  This link's address starts with 'javascript:', which runs a script instead of opening a page, so Plainsite will not publish it.  markdown/unsafe-url\n      → Link to a page instead, for example [Pay a bill](/pay/) or [Pay online](https://www.example.gov.uk/pay)."
            ), result.err)
        XCTAssertTrue(
            result.err.contains(
                "  7:34  error  This image's address starts with 'data:' but is not a PNG, GIF, JPEG or WebP picture, so Plainsite will not publish it.  markdown/unsafe-url\n      → Save the image as a .png, .jpg or .webp file beside the page and write ![what it shows](picture.png)."
            ), result.err)
        XCTAssertFalse(exists("site/main/pay"))
    }

    // MARK: XSS payloads and the Content-Security-Policy

    /// A copy of the repository's configuration, themes and content in the test project.
    func useSampleProject() throws {
        let manager = FileManager.default
        for item in ["plainsite.yml", "themes", "content"] {
            let target = project.root.appendingPathComponent(item)
            try? manager.removeItem(at: target)
            try manager.copyItem(at: Self.repository.appendingPathComponent(item), to: target)
        }
    }

    static let payloads = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "</title><script>alert(1)</script>",
        "{{#site}}{{title}}{{/site}}", "' onmouseover='alert(1)",
    ]

    /// Every element and attribute of a page that could run a script.
    func scriptProblems(in html: String, file: String) -> [String] {
        let document = HTMLDocument(html: html)
        var problems: [String] = []
        for element in document.allElements {
            for (name, value) in element.attributes {
                if name.hasPrefix("on") { problems.append("\(file): <\(element.name) \(name)=\"\(value)\">") }
                let lower = value.lowercased().filter { !$0.isWhitespace }
                if ["href", "src", "action", "formaction", "xlink:href"].contains(name),
                    lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("data:text")
                {
                    problems.append("\(file): <\(element.name) \(name)=\"\(value)\">")
                }
            }
            if element.name == "script", element.attribute("type") != "application/ld+json" {
                if element.attribute("src") == nil { problems.append("\(file): inline <script>\(element.text)</script>") }
            }
            if element.name == "img", element.attribute("src") == "x" { problems.append("\(file): injected <img src=x>") }
        }
        if html.contains("{{") && html.contains("Kestrelford City Council{{") { problems.append("\(file): template evaluated") }
        return problems
    }

    func htmlFiles(under folder: URL) -> [(String, String)] {
        let base = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        return enumerator.compactMap { item -> (String, String)? in
            guard let url = item as? URL, url.pathExtension == "html", let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
            return (String(url.standardizedFileURL.path.dropFirst(base.count + 1)), text)
        }.sorted { $0.0 < $1.0 }
    }

    /// The payload in the Markdown body, alt text, an image title and a table. A `{{` placeholder in
    /// the body that matches no data is already an error (see RenderingTests), so that payload is
    /// tried in front matter and data only.
    func body(_ payload: String) -> String {
        guard !payload.contains("{{") else { return "" }
        return """
            The words \(payload) are shown as text.

            ![\(payload)](/assets/logo.svg "\(payload.replacingOccurrences(of: "\"", with: "&quot;"))")

            | Column |
            | --- |
            | \(payload.replacingOccurrences(of: "|", with: "\\|")) |

            """
    }

    func testXSSPayloadsInMarkdownFrontMatterAltTextAndDataNeverReachThePage() throws {
        try useSampleProject()
        var data = ""
        for (index, payload) in Self.payloads.enumerated() {
            data += "payload\(index): '\(payload.replacingOccurrences(of: "'", with: "''"))'\n"
        }
        try project.write("content/_data/xss.yml", data)
        for (index, payload) in Self.payloads.enumerated() {
            let yaml = "'" + payload.replacingOccurrences(of: "'", with: "''") + "'"
            try project.write(
                "content/council/xss-\(index).md",
                """
                ---
                title: \(yaml)
                description: \(yaml)
                ---
                \(body(payload))
                From data: {{ xss.payload\(index) }}.

                """)
        }
        let result = try project.run(["build", "--site", "council"])
        XCTAssertEqual(result.status, 0, result.err)
        let pages = htmlFiles(under: project.root.appendingPathComponent("site/council"))
        XCTAssertGreaterThan(pages.count, 30)
        for (file, html) in pages {
            XCTAssertEqual(scriptProblems(in: html, file: file), [])
        }
        // Each payload is on its page as text: escaped, never evaluated.
        for index in Self.payloads.indices {
            let html = try project.read("site/council/xss-\(index)/index.html")
            let document = HTMLDocument(html: html)
            XCTAssertEqual(document.elements("//title").first?.text.hasPrefix(Self.payloads[index]), true, html)
            XCTAssertEqual(document.elements("//h1").first?.normalizedText, Self.payloads[index].trimmingCharacters(in: .whitespaces))
            XCTAssertTrue(document.elements("//p").contains { $0.normalizedText.contains("From data: \(Self.payloads[index])") })
        }
    }

    func testEveryBuiltSamplePageHasTheStrictPolicyAndNoThirdPartyRequests() throws {
        let output = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let (loaded, _) = ProjectConfiguration.load(from: Self.repository.appendingPathComponent("plainsite.yml"))
        let report = Builder(configuration: try XCTUnwrap(loaded)).build(BuildOptions(outputFolder: output))
        XCTAssertTrue(report.published)
        let pages = htmlFiles(under: output)
        XCTAssertGreaterThan(pages.count, 70)
        for (file, html) in pages {
            let document = HTMLDocument(html: html)
            let policies = document.elements("//meta[@http-equiv='Content-Security-Policy']").compactMap { $0.attribute("content") }
            XCTAssertEqual(policies.count, 1, "\(file) has no Content-Security-Policy")
            if let policy = policies.first {
                for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'"] {
                    XCTAssertTrue(policy.contains(directive), "\(file): \(policy)")
                }
                XCTAssertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval") || policy.contains("http"), "\(file): \(policy)")
            }
            XCTAssertEqual(scriptProblems(in: html, file: file), [])
            XCTAssertEqual(document.elements("//style").count, 0, "\(file) has an inline <style>")
            XCTAssertEqual(document.elements("//*[@style]").map(\.name), [], "\(file) has inline style attributes")
            let requests =
                document.elements(
                    "//script[@src] | //img[@src] | //iframe[@src] | //source[@src] | //video[@src] | //audio[@src] | //embed[@src] | //object[@data]"
                )
                .compactMap { $0.attribute("src") ?? $0.attribute("data") }
                + document.elements("//link[@href]").filter { !["canonical", "alternate"].contains($0.attribute("rel") ?? "") }.compactMap {
                    $0.attribute("href")
                }
            let thirdParty = requests.filter { $0.hasPrefix("http:") || $0.hasPrefix("https:") || $0.hasPrefix("//") }
            XCTAssertEqual(thirdParty, [], "\(file) loads from another server")
        }
        // Stylesheets load no fonts or images from elsewhere either.
        let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where url.pathExtension == "css" {
            let css = try String(contentsOf: url, encoding: .utf8)
            XCTAssertFalse(css.contains("@import") || css.range(of: #"url\(\s*['"]?(https?:)?//"#, options: .regularExpression) != nil, url.path)
        }
    }
}
