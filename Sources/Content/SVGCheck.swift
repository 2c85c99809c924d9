import Foundation

/// An SVG file is published only when it cannot run script or load anything from elsewhere:
/// no script, event handler, `foreignObject` or embedded document, no external reference or
/// `javascript:` address, no DTD (entities can hide all of these), and no character references
/// inside a tag (which could spell any of them). Conservative by design: a drawing exported by
/// an editor has none of these.
enum SVGCheck {
    /// The first problem, with its line, or nil when the file is safe to publish.
    public static func problem(in data: Data) -> (line: Int, message: String)? {
        guard let text = String(data: data, encoding: .utf8), !text.contains("\u{0}") else {
            return (1, "This SVG file is not UTF-8 text, so Plainsite cannot check it for script.")
        }
        let lower = Array(text.lowercased().utf8)
        var index = 0
        while index < lower.count {
            guard lower[index] == UInt8(ascii: "<") else { index += 1; continue }
            let end = tagEnd(lower, from: index)
            let tag = String(decoding: lower[index..<end], as: UTF8.self)
            if let message = problem(inTag: tag) { return (line(of: index, in: lower), message) }
            index = max(end, index + 1)
        }
        for (needle, message) in [
            ("javascript:", scriptAddress), ("vbscript:", scriptAddress), ("data:text/html", scriptAddress),
            ("@import", external), ("<!entity", dtd),
        ] {
            if let found = find(Array(needle.utf8), in: lower) { return (line(of: found, in: lower), message) }
        }
        if let found = find(Array("url(".utf8), in: lower) {
            var at = found + 4
            while at < lower.count, lower[at] == UInt8(ascii: " ") || lower[at] == UInt8(ascii: "'") || lower[at] == UInt8(ascii: "\"") { at += 1 }
            if at < lower.count, lower[at] != UInt8(ascii: "#") { return (line(of: found, in: lower), external) }
        }
        return nil
    }

    static let scriptAddress = "This SVG file holds a script address (javascript: or similar), which could run on the council's website."
    static let external = "This SVG file loads something from another address, which could track residents or change what the picture shows."
    static let dtd = "This SVG file has a document type definition with entities, which can hide script or references to other files."
    static let blockedElements: Set<String> = ["script", "foreignobject", "iframe", "embed", "object", "handler", "listener"]

    /// What is wrong with one tag (`<` to `>`, lower case), or nil.
    public static func problem(inTag tag: String) -> String? {
        if tag.hasPrefix("<!doctype") || tag.hasPrefix("<!entity") { return dtd }
        if tag.hasPrefix("<?xml-stylesheet") { return external }
        if tag.hasPrefix("<!--") || tag.hasPrefix("<?") || tag.hasPrefix("<![cdata[") { return nil }
        if tag.contains("&#") || tag.contains("&") && !tag.contains("&amp;") && !tag.contains("&lt;") && !tag.contains("&gt;") && !tag.contains("&quot;") {
            return "This SVG file uses character codes inside a tag, which can hide script. Export it again from your drawing program."
        }
        let name = tag.dropFirst().prefix { !" \t\r\n/>".contains($0) }.split(separator: ":").last.map(String.init) ?? ""
        if blockedElements.contains(name) {
            return "This SVG file has a <\(name)> element, which can run script or show another document on the council's website."
        }
        for (attribute, value) in attributes(of: tag) {
            let bare = attribute.split(separator: ":").last.map(String.init) ?? attribute
            if bare.hasPrefix("on") {
                return "This SVG file has an event handler (\(attribute)), which runs script on the council's website."
            }
            if ["href", "src"].contains(bare) && !value.hasPrefix("#") && !value.hasPrefix("data:image/") {
                return external
            }
            if bare == "attributename" && (value.hasSuffix("href") || value.hasPrefix("on")) {
                return "This SVG file animates an address or event handler, which can run script on the council's website."
            }
        }
        return nil
    }

    /// The attributes of a tag, names and values (quotes removed).
    public static func attributes(of tag: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var rest = Substring(tag.dropFirst()).drop { !" \t\r\n".contains($0) }
        while true {
            rest = rest.drop { " \t\r\n/>".contains($0) }
            let name = rest.prefix { !" \t\r\n=/>".contains($0) }
            guard !name.isEmpty else { break }
            rest = rest.dropFirst(name.count).drop { " \t\r\n".contains($0) }
            var value = ""
            if rest.first == "=" {
                rest = rest.dropFirst().drop { " \t\r\n".contains($0) }
                if let quote = rest.first, quote == "\"" || quote == "'" {
                    value = String(rest.dropFirst().prefix { $0 != quote })
                    rest = rest.dropFirst(value.count + 2)
                } else {
                    value = String(rest.prefix { !" \t\r\n>".contains($0) })
                    rest = rest.dropFirst(value.count)
                }
            }
            result.append((String(name), value.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return result
    }

    /// Where a tag that starts at `start` ends (just past `>`), skipping quoted values.
    static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1, quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    public static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        for index in 0...(bytes.count - needle.count) where bytes[index] == needle[0] {
            if bytes[index..<index + needle.count].elementsEqual(needle) { return index }
        }
        return nil
    }

    public static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}
