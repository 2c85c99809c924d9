/// White space in text read from pages, done on UTF-8 bytes where that gives the same result as
/// Swift's characters.
public enum HTMLText {
    /// The words of a text separated by single spaces: what
    /// `text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")` gives.
    public static func collapsingWhitespace(_ text: String) -> String {
        var copy = text
        if let fast = copy.withUTF8({ collapsingWhitespace(utf8: $0) }) { return fast }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The same on UTF-8 bytes, or nil when the text holds a character that is not plain (see
    /// `isPlain`): then only characters give the right answer.
    ///
    /// Why plain characters are enough: Swift splits text into characters (grapheme clusters),
    /// and a character is white space when its first scalar is. With ASCII and the plain
    /// scalars below, every scalar is its own character, except CR LF, which is one character
    /// and white space either way. A combining mark after a space, or a prepended mark before
    /// one, would join the space to a character that is not white space; they are not plain.
    public static func collapsingWhitespace(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var space = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    space = !out.isEmpty
                } else {
                    if space { out.append(0x20); space = false }
                    out.append(byte)
                }
                index += 1
                continue
            }
            guard let length = plainScalarLength(bytes, at: index) else { return nil }
            if space { out.append(0x20); space = false }
            for offset in 0..<length { out.append(bytes[index + offset]) }
            index += length
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True for the non-ASCII scalars the byte path handles: Latin-1 letters and signs, the
    /// Latin extensions (Welsh ŵ and ŷ among them), general punctuation (dashes, curly quotes,
    /// ellipsis), currency signs, letterlike symbols and arrows. None of them is white space, a
    /// combining or spacing mark, a joiner or a prepended mark.
    public static func isPlain(_ scalar: UInt32) -> Bool {
        (0xA1...0x2FF).contains(scalar) || (0x2010...0x2027).contains(scalar) || (0x2030...0x205E).contains(scalar)
            || (0x20A0...0x20C0).contains(scalar) || (0x2100...0x214F).contains(scalar) || (0x2190...0x21FF).contains(scalar)
    }

    /// The length in bytes of the plain scalar (`isPlain`) starting at `index`, or nil when
    /// the bytes there are not one (another scalar, or not well-formed UTF-8).
    @inline(__always)
    static func plainScalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        if lead >= 0xC2 && lead <= 0xDF {
            guard index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 else { return nil }
            let scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            return isPlain(scalar) ? 2 : nil
        }
        if lead >= 0xE0 && lead <= 0xEF {
            guard index + 2 < bytes.count, bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 else { return nil }
            let scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            return scalar >= 0x800 && isPlain(scalar) ? 3 : nil
        }
        return nil
    }
}
