import Foundation
import Output
import Support
import Synchronization
import XCTest

@testable import Preview

#if canImport(Glibc)
import Glibc
#endif

/// What the preview refuses and what it bounds, checked over a plain socket.
final class PreviewHardeningTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("preview-hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("evil.example/folder"), withIntermediateDirectories: true)
        try Data("<!DOCTYPE html><html><head></head><body>Home</body></html>".utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("<!DOCTYPE html><html><head></head><body>Folder</body></html>".utf8).write(
            to: folder.appendingPathComponent("evil.example/folder/index.html"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A server answering from `folder` as the preview does, with these limits.
    func siteServer(_ limits: LocalHTTPServer.Limits = .init()) throws -> LocalHTTPServer {
        let server = try LocalHTTPServer(port: 0, limits: limits)
        let build = PreviewBuild(diagnostics: [], published: true, pages: [], basePath: "/", files: .copies(of: folder))
        server.start { request in PreviewServer.respond(to: request.path, build: build, version: 1) }
        return server
    }

    func testAnswersOnlyRequestsToItsOwnAddress() throws {
        let server = try siteServer()
        defer { server.stop() }
        let port = server.port
        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LocalHost:\(port)", "[::1]:\(port)"] {
            let answer = try RawHTTP.exchange(["GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n"], port: port)
            XCTAssertEqual(RawHTTP.status(answer), 200, host)
        }
        let refusals = [
            "GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: evil.example:\(port)\r\n\r\n", "GET / HTTP/1.1\r\nHost: 127.0.0.1.evil.example:\(port)\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port &+ 1)\r\n\r\n", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", "GET / HTTP/1.1\r\nHost: [::1]\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port):1\r\n\r\n", "GET / HTTP/1.1\r\nHost: 127.0.0.1:\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: evil.example\r\n\r\n",
            "GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n",
            "HEAD / HTTP/1.1\r\nHost: evil.example\r\n\r\n", "POST / HTTP/1.1\r\nHost: evil.example\r\n\r\n",
        ]
        for request in refusals {
            let answer = try RawHTTP.exchange([request], port: port)
            XCTAssertEqual(RawHTTP.status(answer), 421, request)
            XCTAssertEqual(RawHTTP.header("Content-Type", in: answer), "text/plain; charset=utf-8", request)
            if !request.hasPrefix("HEAD") {
                XCTAssertTrue(
                    answer.hasSuffix(
                        "\r\n\r\nThis preview answers only requests to its own address, http://127.0.0.1:\(port)/ "
                            + "(or localhost:\(port)). Open that address in your browser.\n"), answer)
            }
        }
    }

    func testWithoutAPortOnlyPortEightyIsOwn() {
        for host in ["127.0.0.1", "localhost", "LOCALHOST", "[::1]", "127.0.0.1:80", "[::1]:80"] {
            XCTAssertTrue(PreviewRequest.isLoopback(host, port: 80), host)
        }
        for host in ["127.0.0.2", "localhost.", "[::2]", "[::1]x", "::1", "127.0.0.1:8080", "127.0.0.1:+80", "", "localhost:80 "] {
            XCTAssertFalse(PreviewRequest.isLoopback(host, port: 80), host)
        }
        XCTAssertFalse(PreviewRequest.isLoopback("localhost", port: 4000))
        XCTAssertTrue(PreviewRequest.isLoopback("localhost:04000", port: 4000))
    }

    /// A folder's redirect is always to a path of this site: a browser reads "//host" and "/\host"
    /// in a Location as another site.
    func testRedirectsGoOnlyToPathsOfThisSite() throws {
        let server = try siteServer()
        defer { server.stop() }
        let expected = [
            "//evil.example": "/evil.example/", "//evil.example/folder": "/evil.example/folder/",
            "///evil.example": "/evil.example/", "/%2F%2Fevil.example": "/evil.example/", "/evil.example//folder": "/evil.example/folder/",
        ]
        for (path, location) in expected {
            let answer = try RawHTTP.get(path, port: server.port)
            XCTAssertEqual(RawHTTP.status(answer), 301, path)
            XCTAssertEqual(RawHTTP.header("Location", in: answer), location, path)
        }
        for path in ["/\\evil.example", "/%5Cevil.example", "/\\\\evil.example/folder"] {
            let answer = try RawHTTP.get(path, port: server.port)
            XCTAssertEqual(RawHTTP.status(answer), 400, path)
            XCTAssertNil(RawHTTP.header("Location", in: answer), path)
        }
        // However the path comes, a Location is one slash and a path.
        XCTAssertEqual(PreviewServer.redirect(to: "//\\/evil.example\\x/").header("Location"), "/evil.example%5Cx/")
    }

    /// A client trickling its head in a byte at a time is cut off at the deadline for the
    /// whole head, not kept while each byte comes within a read's timeout.
    func testASlowHeadIsCutOffAtTheDeadline() throws {
        let server = try siteServer(.init(headDeadline: .seconds(1)))
        defer { server.stop() }
        let connection = try RawHTTP.connect(port: server.port, timeout: 10)
        defer { close(connection) }
        let started = Date()
        var cutOff = false
        for byte in "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
            var waiting = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            cutOff = poll(&waiting, 1, 0) > 0 || !RawHTTP.send(String(byte), on: connection)
            if cutOff || Date().timeIntervalSince(started) > 4 { break }
            usleep(100_000)
        }
        let answer = RawHTTP.readAll(connection)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertTrue(cutOff, "still reading after \(elapsed) seconds")
        XCTAssertEqual(answer, [])
        XCTAssertGreaterThan(elapsed, 0.8)
        XCTAssertLessThan(elapsed, 3)
        // A request sent in time is still answered.
        XCTAssertEqual(RawHTTP.status(try RawHTTP.get("/", port: server.port)), 200)
    }

    /// Beyond the limit a connection is refused at once with 503, while those taken are answered.
    func testConnectionsOverTheLimitAreRefusedWhileOthersWork() throws {
        let server = try LocalHTTPServer(port: 0, limits: .init(connections: 3))
        defer { server.stop() }
        let release = Mutex(false)
        server.start { request in
            while request.path == "/wait" && !release.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(10)) }
            return PreviewResponse(status: 200, body: Data(request.path.utf8))
        }
        let port = server.port
        let held = try (0..<3).map { _ in try RawHTTP.connect(port: port) }
        defer { for connection in held { close(connection) } }
        for connection in held { RawHTTP.send("GET /wait HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n", on: connection) }
        let deadline = Date().addingTimeInterval(10)
        while server.openConnections < 3 && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(server.openConnections, 3)
        let started = Date()
        let refused = try RawHTTP.exchange([], port: port)
        XCTAssertTrue(refused.hasPrefix("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"), refused)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        release.withLock { $0 = true }
        for connection in held {
            XCTAssertTrue(String(decoding: RawHTTP.readAll(connection), as: UTF8.self).hasSuffix("\r\n\r\n/wait"))
        }
        while server.openConnections > 0 && Date() < deadline { usleep(10_000) }
        XCTAssertTrue(try RawHTTP.get("/now", port: port).hasSuffix("\r\n\r\n/now"))
    }

    /// A copied file is served from its source file; a link put in its place is not followed.
    func testALinkInPlaceOfACopiedFileIsNotFollowed() throws {
        let secret = folder.appendingPathComponent("secret.txt")
        try Data("secret words".utf8).write(to: secret)
        var files: [String: SnapshotFile] = [:]
        for name in ["photo.png", "page.html"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: secret)
            files[name] = .source(folder.appendingPathComponent(name))
        }
        let build = PreviewBuild(diagnostics: [], published: true, pages: [], basePath: "/", files: SiteSnapshot(files: files))
        for path in ["/photo.png", "/page.html"] {
            let response = PreviewServer.respond(to: path, build: build, version: 1)
            XCTAssertEqual(response.status, 404, path)
            XCTAssertNil(response.file, path)
            XCTAssertFalse(String(decoding: response.body, as: UTF8.self).contains("secret"), path)
        }
    }

    /// A copied file is sent from disk in chunks, never read into memory whole.
    func testALargeFileIsStreamedByteForByte() throws {
        var bytes = [UInt8](repeating: 0, count: 5 * LocalHTTPServer.chunkSize * 7 + 12_345)
        var seed: UInt32 = 7
        for index in bytes.indices {
            seed = seed &* 1_664_525 &+ 1_013_904_223
            bytes[index] = UInt8(truncatingIfNeeded: seed >> 24)
        }
        try Data(bytes).write(to: folder.appendingPathComponent("large.pdf"))
        let build = PreviewBuild(diagnostics: [], published: true, pages: [], basePath: "/", files: .copies(of: folder))
        let response = PreviewServer.respond(to: "/large.pdf", build: build, version: 1)
        XCTAssertEqual(response.body.count, 0)
        XCTAssertEqual(response.file?.length, bytes.count)
        let server = try siteServer()
        defer { server.stop() }
        let answer = try RawHTTP.exchangeBytes(["GET /large.pdf HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n\r\n"], port: server.port)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nCache-Control: no-store\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n"
        XCTAssertEqual(String(decoding: answer.prefix(head.utf8.count), as: UTF8.self), head)
        XCTAssertEqual(answer.count, head.utf8.count + bytes.count)
        XCTAssertTrue(answer.dropFirst(head.utf8.count).elementsEqual(bytes), "the body differs from the file")
        let headOnly = try RawHTTP.exchange(["HEAD /large.pdf HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n\r\n"], port: server.port)
        XCTAssertEqual(headOnly, head)
    }
}

extension SiteSnapshot {
    /// Every file under a folder, as copies of it (a site built elsewhere, served as the preview serves its own).
    static func copies(of folder: URL) -> SiteSnapshot {
        SiteSnapshot(
            files: Dictionary(uniqueKeysWithValues: FolderWalker.files(under: folder).map { ($0, SnapshotFile.source(folder.appendingPathComponent($0))) }))
    }
}
