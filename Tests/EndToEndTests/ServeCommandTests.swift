import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// Runs the real `plainsite serve` on a free port and edits files under it.
final class ServeCommandTests: XCTestCase {
    var project: TestProject!
    var process: Process!
    var base = ""

    override func setUpWithError() throws {
        project = try TestProject()
    }

    override func tearDownWithError() throws {
        if let process, process.isRunning { process.terminate() }
        project.remove()
    }

    /// Starts the server and reads its address from the first line it prints.
    func start(_ arguments: [String] = []) throws {
        process = Process()
        process.executableURL = TestProject.executable
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = project.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n") && Date() < deadline {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let line = try XCTUnwrap(text.split(separator: "\n").first.map(String.init), "no output from serve")
        XCTAssertTrue(line.hasPrefix("Previewing main at http://127.0.0.1:"), line)
        base = String(line.split(separator: " ").last!)
    }

    func get(_ path: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: base + path)!)
        request.timeoutInterval = 30
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
    }

    /// Waits for the build after `version`, as the page's reload script does.
    func nextVersion(after version: Int) async throws -> Int {
        for _ in 0..<3 {
            let answer = try await get("_plainsite/changes?since=\(version)").body
            let number = Int(answer.filter(\.isNumber)) ?? 0
            if number > version { return number }
        }
        XCTFail("no rebuild after version \(version)")
        return version
    }

    func testServesRebuildsOnEditShowsProblemsAndErrorsAndStopsCleanly() async throws {
        try start()
        let first = try await get("")
        XCTAssertEqual(first.status, 200)
        XCTAssertTrue(first.body.contains("<p>Hello.</p>"), first.body)
        XCTAssertTrue(first.body.contains("<h2 id=\"ps-preview-title\" class=\"ps-preview__title\">Plainsite preview: no problems on this page</h2>"), first.body)
        XCTAssertTrue(first.body.contains("<script src=\"/_plainsite/live.js?version=1\"></script>\n</body>"), first.body)
        XCTAssertTrue(first.body.contains("<link rel=\"stylesheet\" href=\"/_plainsite/panel.css\">\n</head>"), first.body)
        let script = try await get("_plainsite/live.js")
        XCTAssertTrue(script.body.contains("window.location.reload()"), script.body)

        // An edit is rebuilt, announced to waiting pages, and its problem shown on the page.
        try project.write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\n---\nWe will endeavour to help.\n")
        let second = try await nextVersion(after: 1)
        XCTAssertEqual(second, 2)
        let edited = try await get("")
        XCTAssertTrue(edited.body.contains("<p>We will endeavour to help.</p>"), edited.body)
        XCTAssertTrue(edited.body.contains("Plainsite preview: 1 problem on this page</h2>"), edited.body)
        XCTAssertTrue(edited.body.contains("<p><strong>Warning</strong> in <code>content/main/index.md</code>, line 5, column 9</p>"), edited.body)
        XCTAssertTrue(edited.body.contains("<p>What to do: "), edited.body)
        XCTAssertTrue(edited.body.contains("live.js?version=2"), edited.body)

        // A broken edit shows the error instead of the page, and the server keeps running.
        try project.write("content/main/index.md", "---\ntitle: Home\norder: first\n---\nHello.\n")
        let third = try await nextVersion(after: second)
        let broken = try await get("")
        XCTAssertEqual(broken.status, 500)
        XCTAssertTrue(broken.body.contains("<h1>The site could not be built</h1>"), broken.body)
        XCTAssertTrue(broken.body.contains("<p><strong>Error</strong> in <code>content/main/index.md</code>, line 3, column 1</p>\n<p>&#39;order&#39; must be a whole number.</p>\n<p>What to do: Write it like this: order: 2</p>"), broken.body)
        XCTAssertTrue(process.isRunning)

        try project.write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\n---\nFixed.\n")
        _ = try await nextVersion(after: third)
        let fixed = try await get("")
        XCTAssertEqual(fixed.status, 200)
        XCTAssertTrue(fixed.body.contains("<p>Fixed.</p>"), fixed.body)
        let missing = try await get("no-such-page/")
        XCTAssertEqual(missing.status, 404)

        // Stops on TERM with exit code 0, having written nothing into site/.
        process.terminate()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site").path))
    }

    func testAPortInUseIsAUsageErrorThatSaysWhatToDo() throws {
        // A socket listening on 127.0.0.1 at a port the system picks.
        let busy = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(busy) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(busy, $0, length) == 0 && listen(busy, 1) == 0 && getsockname(busy, $0, &length) == 0
            }
        }
        XCTAssertTrue(listening)
        let port = UInt16(bigEndian: address.sin_port)
        let result = try project.run(["serve", "--port", "\(port)"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.err, "plainsite: the preview could not start: could not listen on 127.0.0.1:\(port): Address already in use. "
                       + "If another program (perhaps another preview) is using port \(port), stop it, or choose another port with --port (0 picks a free one).\n")
    }

    func testUnknownSiteIsAUsageError() throws {
        let result = try project.run(["serve", "--site", "nowhere", "--port", "0"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("There is no site called 'nowhere'. Sites in plainsite.yml: main."), result.err)
    }
}
