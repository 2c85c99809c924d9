/// The prose of a front-matter value (`title`, `description`) as a `TextBlock`, with each of its
/// source lines mapped, so findings in a value written over several lines (`description: >`,
/// or a long value continued on the next line) point at the right line and column.
extension TextBlock {
    /// The most lines a value is looked for in, after the line it starts on.
    static let frontMatterValueLines = 200

    /// `start` is where the value starts (its line, and its character column after any opening quote).
    public init(kind: Kind, frontMatterValue value: String, lines: SourceLines, start: SourcePoint) {
        var runs: [Run] = []
        let valueBytes = Array(value.utf8)
        var offset = 0
        var lineNumber = start.line
        while offset < valueBytes.count, lineNumber <= start.line + TextBlock.frontMatterValueLines, let line = lines.line(lineNumber) {
            if lineNumber > start.line, line.trimmingTrailingWhitespace() == "---" { break }
            let skip = lineNumber == start.line ? line.prefix(max(0, start.column - 1)).utf8.count : 0
            if let (found, column) = TextBlock.find(line: line, skipping: skip, in: valueBytes, from: offset) {
                runs.append(Run(offset: found.lowerBound, line: lineNumber, byteColumn: column, exact: true))
                offset = found.upperBound
            }
            lineNumber += 1
        }
        if runs.first?.offset != 0 {
            let column = lines.line(start.line).map { $0.prefix(max(0, start.column - 1)).utf8.count + 1 } ?? 1
            runs.insert(Run(offset: 0, line: start.line, byteColumn: column, exact: runs.isEmpty), at: 0)
        }
        self.init(kind: kind, text: value, runs: runs, line: start.line)
    }

    /// Where a source line's words (without indentation, trailing spaces or a closing quote)
    /// are in the value, at or after `offset`, and the byte column they start at in the line.
    static func find(line: Substring, skipping: Int, in value: [UInt8], from offset: Int) -> (Range<Int>, Int)? {
        let bytes = Array(line.utf8)
        var first = min(skipping, bytes.count)
        while first < bytes.count, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
        var last = bytes.count
        while last > first, [0x20, 0x09, 0x0D].contains(bytes[last - 1]) { last -= 1 }
        for trimQuote in [false, true] {
            var end = last
            if trimQuote {
                guard end > first, bytes[end - 1] == UInt8(ascii: "\"") || bytes[end - 1] == UInt8(ascii: "'") else { return nil }
                end -= 1
            }
            let words = Array(bytes[first..<end])
            guard !words.isEmpty else { return nil }
            if let start = search(words, in: value, from: offset) { return (start..<(start + words.count), first + 1) }
        }
        return nil
    }

    /// The first place `needle` occurs in `haystack` at or after `from`.
    static func search(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count - from else { return nil }
        for start in from...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
