import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The HTTP server of `plainsite serve`: it listens on 127.0.0.1 only and answers GET and HEAD
/// addressed to itself (its Host), within `Limits` (docs/security-preview.md), one request per
/// connection (`Connection: close`), each connection on a thread of its own, so
/// a page waiting for the next build (a request held until it is ready) never holds up
/// another. Plain sockets rather than a server library: the library used before (FlyingFox)
/// brought in Foundation's networking and with it libcurl and many shared libraries, which
/// every `plainsite` command then loaded at start.
final class LocalHTTPServer: Sendable {
    typealias Handler = @Sendable (PreviewRequest) async -> PreviewResponse

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What one client may take of the server.
    struct Limits: Sendable {
        /// The time a client has to send its whole request head, however slowly it trickles in.
        var headDeadline: Duration = .seconds(10)
        /// Connections answered at once; more are refused at once with 503.
        var connections = 64
        /// The time a client has to take each piece of its answer before it is let go.
        var sendTimeout: Duration = .seconds(30)
    }

    /// The port it listens on (the one the system chose, when asked for port 0).
    let port: UInt16
    let limits: Limits
    private let listener: Int32
    private let stopped = Mutex(false)
    /// Connections taken and not yet closed.
    private let openCount = Atomic<Int>(0)
    /// Requests whose head is longer than this are refused (431).
    static let headLimit = 16 * 1024
    /// Files are sent in pieces of this size.
    static let chunkSize = 64 * 1024

    /// Listens on 127.0.0.1 at `port` (0: any free port); throws when the port cannot be used.
    init(port: UInt16, limits: Limits = Limits()) throws {
        self.limits = limits
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

    /// Connections taken and not yet closed (for tests).
    var openConnections: Int { openCount.load(ordering: .relaxed) }

    /// Accepts connections on a thread of its own until `stop`, answering each with `handler`
    /// on a thread of its own, up to `limits.connections` at once.
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
                // Only this thread adds, so the count never passes the limit.
                guard openCount.load(ordering: .relaxed) < limits.connections else {
                    LocalHTTPServer.refuse(connection)
                    continue
                }
                openCount.add(1, ordering: .relaxed)
                Thread.detachNewThread { [self] in
                    answer(connection, handler)
                    openCount.subtract(1, ordering: .relaxed)
                }
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

    /// Answers a connection over the limit with 503 without reading its request or waiting to send.
    private static func refuse(_ connection: Int32) {
        let refusal = PreviewResponse.plain(
            503, "The preview has too many connections open. Try again in a moment.",
            headers: [("Retry-After", "1")])
        _ = refusal.encoded(includingBody: true).withUnsafeBytes {
            send(connection, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
        }
        close(connection)
    }

    /// Reads one request from the connection, answers it and closes the connection.
    private func answer(_ connection: Int32, _ handler: @escaping Handler) {
        defer { close(connection) }
        LocalHTTPServer.setTimeout(connection, SO_SNDTIMEO, limits.sendTimeout)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(LocalHTTPServer.nanoseconds(limits.headDeadline))
        guard let head = LocalHTTPServer.readHead(connection, deadline: deadline) else { return }
        let (response, method) = response(to: head, handler)
        guard LocalHTTPServer.write(response, includingBody: method != "HEAD", to: connection) else { return }
        LocalHTTPServer.drain(connection)
    }

    /// The response to a request head, and the request's method ("GET" when it has none).
    private func response(to head: Result<String, HeadFailure>, _ handler: @escaping Handler) -> (PreviewResponse, String) {
        switch head {
        case .failure(let failure):
            return (.plain(failure.status), "GET")
        case .success(let text):
            guard let request = PreviewRequest(head: text) else { return (.plain(400), "GET") }
            guard request.isAddressed(toPort: port) else {
                let text =
                    "This preview answers only requests to its own address, http://127.0.0.1:\(port)/ "
                    + "(or localhost:\(port)). Open that address in your browser."
                return (.plain(421, text), request.method)
            }
            guard request.method == "GET" || request.method == "HEAD" else {
                return (.plain(405, "Only GET and HEAD are answered here.", headers: [("Allow", "GET, HEAD")]), request.method)
            }
            return (LocalHTTPServer.waitFor(handler, request), request.method)
        }
    }

    /// Sends the response's head and body, the body of a file in chunks read from disk as they
    /// go; false when the client went away or stopped reading.
    private static func write(_ response: PreviewResponse, includingBody: Bool, to connection: Int32) -> Bool {
        guard sendAll(response.encoded(includingBody: includingBody), to: connection) else { return false }
        guard includingBody, let file = response.file else { return true }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var offset = 0
        while offset < file.length {
            let count = chunk.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress!, min($0.count, file.length - offset), off_t(offset)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0, sendAll(chunk[0..<count], to: connection) else { return false }
            offset += count
        }
        return true
    }

    private static func sendAll(_ bytes: some ContiguousBytes, to connection: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                let count = send(connection, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                sent += count
            }
            return true
        }
    }

    /// Closing with unread bytes waiting (a refused request's rest) would reset the connection
    /// and could lose the answer: say we are done, then read what is left (at most 256 KB, for
    /// a second at most) until the client closes its end.
    private static func drain(_ connection: Int32) {
        shutdown(connection, Int32(SHUT_WR))
        setTimeout(connection, SO_RCVTIMEO, .milliseconds(100))
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

    private static func setTimeout(_ connection: Int32, _ option: Int32, _ duration: Duration) {
        let microseconds = nanoseconds(duration) / 1000
        var time = timeval(tv_sec: microseconds / 1_000_000, tv_usec: __suseconds_t(microseconds % 1_000_000))
        setsockopt(connection, SOL_SOCKET, option, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    static func nanoseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }

    /// The request head up to its blank line: nil when the client went away or had not sent it
    /// all by `deadline` (uptime nanoseconds: one deadline for the whole head, so a client sending
    /// a byte a second is cut off too), a status to answer with when the head is too long or not text.
    private static func readHead(_ connection: Int32, deadline: UInt64) -> Result<String, HeadFailure>? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return nil }
            var waiting = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            let ready = poll(&waiting, 1, Int32(min((deadline - now) / 1_000_000 + 1, 60_000)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return nil }
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress!, $0.count, Int32(MSG_DONTWAIT)) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
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
