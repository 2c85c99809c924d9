import Diagnostics
import Markdown

/// How a site tunes the linter (from `plainsite.yml`).
public struct LintConfiguration: Sendable {
    public var prose = ProseSettings()
    /// Rule id (or family, such as "plain-words") → new severity; nil turns the rule off.
    public var severities: [String: Severity?] = [:]
    /// Extra words to avoid, as a word list of the site's own.
    public var extraWords: WordList?
    /// Reading-age targets.
    public var readability = ReadabilitySettings()

    public init() {}
}

/// A change `--fix` can make: replace bytes of one line.
public struct Fix: Sendable, Equatable {
    public var line: Int
    /// 1-based byte columns; `endByteColumn` is exclusive.
    public var byteColumn: Int
    public var endByteColumn: Int
    public var original: String
    public var replacement: String
    public var rule: String
}

/// What linting one page gives: diagnostics with fingerprints (for the baseline) and safe fixes.
public struct LintResult: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// One per diagnostic: file, rule and the flagged words in their sentence, not the line.
    public var fingerprints: [String] = []
    public var fixes: [Fix] = []
    /// The page's readability scores, and its hardest sentences.
    public var readability: ReadabilityScores?
    public var hardestSentences: [ScoredSentence] = []

    public init() {}
}

/// Runs the plain-English rules over a page and turns findings into positioned diagnostics.
public struct Linter: Sendable {
    public let rules: [any ProseRule]
    public let configuration: LintConfiguration
    let families: Set<String>
    let ids: Set<String>

    /// Rule ids that are not rules of their own but are reported by the linter itself.
    static let builtInIDs: Set<String> = ["readability/reading-age", "readability", "content/review-due", "content"]

    public init(configuration: LintConfiguration = LintConfiguration(), rules: [any ProseRule]? = nil) {
        var rules = rules ?? RuleRegistry.all
        if let extra = configuration.extraWords { rules.append(WordListRule(extra)) }
        self.rules = rules
        self.configuration = configuration
        families = Set(rules.map(\.description.id))
        ids = Set(rules.flatMap(\.ruleIDs)).union(Linter.builtInIDs)
    }

    /// True for a rule id, a word id (`plain-words/utilise`) or a family prefix (`numbers`).
    public func isKnown(_ rule: String) -> Bool {
        ids.contains(rule) || families.contains { $0.hasPrefix(rule + "/") }
    }

    /// True when `pattern` (a rule id or family) covers the rule `id`.
    public static func matches(_ pattern: String, _ id: String) -> Bool {
        id == pattern || id.hasPrefix(pattern + "/")
    }

    /// Lints one page. `text` is the whole file as written; `blocks` its prose from the Markdown renderer.
    public func lint(file: String, text: String, page: PageSource, blocks: [TextBlock], layout: String? = nil) -> LintResult {
        var result = LintResult()
        let lines = SourceLines(text)
        var allBlocks = blocks
        for key in ["title", "description"] {
            let value = key == "title" ? page.frontMatter.title : page.frontMatter.description
            guard let value, let point = page.frontMatter.valuePositions[key], lines.line(point.line) != nil else { continue }
            allBlocks.append(TextBlock(kind: key == "title" ? .title : .description, frontMatterValue: value, lines: lines, start: point))
        }
        let document = ProseDocument(file: file, blocks: allBlocks)
        var findings: [Finding] = []
        var readabilityLine = 1
        for rule in rules { rule.check(document, settings: configuration.prose, into: &findings) }

        let measured = Readability.measureWithHardest(document)
        if measured.counts.words > 0 {
            let scores = ReadabilityScores(measured.counts)
            result.readability = scores
            result.hardestSentences = measured.hardest
            let layoutName = layout ?? page.frontMatter.layout ?? "page"
            let target = page.frontMatter.readabilityTarget ?? configuration.readability.target(forLayout: layoutName)
            if !page.frontMatter.readabilitySkip, measured.counts.words >= configuration.readability.minimumWords,
                scores.readingAge > target + 0.05, let hardest = result.hardestSentences.first
            {
                findings.append(
                    Finding(
                        rule: "readability/reading-age", severity: .warning, block: 0, range: 0..<0,
                        message: "This page has a reading age of \(Linter.oneDecimal(scores.readingAge)); the target is \(Linter.oneDecimal(target)).",
                        suggestion: "Shorten or simplify the hardest sentences: "
                            + result.hardestSentences.map { "line \($0.line): '\(Linter.excerpt($0.text))'" }.joined(separator: "; ") + ".",
                        context: "reading-age"))
                readabilityLine = hardest.line
            }
        }

        let controls = ControlComments(text: text, file: file, isKnown: isKnown)
        result.diagnostics += controls.diagnostics
        result.fingerprints += controls.diagnostics.map { Linter.fingerprint(file: file, rule: $0.rule, context: $0.message) }
        for rule in page.frontMatter.lintDisable where !isKnown(rule) {
            let diagnostic = unknownRule(rule, file: file, line: page.frontMatter.keyLines["lint"] ?? 1)
            result.diagnostics.append(diagnostic)
            result.fingerprints.append(Linter.fingerprint(file: file, rule: diagnostic.rule, context: rule))
        }

        for finding in findings.sorted(by: { ($0.block, $0.range.lowerBound) < ($1.block, $1.range.lowerBound) }) {
            var severity = finding.severity
            if let override = configuration.severities.first(where: { Linter.matches($0.key, finding.rule) }) {
                guard let newSeverity = override.value else { continue }
                severity = newSeverity
            }
            if page.frontMatter.lintDisable.contains(where: { Linter.matches($0, finding.rule) }) { continue }
            if finding.rule == "readability/reading-age" {
                if controls.isDisabled(finding.rule, line: readabilityLine) { continue }
                result.diagnostics.append(
                    Diagnostic(
                        rule: finding.rule, severity: severity, file: file, line: readabilityLine,
                        message: finding.message, suggestion: finding.suggestion))
                result.fingerprints.append(Linter.fingerprint(file: file, rule: finding.rule, context: finding.context))
                continue
            }
            let block = document.blocks[finding.block].source
            let start = block.sourcePosition(ofByte: finding.range.lowerBound)
            let endByte = max(finding.range.lowerBound, finding.range.upperBound - 1)
            let end = block.sourcePosition(ofByte: endByte)
            if controls.isDisabled(finding.rule, line: start.line) { continue }
            let column = lines.characterColumn(line: start.line, byteColumn: start.byteColumn)
            let endColumn = lines.characterColumn(line: end.line, byteColumn: end.byteColumn) + 1
            result.diagnostics.append(
                Diagnostic(
                    rule: finding.rule, severity: severity, file: file, line: start.line, column: column,
                    endLine: end.line, endColumn: finding.range.isEmpty ? column : endColumn,
                    message: finding.message, suggestion: finding.suggestion))
            result.fingerprints.append(Linter.fingerprint(file: file, rule: finding.rule, context: finding.context))
            if let replacement = finding.replacement, block.isExact(finding.range), !block.isInLinkAddress(finding.range), start.line == end.line {
                let original = String(decoding: Array(block.text.utf8)[finding.range], as: UTF8.self)
                result.fixes.append(
                    Fix(
                        line: start.line, byteColumn: start.byteColumn,
                        endByteColumn: start.byteColumn + finding.range.count,
                        original: original, replacement: replacement, rule: finding.rule))
            }
        }
        return result
    }

    func unknownRule(_ rule: String, file: String, line: Int) -> Diagnostic {
        let closest = ids.union(families).min { editDistance(rule, $0) < editDistance(rule, $1) }
        return Diagnostic(
            rule: "lint/unknown-rule", severity: .error, file: file, line: line,
            message: "There is no rule called '\(rule)'.",
            suggestion: closest.map { "Did you mean '\($0)'? Run 'plainsite rules' to list every rule." }
                ?? "Run 'plainsite rules' to list every rule.")
    }

    static func oneDecimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func excerpt(_ text: String) -> String {
        let words = text.split(separator: " ")
        return words.count <= 12 ? text : words.prefix(12).joined(separator: " ") + "…"
    }

    /// A stable fingerprint: FNV-1a of file, rule and context, as hex.
    public static func fingerprint(file: String, rule: String, context: String) -> String {
        // The bytes of "file NUL rule NUL context", hashed in turn without making that string.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
        }
        add(file)
        add("\u{0}")
        add(rule)
        add("\u{0}")
        add(context)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// `<!-- plainsite-disable RULE -->`, `<!-- plainsite-enable RULE -->` and
/// `<!-- plainsite-disable-next-line RULE -->` in a page. No rule means every rule.
struct ControlComments {
    struct Span {
        var rules: [String]
        var from: Int
        var to: Int
    }

    var spans: [Span] = []
    var diagnostics: [Diagnostic] = []

    init(text: String, file: String, isKnown: (String) -> Bool) {
        var open: [(rules: [String], line: Int)] = []
        // Most pages have no control comments: look once before splitting into lines.
        guard text.containsBytes("plainsite-") else { return }
        let lines = SourceLines.split(text)
        for (index, line) in lines.enumerated() where line.containsBytes("plainsite-") {
            var rest = line[...]
            while let start = rest.range(of: "<!--"), let end = rest[start.upperBound...].range(of: "-->") {
                let body = rest[start.upperBound..<end.lowerBound].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
                rest = rest[end.upperBound...]
                guard let command = body.first, command.hasPrefix("plainsite-") else { continue }
                let rules = Array(body.dropFirst())
                let lineNumber = index + 1
                for rule in rules where !isKnown(rule) {
                    diagnostics.append(
                        Diagnostic(
                            rule: "lint/unknown-rule", severity: .error, file: file, line: lineNumber,
                            message: "There is no rule called '\(rule)' in this comment.",
                            suggestion: "Run 'plainsite rules' to list every rule id."))
                }
                switch command {
                case "plainsite-disable":
                    open.append((rules, lineNumber))
                case "plainsite-enable":
                    if let match = open.lastIndex(where: { $0.rules == rules }) ?? (rules.isEmpty ? open.indices.last : nil) {
                        spans.append(Span(rules: open[match].rules, from: open[match].line, to: lineNumber))
                        open.remove(at: match)
                    }
                case "plainsite-disable-next-line":
                    // The next line that has text.
                    var next = lineNumber + 1
                    while next <= lines.count, lines[next - 1].allSatisfy(\.isWhitespace) { next += 1 }
                    spans.append(Span(rules: rules, from: next, to: next))
                default:
                    diagnostics.append(
                        Diagnostic(
                            rule: "lint/unknown-control", severity: .error, file: file, line: lineNumber,
                            message: "'\(command)' is not a Plainsite comment.",
                            suggestion: "Use plainsite-disable, plainsite-enable or plainsite-disable-next-line."))
                }
            }
        }
        for unclosed in open { spans.append(Span(rules: unclosed.rules, from: unclosed.line, to: Int.max)) }
    }

    func isDisabled(_ rule: String, line: Int) -> Bool {
        spans.contains { $0.from <= line && line <= $0.to && ($0.rules.isEmpty || $0.rules.contains { Linter.matches($0, rule) }) }
    }
}
