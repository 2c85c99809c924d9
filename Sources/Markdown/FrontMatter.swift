import Diagnostics
import Yams

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A document a page links to, with its accessible HTML alternative or the reason it has none.
public struct DocumentNote: Sendable, Equatable {
    public var file: String
    public var html: String?
    public var reason: String?

    public init(file: String, html: String?, reason: String?) {
        self.file = file
        self.html = html
        self.reason = reason
    }
}

/// A place in a source file: 1-based line and character column.
public struct SourcePoint: Sendable, Equatable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// The settings at the top of a page, between two `---` lines.
public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    public var description: String?
    public var layout: String?
    public var date: SimpleDate?
    public var updated: SimpleDate?
    public var reviewBy: SimpleDate?
    public var tags: [String] = []
    /// Service names this page offers, listed in the site's A to Z.
    public var services: [String] = []
    /// Old addresses of this page, which redirect to it: `aliases: [/old-address/]`.
    public var aliases: [String] = []
    /// An event's time, venue and accessibility information, as editors write them:
    /// `time: 7pm to 9:15pm`, `venue: Great Hall`, `access: Step-free access and a hearing loop`.
    public var time: String?
    public var venue: String?
    public var access: String?
    /// Documents (PDF, Office) the page links to, each with its HTML alternative or the reason there is none.
    public var documents: [DocumentNote] = []
    public var order: Int?
    /// The page's own readability target: `readability: { target: 14, reason: "legal notice" }`.
    public var readabilityTarget: Double?
    /// True when the page opts out of the readability target: `readability: { skip: true, reason: "…" }`.
    public var readabilitySkip = false
    /// Rules this page turns off: `lint: { disable: [rule-id] }`.
    public var lintDisable: [String] = []
    /// Line of each key in the file, for diagnostics about a value.
    public var keyLines: [String: Int] = [:]
    /// Line and character column where each text value starts (after any opening quote).
    public var valuePositions: [String: SourcePoint] = [:]

    public init() {}

    /// Keys Plainsite reads from front matter; anything else gets a warning.
    public static let knownKeys = [
        "title", "description", "layout", "date", "updated", "review_by", "tags", "order", "services", "aliases", "documents", "time", "venue", "access",
        "lint", "readability",
    ]
}

/// A Markdown file split into its front matter and its body.
///
/// `body` keeps the file's line numbering: the front-matter lines are replaced by
/// empty lines, so a line number from the Markdown parser is the line in the file.
public struct PageSource: Sendable {
    public let file: String
    public let frontMatter: FrontMatter
    public let body: String
    /// The line on which the Markdown body starts (1 when there is no front matter).
    public let bodyStartLine: Int
    public let diagnostics: [Diagnostic]
    /// True when the front matter could not be read at all (a YAML mistake, no closing `---`):
    /// the page's missing title and what follows from it are then not reported, only the mistake.
    public let frontMatterIsUnreadable: Bool

    public init(text: String, file: String) {
        self.file = file
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var diagnostics: [Diagnostic] = []
        var frontMatter = FrontMatter()
        let lines = SourceLines.split(text)
        func isFence(_ line: Substring) -> Bool {
            line.trimmingTrailingWhitespace() == "---"
        }
        guard let first = lines.first, isFence(first) else {
            self.frontMatter = frontMatter
            self.body = text
            self.bodyStartLine = 1
            self.diagnostics = diagnostics
            self.frontMatterIsUnreadable = false
            return
        }
        guard let closing = lines.indices.dropFirst().first(where: { isFence(lines[$0]) || lines[$0].trimmingTrailingWhitespace() == "..." }) else {
            diagnostics.append(
                Diagnostic(
                    rule: "front-matter/unclosed", severity: .error, file: file, line: 1, column: 1, endColumn: 4,
                    message: "The front matter that starts on line 1 is never closed, so the whole file was read as settings.",
                    suggestion: "Add a line with just '---' after the last setting (title, description and so on), before the page text."))
            self.frontMatter = frontMatter
            self.body = String(repeating: "\n", count: lines.count - 1)
            self.bodyStartLine = lines.count + 1
            self.diagnostics = diagnostics
            self.frontMatterIsUnreadable = true
            return
        }
        // Without carriage returns, the lines joined with "\n" are the text between them as written:
        // take it in one piece (joining every line of the body was a cost on large sites).
        let hasCarriageReturn =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false
            } ?? text.utf8.contains(0x0D)
        let yaml =
            hasCarriageReturn || closing == 1
            ? lines[1..<closing].joined(separator: "\n")
            : String(text[lines[1].startIndex..<lines[closing - 1].endIndex])
        var fields = YAMLFields(yaml: yaml, file: file, lineOffset: 1, rulePrefix: "front-matter")
        let rule = "front-matter/type"
        frontMatter.title = fields.string("title", rule: rule, example: "Pay your council tax")
        frontMatter.description = fields.string("description", rule: rule, example: "How to pay your council tax online or by phone.")
        frontMatter.layout = fields.string("layout", rule: rule, example: "page")
        frontMatter.date = fields.date("date", rule: rule)
        frontMatter.updated = fields.date("updated", rule: rule)
        frontMatter.reviewBy = fields.date("review_by", rule: rule)
        frontMatter.tags = fields.strings("tags", rule: rule, example: "[bins, recycling]") ?? []
        frontMatter.order = fields.int("order", rule: rule, example: "2")
        frontMatter.services = fields.strings("services", rule: rule, example: "[Missed bins, Bulky waste]") ?? []
        frontMatter.aliases = fields.strings("aliases", rule: rule, example: "[/old-address/]") ?? []
        frontMatter.time = fields.string("time", rule: rule, example: "7pm to 9:15pm")
        frontMatter.venue = fields.string("venue", rule: rule, example: "Great Hall, Kestrelford Town Hall")
        frontMatter.access = fields.string("access", rule: rule, example: "Step-free access and a hearing loop")
        if let documents = fields.node("documents") {
            for item in documents.sequence ?? Node.Sequence([]) {
                guard let map = item.mapping, let documentFile = map["file"]?.scalar?.string else {
                    fields.append(
                        Diagnostic(
                            rule: "front-matter/documents", severity: .error, file: file, line: (item.mark?.line ?? 1) + 1,
                            message: "Each document needs 'file:', the address of the document.",
                            suggestion: "Write '- file: /files/budget.pdf' then 'html: /budget/' or 'reason: …'."))
                    continue
                }
                frontMatter.documents.append(DocumentNote(file: documentFile, html: map["html"]?.scalar?.string, reason: map["reason"]?.scalar?.string))
            }
        }
        if let lint = fields.node("lint") {
            if let mapping = lint.mapping {
                var lintFields = YAMLFields(mapping: mapping, file: file, lineOffset: 1)
                frontMatter.lintDisable = lintFields.strings("disable", rule: rule, example: "[sentence-length]") ?? []
                lintFields.warnUnknownKeys(known: ["disable"], rule: "front-matter/unknown-key")
                diagnostics += lintFields.diagnostics
            } else {
                fields.typeError("lint", expected: "a group of settings", example: "{ disable: [sentence-length] }", rule: rule)
            }
        }
        if let readability = fields.node("readability") {
            if let mapping = readability.mapping {
                var readabilityFields = YAMLFields(mapping: mapping, file: file, lineOffset: 1)
                readabilityFields.warnUnknownKeys(known: ["target", "skip", "reason"], rule: "front-matter/unknown-key")
                if let target = readabilityFields.string("target", rule: rule, example: "14") {
                    if let value = Double(target), value > 0 {
                        frontMatter.readabilityTarget = value
                    } else {
                        readabilityFields.typeError("target", expected: "a reading age, such as 14", example: "14", rule: rule)
                    }
                }
                frontMatter.readabilitySkip = readabilityFields.bool("skip", rule: rule) ?? false
                let reason = readabilityFields.string("reason", rule: rule, example: "legal notice")
                if (frontMatter.readabilityTarget != nil || frontMatter.readabilitySkip) && (reason?.isEmpty ?? true) {
                    readabilityFields.append(
                        Diagnostic(
                            rule: "front-matter/readability", severity: .error, file: file, line: fields.line(of: "readability"),
                            message: "A page that changes its readability target must say why.",
                            suggestion: "Add a reason, for example: readability: { target: 14, reason: \"legal notice\" }"))
                }
                diagnostics += readabilityFields.diagnostics
            } else {
                fields.typeError("readability", expected: "a group of settings", example: "{ target: 14, reason: \"legal notice\" }", rule: rule)
            }
        }
        let sourceLines = lines
        for key in fields.keys {
            frontMatter.keyLines[key] = fields.line(of: key)
            if let mark = fields.node(key)?.mark, let line = sourceLines.indices.contains(mark.line) ? sourceLines[mark.line] : nil {
                var column = mark.column
                if column >= 1, let character = line.dropFirst(column - 1).first, character == "\"" || character == "'" { column += 1 }
                frontMatter.valuePositions[key] = SourcePoint(line: mark.line + 1, column: column)
            }
        }
        if fields.mapping != nil {
            fields.warnUnknownKeys(known: FrontMatter.knownKeys, rule: "front-matter/unknown-key")
        }
        diagnostics += fields.diagnostics
        self.frontMatter = frontMatter
        var body = String(repeating: "\n", count: closing + 1)
        if hasCarriageReturn {
            body += lines[(closing + 1)...].joined(separator: "\n")
        } else if closing + 1 < lines.count {
            let rest = text[lines[closing + 1].startIndex...]
            body.reserveCapacity(body.utf8.count + rest.utf8.count)
            body += rest
        }
        self.body = body
        self.bodyStartLine = closing + 2
        self.diagnostics = diagnostics
        self.frontMatterIsUnreadable = fields.mapping == nil
    }
}

extension Substring {
    func trimmingTrailingWhitespace() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }
}
