import Foundation

/// Gives every heading an id made from its words ("Pay by phone" → "pay-by-phone"), so pages
/// can link to sections with #fragments. Repeated words get "-2", "-3", and words that make an id
/// the theme uses get "-1".
enum HeadingIDs {
    static func slug(_ text: String) -> String {
        // ASCII text (nearly all headings) on its bytes: each byte is one character, and the
        // ASCII letters and digits are exactly A to Z, a to z and 0 to 9.
        var text = text
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var slug: [UInt8] = []
            slug.reserveCapacity(bytes.count)
            var pendingHyphen = false
            for byte in bytes {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    if pendingHyphen && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                    slug.append(lower)
                    pendingHyphen = false
                } else {
                    pendingHyphen = true
                }
            }
            return slug.isEmpty ? "section" : String(decoding: slug, as: UTF8.self)
        }), let ascii {
            return ascii
        }
        text.makeContiguousUTF8()
        var slug = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                slug.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// cmark writes headings as `<hN>` or `<hN data-sourcepos=…>`, and never any other text
    /// starting `<h1`…`<h6` (raw HTML is omitted and code is escaped), so ids go in order.
    static func insert(into html: String, headings: [String], reserved: Set<String> = []) -> String {
        var html = html
        return html.withUTF8 { bytes in
            insert(into: bytes, headings: headings, reserved: reserved) ?? String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The same, straight from cmark's output (one copy of the page fewer than making a String of it first).
    static func insert(into html: UnsafeMutablePointer<CChar>, headings: [String], reserved: Set<String> = []) -> String {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self), count: strlen(html))
        return insert(into: bytes, headings: headings, reserved: reserved) ?? String(cString: html)
    }

    /// nil when there are no headings (the text is unchanged).
    private static func insert(into bytes: UnsafeBufferPointer<UInt8>, headings: [String], reserved: Set<String>) -> String? {
        guard !headings.isEmpty, let base = bytes.baseAddress else { return nil }
        let ids = uniqueIDs(headings, reserved: reserved)
        let count = bytes.count
        let capacity = count + ids.reduce(0) { $0 + $1.utf8.count + 6 }
        // Found on the bytes: the tag names cmark (and the raw-HTML writer) produce are ASCII.
        // (This initializer repairs invalid UTF-8 as String(cString:) does.)
        return String(unsafeUninitializedCapacity: capacity) { output in
            var written = 0
            func copy(_ from: Int, _ to: Int) {
                guard to > from else { return }
                UnsafeMutableRawPointer(output.baseAddress! + written).copyMemory(from: base + from, byteCount: to - from)
                written += to - from
            }
            var index = 0, copied = 0, position = 0
            while index < ids.count, position + 3 < count {
                guard let found = memchr(base + position, 0x3C, count - 3 - position) else { break }
                position = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                guard bytes[position + 1] == UInt8(ascii: "h") else { position += 1; continue }
                let level = bytes[position + 2], next = bytes[position + 3]
                guard level >= UInt8(ascii: "1"), level <= UInt8(ascii: "6"), next == UInt8(ascii: ">") || next == UInt8(ascii: " ") else {
                    position += 2
                    continue
                }
                copy(copied, position + 3)
                for byte in " id=\"".utf8 { output[written] = byte; written += 1 }
                for byte in ids[index].utf8 { output[written] = byte; written += 1 }
                output[written] = UInt8(ascii: "\""); written += 1
                position += 3
                copied = position
                index += 1
            }
            copy(copied, count)
            return written
        }
    }

    /// Each heading's id, in order: repeated words get "-2", "-3"; an id the theme uses (in
    /// `reserved`) gets "-1". A numbered id already taken moves on to the next number.
    static func uniqueIDs(_ headings: [String], reserved: Set<String> = []) -> [String] {
        var seen: [String: Int] = [:]
        var taken = reserved
        return headings.map { heading in
            let base = slug(heading)
            let count = seen[base, default: 0] + 1
            seen[base] = count
            var id = base
            if count > 1 || taken.contains(base) {
                var number = count > 1 ? count : 1
                while taken.contains("\(base)-\(number)") { number += 1 }
                id = "\(base)-\(number)"
            }
            taken.insert(id)
            return id
        }
    }
}
