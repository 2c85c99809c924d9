/// The rules reference, generated from the rules' own descriptions and examples:
/// printed by `plainsite rules`, and kept in README.md and docs/rules.md.
public enum RuleReference {
    /// A compact table: one line per rule.
    public static func table(_ rules: [any ProseRule] = RuleRegistry.all) -> String {
        var out = "| rule | level | what it checks |\n| --- | --- | --- |\n"
        for rule in rules {
            let description = rule.description
            out += "| `\(description.id)` | \(description.severity.rawValue) | \(description.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        return out
    }

    /// The full reference with sources and examples, in Markdown.
    public static func markdown(_ rules: [any ProseRule] = RuleRegistry.all) -> String {
        var out = ""
        for rule in rules {
            let description = rule.description
            out += "### `\(description.id)`: \(description.name)\n\n"
            out += "\(description.summary)\n\n"
            out += "- Level: \(description.severity.rawValue)\(description.fixable ? " (some findings can be fixed with `plainsite lint --fix`)" : "")\n"
            out += "- Source: \(description.source)\n"
            if let list = (rule as? WordListRule)?.list {
                out += "- Words: \(list.entries.count) entries in `Sources/BuiltIn/words/`, for example: "
                out += list.entries.prefix(6).map { "'\($0.phrase)'\($0.alternative.isEmpty ? "" : " → '\($0.alternative)'")" }.joined(separator: ", ") + "\n"
            }
            out += "\nFlagged (↓ marks the finding):\n\n"
            for example in description.fails { out += "    \(example.replacingOccurrences(of: "\n", with: "\n    "))\n\n" }
            out += "Not flagged:\n\n"
            for example in description.passes { out += "    \(example.replacingOccurrences(of: "\n", with: "\n    "))\n\n" }
        }
        return out
    }

    /// Plain text for a terminal.
    public static func text(_ rules: [any ProseRule] = RuleRegistry.all) -> String {
        var out = ""
        for rule in rules {
            let description = rule.description
            out += "\(description.id)  [\(description.severity.rawValue)\(description.fixable ? ", fixable" : "")]\n"
            out += "  \(description.summary)\n  Source: \(description.source)\n"
            for example in description.fails { out += "  ✗ \(example.replacingOccurrences(of: "\n", with: " ⏎ "))\n" }
            for example in description.passes { out += "  ✓ \(example.replacingOccurrences(of: "\n", with: " ⏎ "))\n" }
            out += "\n"
        }
        return out
    }
}
