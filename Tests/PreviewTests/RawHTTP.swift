import Foundation

@testable import Preview

#if canImport(Glibc)
import Glibc
#endif

/// A client that speaks HTTP over a plain socket, so what goes over the wire is what is checked.
enum RawHTTP {
    /// A connection to 127.0.0.1:`port`, which gives up reading after `timeout` seconds.
    static func connect(port: UInt16, timeout: Int = 30) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LocalHTTPServer.Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var address = LocalHTTPServer.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw LocalHTTPServer.Failure(description: "connect: \(reason)")
        }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    /// Sends the text; false when the connection is gone.
    @discardableResult
    static func send(_ text: String, on descriptor: Int32) -> Bool {
        Array(text.utf8).withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) } == text.utf8.count
    }

    /// Reads until the server closes the connection (or the read times out).
    static func readAll(_ descriptor: Int32) -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        return received
    }

    /// Sends the pieces, a moment apart, and reads the whole answer.
    static func exchangeBytes(_ pieces: [String], port: UInt16) throws -> [UInt8] {
        let descriptor = try connect(port: port)
        defer { close(descriptor) }
        for (index, piece) in pieces.enumerated() {
            if index > 0 { usleep(50_000) }
            send(piece, on: descriptor)
        }
        return readAll(descriptor)
    }

    static func exchange(_ pieces: [String], port: UInt16) throws -> String {
        String(decoding: try exchangeBytes(pieces, port: port), as: UTF8.self)
    }

    /// A GET of `path` with the server's own Host header.
    static func get(_ path: String, port: UInt16) throws -> String {
        try exchange(["GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"], port: port)
    }

    /// The status of an answer ("HTTP/1.1 200 OK..." is 200); 0 when there is none.
    static func status(_ answer: String) -> Int {
        answer.hasPrefix("HTTP/1.1 ") ? Int(answer.dropFirst(9).prefix(3)) ?? 0 : 0
    }

    /// The value of a header of an answer, by name in any case.
    static func header(_ name: String, in answer: String) -> String? {
        let head = answer.components(separatedBy: "\r\n\r\n").first ?? ""
        for line in head.components(separatedBy: "\r\n").dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() { return parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }
}
