import Foundation
import XCTest

/// Serves a built site with a real nginx (Debian's package, which `make test` installs) on a
/// loopback port, using the site's generated nginx.conf, and checks what goes over the wire.
final class NginxHostingTests: XCTestCase {
    var project: TestProject!
    var nginx: Process?
    var port: UInt16 = 0

    override func setUpWithError() throws {
        guard let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("nginx is not installed (make test installs it)")
        }
        project = try TestProject()
        // The site lives under a base path, so the configuration is checked with one.
        try project.write("plainsite.yml", "theme: plain\nsites:\n  - id: council\n    title: Test\n    base_url: https://t.example/council/\n")
        try project.write("content/council/index.md", "---\ntitle: Home\ndescription: Home page.\n---\nHello.\n")
        try project.write("content/council/bins.md", "---\ntitle: Bins\ndescription: Bins.\naliases: [/rubbish/, old/bins]\n---\nBins.\n")
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/main"))
        // The base template carries the council theme's policy, which the headers repeat.
        try project.write(
            "themes/plain/templates/base.mustache",
            """
            <!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="\(Self.policy)">\
            <title>{{page.title}}</title></head><body><a href="#m">Skip to main content</a><main id="m"><h1>{{page.title}}</h1>{{{content}}}</main></body></html>
            """)
        let build = try project.run(["build"])
        XCTAssertEqual(build.status, 0, build.err)
        try start(binary)
    }

    override func tearDownWithError() throws {
        stop()
        project?.remove()
    }

    /// Stops nginx however the test ended: SIGTERM, then SIGKILL if it lingers.
    func stop() {
        if let nginx, nginx.isRunning {
            nginx.terminate()
            let deadline = Date().addingTimeInterval(5)
            while nginx.isRunning && Date() < deadline { usleep(20_000) }
            if nginx.isRunning { kill(nginx.processIdentifier, SIGKILL) }
            nginx.waitUntilExit()
        }
    }

    /// Writes a minimal nginx.conf in the project (everything nginx writes stays there) and starts nginx.
    func start(_ binary: String) throws {
        let folder = project.root.appendingPathComponent("nginx")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = try Self.freePort()
        let temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map { "\($0)_temp_path \(folder.path)/\($0);" }.joined(separator: "\n    ")
        let configuration = """
            daemon off;
            master_process off;
            pid \(folder.path)/nginx.pid;
            error_log \(folder.path)/error.log;
            events { worker_connections 64; }
            http {
                access_log off;
                \(temp)
                types { text/html html; text/css css; image/svg+xml svg; application/javascript js; }
                default_type application/octet-stream;
                server {
                    listen 127.0.0.1:\(port);
                    root \(project.root.path)/site;
                    include \(project.root.path)/site/council/nginx.conf;
                }
            }

            """
        try project.write("nginx/nginx.conf", configuration)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-p", folder.path, "-e", folder.path + "/error.log", "-c", folder.path + "/nginx.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        nginx = process
        do { try waitUntilListening(log: folder.appendingPathComponent("error.log")) } catch { stop(); throw error }
    }

    /// Waits up to 10 seconds for nginx to accept connections; fails with its error log otherwise.
    func waitUntilListening(log: URL) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let descriptor = try? connect() { close(descriptor); return }
            if nginx?.isRunning != true { break }
            usleep(50_000)
        }
        throw Failure(description: "nginx did not start: " + ((try? String(contentsOf: log, encoding: .utf8)) ?? "no error log"))
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// A port on 127.0.0.1 that the system has just handed out and nothing holds.
    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "no free port: \(String(cString: strerror(errno)))") }
        return UInt16(bigEndian: address.sin_port)
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A connection to nginx that gives up reading after 10 seconds.
    func connect() throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(descriptor); throw Failure(description: "cannot connect to port \(port)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    /// A GET over a plain socket (no redirect is followed): the status, the headers by lower-case name, the body.
    func get(_ path: String) throws -> (status: Int, headers: [String: String], body: String) {
        let descriptor = try connect()
        defer { close(descriptor) }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        _ = Array(request.utf8).withUnsafeBytes { send(descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        let answer = String(decoding: received, as: UTF8.self)
        let parts = answer.components(separatedBy: "\r\n\r\n")
        let lines = (parts.first ?? "").components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let pair = line.split(separator: ":", maxSplits: 1)
            if pair.count == 2 { headers[pair[0].lowercased()] = pair[1].trimmingCharacters(in: .whitespaces) }
        }
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, headers, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    static let policy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"

    func testAliasesRedirectMissingPagesGetThe404PageAndHeadersArePresent() throws {
        let moved = try get("/council/rubbish/")
        XCTAssertEqual(moved.status, 301)
        XCTAssertEqual(moved.headers["location"], "http://127.0.0.1:\(port)/council/bins/")
        XCTAssertEqual(try get("/council/old/bins/").headers["location"], "http://127.0.0.1:\(port)/council/bins/")
        let missing = try get("/council/no-such-page/")
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.body.contains("<p>Check the address.</p>"), missing.body)
        XCTAssertEqual(missing.headers["x-content-type-options"], "nosniff")
        let page = try get("/council/bins/")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("<h1>Bins</h1>"), page.body)
        XCTAssertEqual(page.headers["x-content-type-options"], "nosniff")
        XCTAssertEqual(page.headers["referrer-policy"], "strict-origin-when-cross-origin")
        XCTAssertEqual(page.headers["permissions-policy"], "camera=(), microphone=(), geolocation=()")
        XCTAssertEqual(page.headers["content-security-policy"], Self.policy)
        XCTAssertNil(page.headers["cache-control"])
    }

    func testAssetsCarryTheCacheHeaderAndTheSecurityHeaders() throws {
        let css = try get("/council/assets/brand.css")
        XCTAssertEqual(css.status, 200)
        XCTAssertEqual(css.headers["content-type"], "text/css")
        XCTAssertEqual(css.headers["cache-control"], "public, max-age=3600")
        XCTAssertEqual(css.headers["x-content-type-options"], "nosniff")
        XCTAssertEqual(css.headers["content-security-policy"], Self.policy)
    }

    func testServerConfigurationIsNotServed() throws {
        for file in ["nginx.conf", ".htaccess", "web.config", "_headers", "_redirects"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("site/council/" + file).path), file)
            let answer = try get("/council/" + file)
            XCTAssertEqual(answer.status, 404, file)
            XCTAssertTrue(answer.body.contains("<p>Check the address.</p>"), file)
        }
    }
}
