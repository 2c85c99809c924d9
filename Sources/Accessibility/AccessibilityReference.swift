/// The accessibility rules reference, generated from the rules themselves
/// (`plainsite rules --kind accessibility`, kept in docs/accessibility.md).
public enum AccessibilityReference {
    public static func markdown(_ rules: [any AccessibilityRule] = AccessibilityChecker.rules) -> String {
        var out = "| rule | WCAG 2.2 success criterion | technique or failure | level | what it checks |\n| --- | --- | --- | --- | --- |\n"
        for rule in rules {
            let d = rule.description
            out += "| `\(d.id)` | \(d.criterion) | \(d.technique ?? "") | \(d.severity.rawValue) | \(d.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        return out
    }

    public static func text(_ rules: [any AccessibilityRule] = AccessibilityChecker.rules) -> String {
        rules.map { rule in
            let d = rule.description
            return "\(d.id)  [\(d.severity.rawValue), WCAG 2.2 \(d.criterion)\(d.technique.map { ", \($0)" } ?? "")]\n  \(d.summary)\n"
        }.joined(separator: "\n")
    }
}
