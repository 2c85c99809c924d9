import Diagnostics

/// Renders the shared snippets, which may place other snippets: each is rendered after the
/// snippets it uses. A snippet that uses itself, directly or through others, or snippets placed
/// inside each other more than `maximumDepth` deep, are errors naming the chain; the snippet
/// that would close the loop (or go too deep) is left out there.
public struct NestedSnippets {
    /// The most snippets placed inside each other: far more than any real page needs.
    public static let maximumDepth = 8

    let sources: [String: PageSource]
    let context: RenderContext
    /// Each snippet rendered, with the snippets it uses placed.
    public private(set) var rendered: [String: RenderedMarkdown] = [:]
    /// Loops and too-deep nesting, at the `{{> name }}` line that causes them.
    public private(set) var diagnostics: [Diagnostic] = []
    /// How many snippets deep each rendered snippet is (1 when it uses none).
    var depths: [String: Int] = [:]

    /// Renders every snippet in `sources` (keyed by name) with `context`'s data, links and raw HTML.
    public init(sources: [String: PageSource], context: RenderContext) {
        self.sources = sources
        self.context = context
        for name in sources.keys.sorted() { render(name, chain: []) }
    }

    /// Renders `name` after the snippets it uses; `chain` is the snippets being rendered that led here.
    mutating func render(_ name: String, chain: [String]) {
        guard rendered[name] == nil, let source = sources[name] else { return }
        let path = chain + [name]
        var placed = Dictionary(uniqueKeysWithValues: sources.keys.map { ($0, "") })
        var depth = 1
        for use in uses(of: source) where sources[use.name] != nil && placed[use.name] == "" {
            if let start = path.firstIndex(of: use.name) {
                reportLoop(Array(path[start...]) + [use.name], at: use, in: source.file)
                continue
            }
            // A long chain is too deep whatever lies below it: stop before the recursion grows the stack.
            if path.count >= 4 * NestedSnippets.maximumDepth {
                reportDepth(path.count + 1, at: use, in: source.file)
                continue
            }
            render(use.name, chain: path)
            let usedDepth = depths[use.name] ?? 1
            if usedDepth + 1 > NestedSnippets.maximumDepth {
                reportDepth(usedDepth + 1, at: use, in: source.file)
                continue
            }
            placed[use.name] = rendered[use.name]?.html ?? ""
            depth = max(depth, usedDepth + 1)
        }
        var full = context
        full.snippets = placed
        rendered[name] = MarkdownRenderer.render(source.body, file: source.file, context: full)
        depths[name] = depth
    }

    /// The `{{> name }}` paragraphs of a snippet (none without "{{>", so most are not parsed twice).
    func uses(of source: PageSource) -> [SnippetUse] {
        guard source.body.containsBytes("{{>") else { return [] }
        var probe = context
        probe.snippets = Dictionary(uniqueKeysWithValues: sources.keys.map { ($0, "") })
        return MarkdownRenderer.render(source.body, file: source.file, context: probe, html: false).snippetUses
    }

    /// `loop` starts and ends with the same snippet: ["a", "a"] or ["a", "b", "a"].
    mutating func reportLoop(_ loop: [String], at use: SnippetUse, in file: String) {
        let message =
            loop.count == 2
            ? "The snippet '\(use.name)' uses itself, so it would never end."
            : "The snippet '\(loop[0])' uses itself through other snippets: \(loop.joined(separator: " → ")), so it would never end."
        diagnostics.append(
            Diagnostic(
                rule: "markdown/snippet-loop", severity: .error, file: file, line: use.line, column: use.column,
                message: message,
                suggestion: "Remove '{{> \(use.name) }}' from this snippet, or copy the words you need into it."))
    }

    mutating func reportDepth(_ depth: Int, at use: SnippetUse, in file: String) {
        diagnostics.append(
            Diagnostic(
                rule: "markdown/snippet-depth", severity: .error, file: file, line: use.line, column: use.column,
                message:
                    "Placing the snippet '\(use.name)' here puts \(depth) snippets inside each other; Plainsite places at most \(NestedSnippets.maximumDepth).",
                suggestion: "Copy the words of the innermost snippets into the ones that use them, so fewer are placed inside each other."))
    }
}
