import Foundation
import Synchronization
import XCTest

@testable import Preview

#if canImport(Glibc)
import Glibc
#endif

/// The preview's HTTP server, spoken to over a plain socket: what goes over the wire is checked
/// byte for byte.
final class LocalHTTPServerTests: XCTestCase {
    /// Sends the pieces to 127.0.0.1:`port`, a moment apart, and reads until the server closes
    /// the connection.
    func exchange(_ pieces: String..., port: UInt16) throws -> String {
        try RawHTTP.exchange(pieces, port: port)
    }

    func testRequestLineIsReadWithItsPathDecodedAndItsQuery() {
        let request = PreviewRequest(head: "GET /caf%C3%A9/bins/?since=3&name=a%20b+c&since=9 HTTP/1.1\r\nHost: x")
        XCTAssertEqual(request, PreviewRequest(method: "GET", path: "/café/bins/", query: ["since": "3", "name": "a b c"], host: "x"))
        // Runs of slashes become one, even percent-encoded, so no redirect can start with "//".
        XCTAssertEqual(PreviewRequest(head: "GET //evil.example//a/%2F%2Fb HTTP/1.1")?.path, "/evil.example/a/b")
        XCTAssertEqual(PreviewRequest(head: "GET http://evil.example/a HTTP/1.1")?.authority, "evil.example")
        XCTAssertEqual(PreviewRequest(head: "GET / HTTP/1.1\r\nX-Host: a\r\nhOST:  127.0.0.1:80 \r\nAccept: */*")?.host, "127.0.0.1:80")
        XCTAssertNil(PreviewRequest(head: "GET / HTTP/1.1\r\nHost: a\r\nHost: b")?.host)
        XCTAssertEqual(PreviewRequest(head: "HEAD http://127.0.0.1:4000/news/?x HTTP/1.0")?.path, "/news/")
        XCTAssertEqual(PreviewRequest(head: "GET http://127.0.0.1:4000 HTTP/1.1")?.path, "/")
        XCTAssertEqual(PreviewRequest(head: "GET /a#part HTTP/1.1")?.path, "/a")
        for bad in [
            "GET /a", "GET /a HTTP/2", "GET a HTTP/1.1", "GET  /a HTTP/1.1", "GET /%zz HTTP/1.1", "", " / HTTP/1.1",
            "GET /bins%0D%0ASet-Cookie:%20a=b HTTP/1.1", "GET /bins%00.html HTTP/1.1", "GET /a%7F HTTP/1.1",
            "GET /\\evil.example HTTP/1.1", "GET /a%5Cb HTTP/1.1",
        ] {
            XCTAssertNil(PreviewRequest(head: bad), bad)
        }
    }

    func testAnswersGetAndHeadAndRefusesOtherMethodsAndBadRequests() throws {
        let server = try LocalHTTPServer(port: 0)
        defer { server.stop() }
        XCTAssertGreaterThan(server.port, 0)
        server.start { request in
            PreviewResponse(
                status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")],
                body: Data("\(request.method) \(request.path) \(request.query["since"] ?? "-")".utf8))
        }
        let host = "Host: 127.0.0.1:\(server.port)\r\n"
        XCTAssertEqual(
            try exchange("GET /bins/?since=4 HTTP/1.1\r\nHost: localhost:\(server.port)\r\n\r\n", port: server.port),
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 12\r\nConnection: close\r\n\r\nGET /bins/ 4")
        XCTAssertEqual(
            try exchange("HEAD / HTTP/1.1\r\n\(host)\r\n", port: server.port),
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 8\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(
            try exchange("POST / HTTP/1.1\r\n\(host)Content-Length: 0\r\n\r\n", port: server.port),
            "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 37\r\nConnection: close\r\n\r\nOnly GET and HEAD are answered here.\n"
        )
        XCTAssertEqual(
            try exchange("hello\r\n\r\n", port: server.port),
            "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 12\r\nConnection: close\r\n\r\nBad Request\n")
        let long = "GET / HTTP/1.1\r\nX-Long: " + String(repeating: "a", count: LocalHTTPServer.headLimit) + "\r\n\r\n"
        let refused = try exchange(long, port: server.port)
        XCTAssertTrue(refused.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), refused)
        // The head may arrive in pieces, its blank line split between them.
        XCTAssertTrue(try exchange("GET /a/b HTTP/1.1\r\n\(host)\r", "\n", port: server.port).hasSuffix("\r\n\r\nGET /a/b -"))
    }

    /// A request held by its handler (a page waiting for the next build) does not hold up others.
    func testAHeldRequestDoesNotHoldUpOthers() throws {
        let server = try LocalHTTPServer(port: 0)
        defer { server.stop() }
        let release = Mutex(false)
        server.start { request in
            if request.path == "/wait" {
                while !release.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(10)) }
            }
            return PreviewResponse(status: 200, body: Data(request.path.utf8))
        }
        let held = Mutex<String?>(nil)
        let port = server.port
        let waiting = Thread {
            let answer = try? RawHTTP.get("/wait", port: port)
            held.withLock { $0 = answer }
        }
        waiting.start()
        for _ in 0..<3 {
            XCTAssertTrue(try RawHTTP.get("/now", port: port).hasSuffix("\r\n\r\n/now"))
        }
        XCTAssertNil(held.withLock { $0 })
        release.withLock { $0 = true }
        let deadline = Date().addingTimeInterval(10)
        while held.withLock({ $0 }) == nil && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(held.withLock { $0 }?.hasSuffix("\r\n\r\n/wait"), true)
    }

    func testAPortInUseIsAnErrorAndAStoppedServerTakesNoMoreConnections() throws {
        let server = try LocalHTTPServer(port: 0)
        server.start { _ in PreviewResponse(status: 200) }
        XCTAssertThrowsError(try LocalHTTPServer(port: server.port)) { error in
            XCTAssertEqual("\(error)", "could not listen on 127.0.0.1:\(server.port): Address already in use")
        }
        XCTAssertTrue(try RawHTTP.get("/", port: server.port).hasPrefix("HTTP/1.1 200 OK\r\n"))
        server.stop()
        let deadline = Date().addingTimeInterval(10)
        var refused = false
        while !refused && Date() < deadline {
            refused = (try? RawHTTP.get("/", port: server.port)) == nil
            if !refused { usleep(10_000) }
        }
        XCTAssertTrue(refused, "still answering after stop")
    }
}
