import Diagnostics

/// What a rule is, in words: the source of `plainsite rules` and of the rule tests.
///
/// `passes` are Markdown snippets the rule must not flag. `fails` must be flagged, with
/// `↓` written just before each place a finding must start (and nowhere else).
public struct RuleDescription: Sendable {
    public let id: String
    public let name: String
    public let summary: String
    public let source: String
    public let severity: Severity
    public let passes: [String]
    public let fails: [String]
    /// True when `--fix` can apply some of its findings.
    public let fixable: Bool

    public init(
        id: String, name: String, summary: String, source: String, severity: Severity,
        passes: [String], fails: [String], fixable: Bool = false
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.source = source
        self.severity = severity
        self.passes = passes
        self.fails = fails
        self.fixable = fixable
    }
}

/// A problem a rule found in a block, before it is turned into a positioned `Diagnostic`.
public struct Finding: Sendable, Equatable {
    /// Full rule id, such as "plain-words/utilise" or "sentence-length".
    public var rule: String
    public var severity: Severity
    public var block: Int
    /// Byte range in the block's text.
    public var range: Range<Int>
    public var message: String
    public var suggestion: String?
    /// Text that replaces `range` when `--fix` is used; only for unambiguous one-to-one swaps.
    public var replacement: String?
    /// Text that identifies the finding for the baseline, independent of its position:
    /// the flagged words and the sentence around them.
    public var context: String

    public init(
        rule: String, severity: Severity, block: Int, range: Range<Int>, message: String,
        suggestion: String? = nil, replacement: String? = nil, context: String = ""
    ) {
        self.rule = rule
        self.severity = severity
        self.block = block
        self.range = range
        self.message = message
        self.suggestion = suggestion
        self.replacement = replacement
        self.context = context
    }
}

/// Settings a rule may read: from `plainsite.yml` (per site) and the page's front matter.
public struct ProseSettings: Sendable {
    public var sentenceWarningLength = 25
    public var sentenceErrorLength = 35
    public var paragraphSentenceLimit = 5
    /// Acronyms that need no expansion on this site, beyond the built-in list.
    public var knownAcronyms: Set<String> = []

    public init() {}
}

/// A plain-English rule. Each lives in its own file under `Rules/` with its examples.
public protocol ProseRule: Sendable {
    var description: RuleDescription { get }
    /// Rule ids this rule can report: its own id, or for word lists `id/<word>` for each word.
    var ruleIDs: [String] { get }
    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding])
}

extension ProseRule {
    public var ruleIDs: [String] { [description.id] }

    /// A finding at a range of a block, with the sentence around it as its baseline context.
    /// `severity` saves making the description when the caller knows it.
    func finding(
        _ block: Int, _ range: Range<Int>, in document: ProseDocument, rule: String? = nil, severity: Severity? = nil,
        message: String, suggestion: String? = nil, replacement: String? = nil
    ) -> Finding {
        let prose = document.blocks[block]
        let sentence = prose.sentences.first { $0.range.lowerBound <= range.lowerBound && range.lowerBound < max($0.range.upperBound, $0.range.lowerBound + 1) }
        let context = prose.slice(range).lowercased() + "|" + (sentence.map { prose.slice($0.range) } ?? prose.text)
        return Finding(
            rule: rule ?? description.id, severity: severity ?? description.severity, block: block, range: range,
            message: message, suggestion: suggestion, replacement: replacement, context: context)
    }
}
