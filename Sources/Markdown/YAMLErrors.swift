import Diagnostics
import Yams

/// YAML syntax errors as diagnostics an editor can act on: at the place to fix, in plain words.
extension YAMLFields {
    static func diagnostic(for error: YamlError, file: String, lineOffset: Int, rule: String) -> Diagnostic {
        var line = 1, column = 1, problem = "\(error)"
        switch error {
        case let .scanner(context, p, mark, _), let .parser(context, p, mark, _), let .composer(context, p, mark, _):
            line = mark.line; column = mark.column; problem = p
            // Something left open (a list, a quote) is found only where the file ends: point at its start.
            if let context, let opened = YAMLFields.openedThing(context.text, problem: p) {
                return Diagnostic(
                    rule: rule, severity: .error, file: file, line: context.mark.line + lineOffset, column: context.mark.column,
                    message: "The YAML is not valid here: \(opened.problem).", suggestion: opened.fix)
            }
        default:
            break
        }
        let plain = YAMLFields.plainProblem(problem)
        return Diagnostic(
            rule: rule, severity: .error, file: file, line: line + lineOffset, column: column,
            message: "The YAML is not valid here: \(plain?.problem ?? problem).",
            suggestion: plain?.fix
                ?? "Check the indentation and that every 'key: value' line has a space after the colon. Put text containing ':' or '#' in quotes.")
    }

    /// libyaml's two commonest complaints in front matter, in words an editor can act on.
    static func plainProblem(_ problem: String) -> (problem: String, fix: String)? {
        if problem.hasPrefix("mapping values are not allowed") {
            return (
                "this ':' starts a new setting where one cannot start",
                "If the value holds ': ', put the whole value in quotes (title: \"Bins: what goes where\"). If the line is indented more than it should be, line it up with the settings above it."
            )
        }
        if problem.hasPrefix("did not find expected key") {
            return (
                "this is not where a new setting can start",
                "Line this setting up with the settings above it (the same spaces at the start), and write a quote mark inside a quoted value twice ('It''s here')."
            )
        }
        return nil
    }

    /// What libyaml was reading when it failed, in plain words, when that thing starts at a
    /// place of its own (a list, a quote, a key); nil for block structure, where the error's own place is best.
    static func openedThing(_ context: String, problem: String) -> (problem: String, fix: String)? {
        guard problem.contains("expected") || problem.contains("end of stream") else { return nil }
        if context.contains("flow sequence") {
            return (
                "this list starts with '[' but is never closed with ']'",
                "Add ']' at the end of the list, or put the whole value in quotes if it is text that holds '['."
            )
        }
        if context.contains("flow mapping") {
            return (
                "this group starts with '{' but is never closed with '}'",
                "Add '}' at the end of the group, or put the whole value in quotes if it is text that holds '{'."
            )
        }
        if context.contains("quoted scalar") {
            return (
                "this text starts with a quote mark but is never closed",
                "Add the same quote mark at the end of the text, on the same line."
            )
        }
        if context.contains("simple key") {
            return (
                "this line has no ':' after the setting's name",
                "Write one setting per line as 'name: value', for example 'title: Pay your council tax'."
            )
        }
        return nil
    }
}
