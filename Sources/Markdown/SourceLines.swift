#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a source file, to turn the parser's byte columns into the
/// character columns an editor sees (right for multibyte text and CRLF files).
public struct SourceLines: Sendable {
    public let lines: [Substring]

    public init(_ text: String) {
        lines = SourceLines.split(text)
    }

    /// Splits text into lines at "\n", "\r\n" or "\r", as the Markdown parser does.
    /// (In Swift "\r\n" is one character, so splitting on "\n" alone misses it.)
    public static func split(_ text: String) -> [Substring] {
        // Native strings: find the breaks in the bytes, then make each line from its offsets
        // (an O(1) index for UTF-8 storage), rather than stepping a String index byte by byte.
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> [Substring] in
            var lines: [Substring] = []
            let utf8 = text.utf8
            func at(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            var start = 0, index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else { index += 1; continue }
                lines.append(text[at(start)..<at(index)])
                var next = index + 1
                if byte == 0x0D, next < count, bytes[next] == 0x0A { next += 1 }
                start = next
                index = next
            }
            lines.append(text[at(start)...])
            return lines
        }
        if let fast { return fast }
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex, index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else {
                index = utf8.index(after: index)
                continue
            }
            lines.append(text[start..<index])
            var next = utf8.index(after: index)
            if byte == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
            start = next
            index = next
        }
        lines.append(text[start...])
        return lines
    }

    public func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }

    /// Converts a 1-based byte column on a 1-based line into a 1-based character column.
    public func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard let text = self.line(line) else { return byteColumn }
        let utf8 = text.utf8
        let limit = min(max(byteColumn - 1, 0), utf8.count)
        // An ASCII prefix has one character per byte (a line holds no "\r\n").
        if utf8.prefix(limit).allSatisfy({ $0 < 0x80 }) { return limit + 1 }
        let index = utf8.index(utf8.startIndex, offsetBy: limit)
        return text[..<index].count + 1
    }

    /// Finds `needle` on lines `from...to` and returns its 1-based line and character column.
    public func find(_ needle: String, from: Int, to: Int) -> (line: Int, column: Int)? {
        guard from >= 1 else { return nil }
        for number in from...max(from, min(to, lines.count)) {
            guard let text = line(number), let range = text.range(of: needle) else { continue }
            return (number, text[..<range.lowerBound].count + 1)
        }
        return nil
    }
}

/// Searching bytes for bytes: memchr for the first byte, then memcmp for the rest (memmem is a
/// GNU extension), much faster than Foundation's `contains` or the generic `firstRange(of:)`.
public enum ByteSearch {
    /// The offset of the first `needle` in `haystack` at or after `start`; nil when there is none
    /// (or the needle is empty).
    public static func firstOffset(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard let needleBase = needle.baseAddress, let base = haystack.baseAddress, !needle.isEmpty, start >= 0 else { return nil }
        let first = Int32(needle[0]), length = needle.count, last = haystack.count - length
        var position = start
        while position <= last {
            guard let found = memchr(base + position, first, last - position + 1) else { return nil }
            position = UnsafeRawPointer(found) - base
            if length == 1 || memcmp(base + position + 1, needleBase + 1, length - 1) == 0 { return position }
            position += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// True when the text contains `needle`, compared byte for byte (see `ByteSearch`).
    public func containsBytes(_ needle: String) -> Bool {
        // Searched on both texts' bytes in place (this was called for every text node, and copying
        // the needle into an array each time was a cost of its own).
        var needle = needle
        let fast: Bool? = utf8.withContiguousStorageIfAvailable { buffer in
            needle.withUTF8 { pattern in
                guard !pattern.isEmpty else { return true }
                return ByteSearch.firstOffset(of: UnsafeRawBufferPointer(pattern), in: UnsafeRawBufferPointer(buffer)) != nil
            }
        }
        if let fast { return fast }
        return String(self).containsBytes(needle)
    }
}
