/// Applies `--fix` changes to a file's text: each fix replaces bytes on one line.
public enum ProseFixes {
    public static func apply(_ fixes: [Fix], to text: String) -> (text: String, applied: [Fix]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        var applied: [Fix] = []
        // From the end of each line backwards, so earlier columns stay valid; skip overlaps.
        let ordered = fixes.sorted { ($0.line, $0.byteColumn) > ($1.line, $1.byteColumn) }
        var lastStart: (line: Int, column: Int)?
        for fix in ordered {
            guard fix.line >= 1, fix.line <= lines.count else { continue }
            if let last = lastStart, last.line == fix.line, fix.endByteColumn > last.column { continue }
            var bytes = lines[fix.line - 1]
            let start = fix.byteColumn - 1, end = fix.endByteColumn - 1
            guard start >= 0, end <= bytes.count, start <= end,
                String(decoding: bytes[start..<end], as: UTF8.self) == fix.original
            else { continue }
            var replacement = fix.replacement
            // Removing a word: also remove one space beside it, so no double space is left.
            if replacement.isEmpty, end < bytes.count, bytes[end] == UInt8(ascii: " "), start > 0, bytes[start - 1] == UInt8(ascii: " ") {
                bytes.remove(at: end)
                replacement = ""
            }
            bytes.replaceSubrange(start..<end, with: Array(replacement.utf8))
            lines[fix.line - 1] = bytes
            applied.append(fix)
            lastStart = (fix.line, fix.byteColumn)
        }
        return (lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n"), applied.reversed())
    }
}
