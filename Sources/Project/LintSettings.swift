import Diagnostics
import Markdown
import Prose
import Yams

/// Reads a `lint:` section of `plainsite.yml` (at the top for every site, or in one site):
///
/// ```yaml
/// lint:
///   rules: { passive-voice: off, sentence-length: error }
///   sentence_length: { warning: 25, error: 35 }
///   paragraph_sentences: 5
///   acronyms: [PCN, HMO]
///   words:
///     - phrase: sundry
///       alternative: other
///       reason: Residents do not use this word.
/// ```
enum LintSettingsReader {
    static let keys = ["rules", "sentence_length", "paragraph_sentences", "acronyms", "words"]

    /// `readability: { reading_age: 12, layouts: { news: 13, committee: 16 } }`
    static func applyReadability(_ node: Node, to configuration: inout LintConfiguration, fields parent: inout YAMLFields) {
        guard let mapping = node.mapping else {
            parent.typeError("readability", expected: "a group of settings", example: "{ reading_age: 12 }", rule: "config/type")
            return
        }
        var fields = YAMLFields(mapping: mapping, file: parent.file, lineOffset: 0)
        defer { for diagnostic in fields.diagnostics { parent.append(diagnostic) } }
        fields.warnUnknownKeys(known: ["reading_age", "layouts", "minimum_words"], rule: "config/unknown-key", severity: .error)
        if let text = fields.string("reading_age", rule: "config/type", example: "12") {
            if let value = Double(text) {
                configuration.readability.readingAge = value
            } else {
                fields.typeError("reading_age", expected: "a number", example: "12", rule: "config/type")
            }
        }
        if let minimum = fields.int("minimum_words", rule: "config/type", example: "50") { configuration.readability.minimumWords = minimum }
        if let layouts = fields.node("layouts") {
            guard let layoutMapping = layouts.mapping else {
                fields.typeError("layouts", expected: "layout names with a reading age", example: "{ news: 13 }", rule: "config/type")
                return
            }
            for (key, value) in layoutMapping {
                guard let name = key.scalar?.string else { continue }
                if let age = value.scalar.flatMap({ Double($0.string) }) {
                    configuration.readability.layouts[name] = age
                } else {
                    fields.append(
                        Diagnostic(
                            rule: "config/type", severity: .error, file: parent.file, line: value.mark?.line ?? 1,
                            message: "The reading age for layout '\(name)' must be a number.",
                            suggestion: "Write it like this: \(name): 13"))
                }
            }
        }
    }

    static func apply(_ node: Node, to configuration: inout LintConfiguration, fields parent: inout YAMLFields) {
        guard let mapping = node.mapping else {
            parent.typeError("lint", expected: "a group of settings", example: "{ rules: { passive-voice: off } }", rule: "config/type")
            return
        }
        var fields = YAMLFields(mapping: mapping, file: parent.file, lineOffset: 0)
        defer { for diagnostic in fields.diagnostics { parent.append(diagnostic) } }
        fields.warnUnknownKeys(known: keys, rule: "config/unknown-key", severity: .error)
        let rule = "config/type"
        if let limits = fields.node("sentence_length") {
            if let limitMapping = limits.mapping {
                var limitFields = YAMLFields(mapping: limitMapping, file: parent.file, lineOffset: 0)
                limitFields.warnUnknownKeys(known: ["warning", "error"], rule: "config/unknown-key", severity: .error)
                if let warning = limitFields.int("warning", rule: rule, example: "25") { configuration.prose.sentenceWarningLength = warning }
                if let error = limitFields.int("error", rule: rule, example: "35") { configuration.prose.sentenceErrorLength = error }
                for diagnostic in limitFields.diagnostics { fields.append(diagnostic) }
            } else {
                fields.typeError("sentence_length", expected: "warning and error limits", example: "{ warning: 25, error: 35 }", rule: rule)
            }
        }
        if let limit = fields.int("paragraph_sentences", rule: rule, example: "5") { configuration.prose.paragraphSentenceLimit = limit }
        if let acronyms = fields.strings("acronyms", rule: rule, example: "[PCN, HMO]") {
            configuration.prose.knownAcronyms.formUnion(acronyms)
        }
        if let words = fields.node("words") {
            if let sequence = words.sequence {
                var entries = configuration.extraWords?.entries ?? []
                for item in sequence {
                    guard let map = item.mapping, let phrase = map["phrase"]?.scalar?.string else {
                        fields.append(
                            Diagnostic(
                                rule: "config/words", severity: .error, file: parent.file, line: item.mark?.line ?? 1,
                                message: "Each extra word needs at least a 'phrase'.",
                                suggestion: "Write '- phrase: sundry' with 'alternative:' and 'reason:' below it."))
                        continue
                    }
                    let alternative = map["alternative"]?.scalar?.string ?? ""
                    entries.append(
                        WordList.Entry(
                            phrase: phrase.lowercased(), alternative: alternative,
                            forms: [(Tokenizer.words(in: phrase).map(\.lower), alternative)],
                            fix: map["fix"]?.scalar?.string == "true", unless: [], notBefore: [], notAfter: [],
                            reason: map["reason"]?.scalar?.string ?? "This site's own list of words to avoid."))
                }
                configuration.extraWords = WordList(
                    rule: "site-words", name: "This site's words to avoid",
                    summary: "Words this council has chosen to avoid, from plainsite.yml.",
                    source: "plainsite.yml", severity: .warning, entries: entries)
            } else {
                fields.typeError("words", expected: "a list", example: "[{ phrase: sundry, alternative: other }]", rule: rule)
            }
        }
        // Rules are checked last, against a linter that knows the extra words.
        if let rules = fields.node("rules") {
            guard let rulesMapping = rules.mapping else {
                fields.typeError("rules", expected: "rule ids with a level", example: "{ passive-voice: off }", rule: rule)
                return
            }
            let linter = Linter(configuration: configuration)
            for (key, value) in rulesMapping {
                guard let id = key.scalar?.string else { continue }
                let line = key.mark?.line ?? 1
                if !linter.isKnown(id) {
                    fields.append(
                        Diagnostic(
                            rule: "config/unknown-rule", severity: .error, file: parent.file, line: line,
                            column: key.mark?.column ?? 1, message: "There is no rule called '\(id)'.",
                            suggestion: "Run 'plainsite rules' to list every rule id."))
                    continue
                }
                switch value.scalar?.string.lowercased() {
                case "off", "false", "no": configuration.severities[id] = .some(nil)
                case let level?:
                    if let severity = Severity(rawValue: level) {
                        configuration.severities[id] = severity
                    } else {
                        fields.append(
                            Diagnostic(
                                rule: "config/rule-level", severity: .error, file: parent.file, line: line,
                                column: key.mark?.column ?? 1,
                                message: "'\(level)' is not a level for the rule '\(id)'.",
                                suggestion: "Use error, warning, suggestion or off."))
                    }
                case nil: break
                }
            }
        }
    }
}
