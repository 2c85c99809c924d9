import Foundation
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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
    func start(_ arguments: [String] = [], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = TestProject.executable
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = project.root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
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

    /// The port of the address the server printed.
    var port: UInt16 { UInt16(base.split(separator: ":").last?.dropLast() ?? "") ?? 0 }

    /// A connection to the server, with `text` sent on it.
    func connect(sending text: String) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(connected, 0, "could not connect to \(base)")
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = Array(text.utf8).withUnsafeBytes { send(descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
        return descriptor
    }

    /// Sends a raw request and reads the answer until the server closes the connection.
    func raw(_ request: String) throws -> String {
        let descriptor = try connect(sending: request)
        defer { close(descriptor) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
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
        XCTAssertTrue(
            first.body.contains("<h2 id=\"ps-preview-title\" class=\"ps-preview__title\">Plainsite preview: no problems on this page</h2>"), first.body)
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
        XCTAssertTrue(
            broken.body.contains(
                "<p><strong>Error</strong> in <code>content/main/index.md</code>, line 3, column 1</p>\n<p>&#39;order&#39; must be a whole number.</p>\n<p>What to do: Write it like this: order: 2</p>"
            ), broken.body)
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
        XCTAssertEqual(
            result.err,
            "plainsite: the preview could not start: could not listen on 127.0.0.1:\(port): Address already in use. "
                + "If another program (perhaps another preview) is using port \(port), stop it, or choose another port with --port (0 picks a free one).\n")
    }

    func testUnknownSiteIsAUsageError() throws {
        let result = try project.run(["serve", "--site", "nowhere", "--port", "0"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("There is no site called 'nowhere'. Sites in plainsite.yml: main."), result.err)
    }

    func testAnswersOnlyItsOwnAddressAndRedirectsOnlyWithinIt() throws {
        try start()
        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] {
            XCTAssertTrue(try raw("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n").hasPrefix("HTTP/1.1 200 OK\r\n"), host)
        }
        for host in ["evil.example", "127.0.0.1.evil.example:\(port)", "127.0.0.1:\(port &+ 1)"] {
            let answer = try raw("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 421 Misdirected Request\r\n"), answer)
            XCTAssertTrue(
                answer.hasSuffix(
                    "This preview answers only requests to its own address, http://127.0.0.1:\(port)/ "
                        + "(or localhost:\(port)). Open that address in your browser.\n"), answer)
        }
        XCTAssertTrue(try raw("GET / HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 421 "))
        let redirect = try raw("GET //assets HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        XCTAssertTrue(redirect.hasPrefix("HTTP/1.1 301 Moved Permanently\r\nLocation: /assets/\r\n"), redirect)
        XCTAssertTrue(try raw("GET /\\assets HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
    }

    func testCtrlCWithConnectionsOpenExitsHavingWrittenNothing() throws {
        try checkStopWritesNothing(signal: SIGINT)
    }

    func testTermWithConnectionsOpenExitsHavingWrittenNothing() throws {
        try checkStopWritesNothing(signal: SIGTERM)
    }

    /// Starts the server with a temporary folder of the test's own, checks it writes nothing
    /// there (the site is built in memory), and sends the signal while a page waits for the next
    /// build and another connection has sent half a request.
    func checkStopWritesNothing(signal number: Int32) throws {
        let temporary = project.root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try start(environment: ["TMPDIR": temporary.path])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary.path), [])
        let waiting = try connect(sending: "GET /_plainsite/changes?since=1 HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        let half = try connect(sending: "GET / HTTP/1.1\r\n")
        defer { close(waiting); close(half) }
        usleep(200_000)
        kill(process.processIdentifier, number)
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        XCTAssertFalse(process.isRunning, "still running after the signal")
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary.path), [])
    }
}
