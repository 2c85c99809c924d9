/// A template's text as characters ("\r\n" is one), read forwards by `TemplateParser`.
struct TemplateReader {
    let characters: [Character]
    /// The text's UTF-8, and where each character starts in it (and where the text ends), so
    /// a run of characters is read back as a String by copying its bytes.
    private let utf8: [UInt8]
    private let offsets: [Int]
    var position = 0

    init(_ text: String) {
        var characters: [Character] = [], offsets: [Int] = [0]
        var offset = 0
        for character in text {
            characters.append(character)
            offset += character.utf8.count
            offsets.append(offset)
        }
        self.characters = characters
        self.offsets = offsets
        utf8 = Array(text.utf8)
    }

    var atEnd: Bool { position == characters.count }
    /// The current character, "\0" at the end.
    var current: Character { atEnd ? "\0" : characters[position] }

    @discardableResult
    mutating func read(while test: (Character) -> Bool) -> String {
        let start = position
        while !atEnd, test(characters[position]) { position += 1 }
        return String(decoding: utf8[offsets[start]..<offsets[position]], as: UTF8.self)
    }

    /// Reads `string` when the text continues with it.
    mutating func read(_ string: String) -> Bool {
        var at = position
        for wanted in string {
            guard at < characters.count, characters[at] == wanted else { return false }
            at += 1
        }
        position = at
        return true
    }

    /// Text up to a "{{" (which is read) or a line break (which is not).
    mutating func readUntilTagOrNewline() -> String {
        var total = ""
        while !atEnd {
            total += read(while: { $0 != "\n" && $0 != "\r\n" && $0 != "{" })
            if current.isNewline {
                break
            } else if current == "{" {
                if read("{{") { break }
                total += "{"
                position += 1
            }
        }
        return total
    }

    /// Reads a comment's text and its closing "}}"; false when it has none.
    mutating func skipComment() -> Bool {
        while !atEnd {
            if characters[position] == "}", position + 1 < characters.count, characters[position + 1] == "}" {
                position += 2
                return true
            }
            position += 1
        }
        return false
    }

    /// The 1-based line and column of a character.
    func location(of index: Int) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for at in 0..<min(index, characters.count) where characters[at].isNewline {
            line += 1
            lineStart = at + 1
        }
        return (line, index - lineStart + 1)
    }

    /// The error for a mistake at a character.
    func error(at index: Int, _ message: String, suggestion: String) -> TemplateSyntaxError {
        let (line, column) = location(of: index)
        return TemplateSyntaxError(message: message, suggestion: suggestion, line: line, column: column)
    }
}
