import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A request as the preview reads it.
struct PreviewRequest: Sendable, Equatable {
    var method: String
    /// The path, percent-decoded, with its final slash kept ("/bins/").
    var path: String
    /// The query's names and values, percent-decoded; the first of a repeated name wins.
    var query: [String: String]

    /// Reads the request line of an HTTP/1.x request head ("GET /bins/?since=2 HTTP/1.1");
    /// nil when it is not one, or its path is not valid percent-encoding.
    init?(head: String) {
        // ("\r\n" is one Character.)
        let line = head.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first ?? ""
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), !parts[0].isEmpty else { return nil }
        var target = Substring(parts[1])
        // The absolute form ("http://127.0.0.1:4000/bins/"), which proxies send.
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            target = target.dropFirst(scheme.count)
            target = target.firstIndex(of: "/").map { target[$0...] } ?? "/"
        }
        guard target.hasPrefix("/") else { return nil }
        let rawPath = target.prefix { $0 != "?" && $0 != "#" }
        // Control characters (a line break in a redirect's Location, a NUL cutting a file name
        // short) have no place in a page's path.
        guard let path = String(rawPath).removingPercentEncoding,
              !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        var query: [String: String] = [:]
        if let mark = target.firstIndex(of: "?") {
            let text = target[target.index(after: mark)...].prefix { $0 != "#" }
            for pair in text.split(separator: "&") {
                let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let decode = { (part: Substring) in String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part) }
                let name = decode(nameAndValue[0])
                if query[name] == nil { query[name] = nameAndValue.count > 1 ? decode(nameAndValue[1]) : "" }
            }
        }
        self.init(method: String(parts[0]), path: path, query: query)
    }

    init(method: String, path: String, query: [String: String] = [:]) {
        self.method = method
        self.path = path
        self.query = query
    }
}

/// A response of the preview: a status, its headers in order, and the body.
struct PreviewResponse: Sendable {
    var status: Int
    var headers: [Header]
    var body: Data

    struct Header: Sendable, Equatable {
        var name: String
        var value: String
    }

    init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers.map { Header(name: $0.0, value: $0.1) }
        self.body = body
    }

    /// A short plain-text answer (by default the status's reason), for requests refused.
    static func plain(_ status: Int, _ text: String? = nil, headers: [(String, String)] = []) -> PreviewResponse {
        PreviewResponse(status: status, headers: headers + [("Content-Type", "text/plain; charset=utf-8")],
                        body: Data("\(text ?? reason(status))\n".utf8))
    }

    /// The value of a header, by name in any case.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The bytes sent: status line, headers, the length of the body and `Connection: close`, then
    /// the body (left out in answer to HEAD).
    func encoded(includingBody: Bool) -> Data {
        var head = "HTTP/1.1 \(status) \(PreviewResponse.reason(status))\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        var bytes = Data(head.utf8)
        if includingBody { bytes.append(body) }
        return bytes
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }
}

/// The HTTP server of `plainsite serve`: it listens on 127.0.0.1 only and answers GET and HEAD,
/// one request per connection (`Connection: close`), each connection on a thread of its own, so
/// a page waiting for the next build (a request held for up to 25 seconds) never holds up
/// another. Plain sockets rather than a server library: the library used before (FlyingFox)
/// brought in Foundation's networking and with it libcurl and some 30 shared libraries, which
/// every `plainsite` command then loaded at start, about 7 ms each time (docs/performance.md).
final class LocalHTTPServer: Sendable {
    typealias Handler = @Sendable (PreviewRequest) async -> PreviewResponse

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The port it listens on (the one the system chose, when asked for port 0).
    let port: UInt16
    private let listener: Int32
    private let stopped = Mutex(false)
    /// Requests whose head is longer than this are refused (431).
    static let headLimit = 16 * 1024

    /// Listens on 127.0.0.1 at `port` (0: any free port); throws when the port cannot be used.
    init(port: UInt16) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "could not open a socket: \(String(cString: strerror(errno)))") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = LocalHTTPServer.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "could not listen on 127.0.0.1:\(port): \(reason)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
    }

    /// The address 127.0.0.1:`port`.
    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Accepts connections on a thread of its own until `stop`, answering each with `handler`.
    func start(_ handler: @escaping Handler) {
        let thread = Thread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                if stopped.withLock({ $0 }) {
                    if connection >= 0 { close(connection) }
                    break
                }
                guard connection >= 0 else {
                    // Out of descriptors for a moment (EMFILE), or a connection gone before it was taken.
                    if errno != EINTR && errno != ECONNABORTED { usleep(10_000) }
                    continue
                }
                _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
                Thread.detachNewThread { LocalHTTPServer.answer(connection, handler) }
            }
            close(listener)
        }
        thread.start()
    }

    /// Stops accepting connections; requests already taken are still answered.
    func stop() {
        // Under the lock the accept thread reads the flag with, so it closes the socket (and
        // its number can be reused) only after this shutdown, which wakes it from accept.
        stopped.withLock { wasStopped in
            if !wasStopped { shutdown(listener, Int32(SHUT_RDWR)) }
            wasStopped = true
        }
    }

    /// Reads one request from the connection, answers it and closes the connection.
    private static func answer(_ connection: Int32, _ handler: @escaping Handler) {
        defer { close(connection) }
        // A client that connects and says nothing is let go after 10 seconds, and one that
        // stops reading its answer after 30.
        setTimeout(connection, SO_RCVTIMEO, microseconds: 10_000_000)
        setTimeout(connection, SO_SNDTIMEO, microseconds: 30_000_000)
        let response: PreviewResponse
        var method = "GET"
        switch readHead(connection) {
        case nil:
            return
        case .some(.failure(let failure)):
            response = .plain(failure.status)
        case .some(.success(let head)):
            if let request = PreviewRequest(head: head) {
                method = request.method
                response = request.method == "GET" || request.method == "HEAD"
                    ? waitFor(handler, request)
                    : .plain(405, "Only GET and HEAD are answered here.", headers: [("Allow", "GET, HEAD")])
            } else {
                response = .plain(400)
            }
        }
        let bytes = response.encoded(includingBody: method != "HEAD")
        bytes.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                let count = send(connection, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return }
                sent += count
            }
        }
        // Closing with unread bytes waiting (a refused request's rest) would reset the connection
        // and could lose the answer: say we are done, then read what is left (at most 256 KB, for
        // a second at most) until the client closes its end.
        shutdown(connection, Int32(SHUT_WR))
        setTimeout(connection, SO_RCVTIMEO, microseconds: 100_000)
        var rest = [UInt8](repeating: 0, count: 4096)
        let deadline = DispatchTime.now().uptimeNanoseconds + 1_000_000_000
        var drained = 0
        while drained < 256 * 1024 && DispatchTime.now().uptimeNanoseconds < deadline {
            let count = rest.withUnsafeMutableBytes { recv(connection, $0.baseAddress!, $0.count, 0) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count > 0 else { break }
            drained += count
        }
    }

    private static func setTimeout(_ connection: Int32, _ option: Int32, microseconds: Int) {
        var time = timeval(tv_sec: microseconds / 1_000_000, tv_usec: __suseconds_t(microseconds % 1_000_000))
        setsockopt(connection, SOL_SOCKET, option, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The request head up to its blank line: nil when the client went away or said nothing in
    /// time, a status to answer with when the head is too long or not text.
    private static func readHead(_ connection: Int32) -> Result<String, HeadFailure>? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress!, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            let searchFrom = max(0, bytes.count - 3)
            bytes.append(contentsOf: buffer[0..<count])
            if let range = bytes[searchFrom...].firstRange(of: end) {
                guard range.lowerBound <= headLimit else { return .failure(HeadFailure(status: 431)) }
                guard let head = String(validating: bytes[..<range.lowerBound], as: UTF8.self) else { return .failure(HeadFailure(status: 400)) }
                return .success(head)
            }
            // (Past the limit and the blank line that would end a head within it.)
            if bytes.count > headLimit + 4 { return .failure(HeadFailure(status: 431)) }
        }
    }

    /// A request head refused with this status.
    struct HeadFailure: Error { let status: Int }

    /// Runs the handler (async: it may wait for the next build) and waits on this connection's
    /// own thread for its response.
    private static func waitFor(_ handler: @escaping Handler, _ request: PreviewRequest) -> PreviewResponse {
        let result = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            let response = await handler(request)
            result.value.withLock { $0 = response }
            done.signal()
        }
        done.wait()
        return result.value.withLock { $0 } ?? PreviewResponse(status: 500)
    }

    private final class ResponseBox: Sendable {
        let value = Mutex<PreviewResponse?>(nil)
    }
}
