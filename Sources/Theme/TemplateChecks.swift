import Diagnostics
import Foundation
import Markdown
import Project

/// Checks of a theme's templates made before any page is rendered: a partial that is missing
/// or includes itself, and templates every build needs. Rendering a partial that includes
/// itself never ends (it crashed Plainsite), and a missing one silently renders nothing.
public struct TemplateChecks {
    /// One `{{> name}}` tag of a template, with where it starts (1-based, in characters).
    struct Include: Equatable {
        let name: String
        let line: Int
        let column: Int
    }

    /// Template name (such as "layouts/page") to the file it came from, as `Theme.sources`.
    let sources: [String: String]
    /// Template file to its text.
    let texts: [String: String]
    /// Name used in `{{> name}}` to the template it means (partials also answer to their short name).
    let resolved: [String: String]

    init(sources: [String: String], texts: [String: String]) {
        self.sources = sources
        self.texts = texts
        var resolved: [String: String] = [:]
        // In the order the theme registers them, so a later name wins as it does in the library.
        for name in sources.keys.sorted() {
            resolved[name] = name
            if name.hasPrefix("partials/") { resolved[String(name.dropFirst("partials/".count))] = name }
        }
        self.resolved = resolved
    }

    /// Every finding: missing partials, partials that include themselves, and missing needed templates.
    func diagnostics(theme: String) -> [Diagnostic] {
        missingPartials() + loops() + missingTemplates(theme: theme)
    }

    /// The includes of a template, by its name; none for a template that sets its own delimiters.
    func includes(of name: String) -> [Include] {
        guard let file = sources[name], let text = texts[file] else { return [] }
        return TemplateChecks.includes(in: text)
    }

    /// A `{{> name}}` naming no template: an error at the tag, suggesting the nearest names.
    func missingPartials() -> [Diagnostic] {
        var found: [Diagnostic] = []
        for name in sources.keys.sorted() {
            for include in includes(of: name) where resolved[include.name] == nil {
                found.append(
                    Diagnostic(
                        rule: "theme/partial-missing", severity: .error, file: sources[name]!, line: include.line, column: include.column,
                        message:
                            "This template includes a partial called '\(include.name)' ({{> \(include.name)}}), but the theme has no template of that name, so nothing would be shown there.",
                        suggestion: suggestion(for: include.name)))
            }
        }
        return found
    }

    /// The partial names nearest a misspelt one (else every partial's), and where partials live.
    func suggestion(for name: String) -> String {
        let names = resolved.keys.filter { !$0.hasPrefix("layouts/") && $0 != "base" && !$0.hasPrefix("partials/") }.sorted()
        let place = "A partial is a file components/<name>/<name>.mustache or templates/partials/<name>.mustache in the theme."
        let close = names.filter { editDistance(name, $0) <= max(2, name.count / 3) }
            .sorted { editDistance(name, $0) < editDistance(name, $1) }.prefix(3)
        if !close.isEmpty {
            return "Check the spelling: did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))? " + place
        }
        guard !names.isEmpty else { return place }
        return "The theme's partials are: \(names.prefix(20).joined(separator: ", ")). " + place
    }

    /// Templates every build needs: the 404 page (the base template is checked by `Theme`).
    func missingTemplates(theme: String) -> [Diagnostic] {
        guard sources["layouts/404"] == nil else { return [] }
        return [
            Diagnostic(
                rule: "theme/missing", severity: .error, file: "themes/\(theme)/templates/layouts/404.mustache", line: 1,
                message: "The theme has no 404 layout, which makes the page people see when an address is wrong.",
                suggestion: "Add themes/\(theme)/templates/layouts/404.mustache.")
        ]
    }

    /// A folder without an index.md needs the theme's section layout for the page listing its pages.
    public static func missingSectionLayout(site: SiteConfiguration, folder: String) -> Diagnostic {
        Diagnostic(
            rule: "theme/missing", severity: .error, file: "themes/\(site.theme)/templates/layouts/section.mustache", line: 1,
            message: "The theme has no section layout, which makes the page listing the pages of \(site.contentFolder)/\(folder)/.",
            suggestion: "Add themes/\(site.theme)/templates/layouts/section.mustache, or add an index.md to \(site.contentFolder)/\(folder)/.")
    }
}

extension TemplateChecks {
    /// Every loop of includes, once each: an error at the tag that closes it, naming the chain of templates.
    func loops() -> [Diagnostic] {
        var found: [Diagnostic] = []
        var reported: Set<[String]> = []
        var finished: Set<String> = []
        for start in sources.keys.sorted() {
            var path: [(name: String, include: Include?)] = [(start, nil)]
            walk(&path, finished: &finished) { cycle, closing in
                // A loop found from another of its templates is the same loop.
                guard reported.insert(cycle.sorted()).inserted else { return }
                found.append(loopDiagnostic(cycle, closing: closing))
            }
        }
        return found
    }

    /// Depth-first through the includes of the last template of `path`, calling `report` for each loop.
    private func walk(
        _ path: inout [(name: String, include: Include?)], finished: inout Set<String>,
        report: ([String], Include) -> Void
    ) {
        let name = path[path.count - 1].name
        guard !finished.contains(name) else { return }
        for include in includes(of: name) {
            guard let target = resolved[include.name] else { continue }
            if let at = path.firstIndex(where: { $0.name == target }) {
                report(path[at...].map(\.name), include)
                continue
            }
            path.append((target, include))
            walk(&path, finished: &finished, report: report)
            path.removeLast()
        }
        finished.insert(name)
    }

    /// "a includes b, which includes a again", at the include in the last template of the chain.
    private func loopDiagnostic(_ cycle: [String], closing: Include) -> Diagnostic {
        let files = cycle.map { sources[$0]! }
        var chain = files[0] + (files.count == 1 ? " includes itself" : "")
        for file in files.dropFirst() { chain += (file == files[1] ? " includes " : ", which includes ") + file }
        if files.count > 1 { chain += ", which includes \(files[0]) again" }
        return Diagnostic(
            rule: "theme/partial-loop", severity: .error, file: files[files.count - 1], line: closing.line, column: closing.column,
            message: "Templates include each other in a loop that never ends: \(chain).",
            suggestion: "Remove {{> \(closing.name)}} here, or change one of these templates so the loop is broken.")
    }

    /// The `{{> name}}` tags of a template's text (with the delimiters it sets, such as
    /// `{{=<% %>=}}`), skipping comments and dynamic partials (`{{>*name}}`).
    static func includes(in text: String) -> [Include] {
        let characters = Array(text)
        var found: [Include] = []
        var open: [Character] = ["{", "{"], close: [Character] = ["}", "}"]
        var line = 1, lineStart = 0, index = 0
        while index < characters.count {
            if characters[index].isNewline { line += 1; lineStart = index + 1; index += 1; continue }
            guard starts(characters, at: index, with: open) else { index += 1; continue }
            let tagStart = index
            index += open.count
            let kind = index < characters.count ? characters[index] : " "
            let end = kind == "=" ? ["="] + close : close
            guard let closeAt = find(end, in: characters, from: kind == "=" ? index + 1 : index) else { break }
            let inside = closeAt > index ? String(characters[(index + 1)..<closeAt]).trimmingCharacters(in: .whitespaces) : ""
            if kind == ">", !inside.isEmpty, !inside.hasPrefix("*") {
                found.append(Include(name: inside, line: line, column: tagStart - lineStart + 1))
            } else if kind == "=" {
                let delimiters = inside.split(whereSeparator: \.isWhitespace)
                // Delimiters it cannot read leave the rest of the template unread.
                guard delimiters.count == 2 else { return found }
                (open, close) = (Array(delimiters[0]), Array(delimiters[1]))
            }
            // Lines inside a tag (a long comment) still count.
            for position in index..<closeAt where characters[position].isNewline { line += 1; lineStart = position + 1 }
            index = closeAt + end.count
        }
        return found
    }

    private static func starts(_ characters: [Character], at index: Int, with delimiter: [Character]) -> Bool {
        guard index + delimiter.count <= characters.count else { return false }
        return characters[index..<(index + delimiter.count)].elementsEqual(delimiter)
    }

    /// Where `delimiter` next starts, from `start` on.
    private static func find(_ delimiter: [Character], in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index + delimiter.count <= characters.count {
            if starts(characters, at: index, with: delimiter) { return index }
            index += 1
        }
        return nil
    }

    /// The ids of the templates a page of each layout is made from: the base template, the
    /// layout and every partial they include, directly or not (layout name → ids).
    func idsByLayout() -> [String: Set<String>] {
        var found: [String: Set<String>] = [:]
        for name in sources.keys where name.hasPrefix("layouts/") {
            var seen: Set<String> = [], waiting = ["base", name]
            while let next = waiting.popLast() {
                guard sources[next] != nil, seen.insert(next).inserted else { continue }
                waiting += includes(of: next).compactMap { resolved[$0.name] }
            }
            found[String(name.dropFirst("layouts/".count))] = TemplateChecks.ids(in: seen.compactMap { sources[$0].flatMap { texts[$0] } })
        }
        return found
    }

    /// The ids a theme's templates give their own elements (`id="main-content"`), which
    /// headings must not take; ids made by tags (`id="{{name}}"`) are not known here.
    static func ids(in texts: some Sequence<String>) -> Set<String> {
        var ids: Set<String> = []
        for text in texts {
            var rest = Substring(text)
            while let found = rest.range(of: " id=\"") {
                rest = rest[found.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                let id = rest[..<end]
                if !id.isEmpty, !id.contains("{") { ids.insert(String(id)) }
                rest = rest[end...]
            }
        }
        return ids
    }
}
