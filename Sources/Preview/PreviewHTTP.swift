import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A request as the preview reads it.
struct PreviewRequest: Sendable, Equatable {
    var method: String
    /// The path, percent-decoded, with runs of slashes made one and its final slash kept ("/bins/").
    var path: String
    /// The query's names and values, percent-decoded; the first of a repeated name wins.
    var query: [String: String]
    /// The Host header; nil when there is none or more than one.
    var host: String?
    /// The host and port of an absolute-form target ("127.0.0.1:4000" in "GET http://127.0.0.1:4000/ HTTP/1.1").
    var authority: String?

    /// Reads the request line and Host header of an HTTP/1.x request head ("GET /bins/?since=2 HTTP/1.1");
    /// nil when it is not one, or its path is not valid percent-encoding or holds a backslash.
    init?(head: String) {
        // ("\r\n" is one Character.)
        let lines = head.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let parts = (lines.first ?? "").split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), !parts[0].isEmpty else { return nil }
        var target = Substring(parts[1])
        var authority: String?
        // The absolute form ("http://127.0.0.1:4000/bins/"), which proxies send.
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            target = target.dropFirst(scheme.count)
            let slash = target.firstIndex(of: "/") ?? target.endIndex
            authority = String(target[..<slash])
            target = slash < target.endIndex ? target[slash...] : "/"
        }
        guard target.hasPrefix("/"), let path = PreviewRequest.decodePath(target) else { return nil }
        self.init(method: String(parts[0]), path: path, query: PreviewRequest.decodeQuery(target))
        self.authority = authority
        host = PreviewRequest.host(in: lines.dropFirst())
    }

    init(method: String, path: String, query: [String: String] = [:], host: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.host = host
    }

    /// The target's path, percent-decoded, with runs of slashes made one, so no redirect built
    /// from it can start with "//" (another site, to a browser); nil when it is not valid.
    static func decodePath(_ target: Substring) -> String? {
        let rawPath = target.prefix { $0 != "?" && $0 != "#" }
        // Control characters (a line break in a redirect's Location, a NUL cutting a file name
        // short) have no place in a page's path, nor backslashes, which browsers read as slashes.
        guard let path = String(rawPath).removingPercentEncoding,
            !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" })
        else { return nil }
        var collapsed = ""
        for character in path where !(character == "/" && collapsed.hasSuffix("/")) { collapsed.append(character) }
        return collapsed
    }

    static func decodeQuery(_ target: Substring) -> [String: String] {
        var query: [String: String] = [:]
        guard let mark = target.firstIndex(of: "?") else { return query }
        let text = target[target.index(after: mark)...].prefix { $0 != "#" }
        for pair in text.split(separator: "&") {
            let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part) }
            let name = decode(nameAndValue[0])
            if query[name] == nil { query[name] = nameAndValue.count > 1 ? decode(nameAndValue[1]) : "" }
        }
        return query
    }

    /// The value of the one Host header among the header lines; nil when there is none or several.
    static func host(in lines: ArraySlice<Substring>) -> String? {
        let values = lines.compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == "host" else { return nil }
            return line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        }
        return values.count == 1 ? values[0] : nil
    }

    /// True when the request names this preview's own address (its Host, and the authority of
    /// an absolute-form target), so a page of another site cannot reach it by DNS rebinding.
    func isAddressed(toPort port: UInt16) -> Bool {
        guard let host, PreviewRequest.isLoopback(host, port: port) else { return false }
        return authority.map { PreviewRequest.isLoopback($0, port: port) } ?? true
    }

    /// True for 127.0.0.1, localhost or [::1] (in any case) with `port`, or with no port when it is 80.
    static func isLoopback(_ host: String, port: UInt16) -> Bool {
        let text = host.lowercased()
        let name: Substring
        var portText: Substring?
        if text.hasPrefix("["), let bracket = text.firstIndex(of: "]") {
            name = text[...bracket]
            let rest = text[text.index(after: bracket)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { return false }
            portText = rest.isEmpty ? nil : rest.dropFirst()
        } else if let colon = text.firstIndex(of: ":") {
            name = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            name = text[...]
        }
        guard ["127.0.0.1", "localhost", "[::1]"].contains(name) else { return false }
        guard let portText else { return port == 80 }
        return (1...5).contains(portText.count) && portText.allSatisfy(\.isASCII) && portText.allSatisfy(\.isNumber)
            && UInt16(portText) == port
    }
}

/// A response of the preview: a status, its headers in order, and the body, in memory or as
/// a file sent from disk in chunks.
struct PreviewResponse: Sendable {
    var status: Int
    var headers: [Header]
    var body: Data
    /// A file sent after the head instead of `body`, so a large file is never held in memory whole.
    var file: OpenFile?

    struct Header: Sendable, Equatable {
        var name: String
        var value: String
    }

    init(status: Int, headers: [(String, String)] = [], body: Data = Data(), file: OpenFile? = nil) {
        self.status = status
        self.headers = headers.map { Header(name: $0.0, value: $0.1) }
        self.body = body
        self.file = file
    }

    /// A short plain-text answer (by default the status's reason), for requests refused.
    static func plain(_ status: Int, _ text: String? = nil, headers: [(String, String)] = []) -> PreviewResponse {
        PreviewResponse(
            status: status, headers: headers + [("Content-Type", "text/plain; charset=utf-8")],
            body: Data("\(text ?? reason(status))\n".utf8))
    }

    /// The value of a header, by name in any case.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The bytes sent before any file: status line, headers, the length of the body and
    /// `Connection: close`, then the in-memory body (left out in answer to HEAD).
    func encoded(includingBody: Bool) -> Data {
        var head = "HTTP/1.1 \(status) \(PreviewResponse.reason(status))\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: \(file?.length ?? body.count)\r\nConnection: close\r\n\r\n"
        var bytes = Data(head.utf8)
        if includingBody && file == nil { bytes.append(body) }
        return bytes
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 421: "Misdirected Request"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// A regular file opened for a response; it stays readable after its folder is removed, and
/// is closed when the last response holding it is gone.
final class OpenFile: Sendable {
    let descriptor: Int32
    let length: Int

    /// Opens the file at `path`; nil when it cannot be opened or is not a regular file.
    init?(path: String) {
        // (Non-blocking, so a named pipe cannot hold up the open; reads of files ignore it. A
        // copied file is served from its source, so a link put in its place is not followed.)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        length = Int(info.st_size)
    }

    deinit { close(descriptor) }
}
