import CCmarkGFM
import Diagnostics
import Foundation

/// What a page's Markdown needs from the site around it.
public struct RenderContext: Sendable {
    /// Shared data, looked up by `{{ file.key }}`.
    public var data: DataValue
    /// Snippets already rendered to HTML, placed by a paragraph `{{> name }}`.
    public var snippets: [String: String]
    /// Turns a link or image address as written by the editor into the published one.
    public var rewriteURL: @Sendable (String) -> String
    /// The raw HTML the site allows; nil leaves all raw HTML out of the page, with a warning.
    public var rawHTML: RawHTMLPolicy?
    /// Ids the theme gives its own elements (such as "main-content"), which headings must not take.
    public var reservedIDs: Set<String>

    public init(
        data: DataValue = .map([:]), snippets: [String: String] = [:],
        rewriteURL: @escaping @Sendable (String) -> String = { $0 }, rawHTML: RawHTMLPolicy? = nil,
        reservedIDs: Set<String> = []
    ) {
        self.data = data
        self.snippets = snippets
        self.rewriteURL = rewriteURL
        self.rawHTML = rawHTML
        self.reservedIDs = reservedIDs
    }
}

/// A link or image found in the Markdown, with the line it is on.
public struct MarkdownLink: Sendable, Equatable {
    public var url: String
    public var line: Int
    public var isImage: Bool

    public init(url: String, line: Int, isImage: Bool) {
        self.url = url
        self.line = line
        self.isImage = isImage
    }
}

public struct RenderedMarkdown: Sendable {
    public var html: String
    public var links: [MarkdownLink]
    public var diagnostics: [Diagnostic]
    /// The page's prose, block by block, with source positions (for the linter and readability).
    public var textBlocks: [TextBlock] = []
    /// Every `{{> name }}` paragraph, known snippet or not, in order (for snippets that use snippets).
    var snippetUses: [SnippetUse] = []
}

/// A paragraph `{{> name }}` and where it is.
struct SnippetUse: Equatable {
    var name: String
    var line: Int
    var column: Int
}

/// Renders Markdown with cmark-gfm and the GitHub extensions, in cmark's safe mode:
/// raw HTML is never copied to the page (only the tags a site allows are written again from
/// their parts, see `RawHTMLPolicy`) and `javascript:`, `vbscript:`, `file:` and `data:`
/// addresses are refused with an error (`URLSafety`).
public enum MarkdownRenderer {
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    static let parseOptions = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
    static let renderOptions = CMARK_OPT_FOOTNOTES

    /// Parses and renders a page. With `html: false` only the prose, links and diagnostics are
    /// produced (what the linter needs), which saves rendering the HTML.
    /// With `sourcePositions`, block elements carry cmark's `data-sourcepos="line:column-line:column"`
    /// (for the accessibility checks to point at Markdown lines; the builder strips them).
    public static func render(
        _ markdown: String, file: String, context: RenderContext = RenderContext(), html: Bool = true,
        sourcePositions: Bool = false
    ) -> RenderedMarkdown {
        let syntaxExtensions = SyntaxExtensions.shared.pointers
        guard let parser = cmark_parser_new(parseOptions) else {
            return RenderedMarkdown(html: "", links: [], diagnostics: [])
        }
        defer { cmark_parser_free(parser) }
        for syntaxExtension in syntaxExtensions {
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
        var markdown = markdown
        markdown.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            return RenderedMarkdown(html: "", links: [], diagnostics: [])
        }
        defer { cmark_node_free(root) }
        let lines = SourceLines(markdown)
        var extractor = TextExtractor(source: lines)
        extractor.extract(from: root)
        cmark_consolidate_text_nodes(root)

        var transformer = Transformer(file: file, source: lines, context: context)
        transformer.transform(root)
        var components = CouncilBlocks(rewriteURL: context.rewriteURL)
        components.apply(to: root)

        guard html else {
            return RenderedMarkdown(
                html: "", links: transformer.links, diagnostics: transformer.diagnostics, textBlocks: extractor.blocks,
                snippetUses: transformer.snippetUses)
        }
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let rendered = cmark_render_html(root, renderOptions | (sourcePositions ? CMARK_OPT_SOURCEPOS : 0), extensions) else {
            return RenderedMarkdown(html: "", links: transformer.links, diagnostics: transformer.diagnostics)
        }
        defer { free(rendered) }
        let output = FootnoteLabels.apply(HeadingIDs.insert(into: rendered, headings: transformer.headingTexts, reserved: context.reservedIDs))
        return RenderedMarkdown(
            html: output, links: transformer.links, diagnostics: transformer.diagnostics,
            textBlocks: extractor.blocks, snippetUses: transformer.snippetUses)
    }
}

/// cmark-gfm's extensions, registered and looked up once for the whole process. Registration
/// runs under Swift's once-only initialisation of a static: cmark-gfm versions before its
/// registration lock keep a plain static flag, so two threads rendering their first page at
/// the same moment could register the extensions twice. (Looking them up by name for every
/// page was also a small cost.) The extensions are never freed or changed once registered.
struct SyntaxExtensions: @unchecked Sendable {
    let pointers: [OpaquePointer]

    static let shared: SyntaxExtensions = {
        cmark_gfm_core_extensions_ensure_registered()
        return SyntaxExtensions(pointers: MarkdownRenderer.extensionNames.compactMap { cmark_find_syntax_extension($0) })
    }()
}

/// Walks the parsed tree once: fills in shared data, places snippets, rewrites
/// addresses, and reports Markdown the theme cannot publish as written.
struct Transformer {
    let file: String
    let source: SourceLines
    let context: RenderContext
    var links: [MarkdownLink] = []
    var diagnostics: [Diagnostic] = []
    /// The text of every heading, in order, for their ids.
    var headingTexts: [String] = []
    /// The snippets placed (or asked for) in the page, in order.
    var snippetUses: [SnippetUse] = []
    /// Raw HTML nodes and the checked HTML that replaces them after the walk.
    var replacedRawHTML: [(OpaquePointer, OpaquePointer)] = []

    init(file: String, source: SourceLines, context: RenderContext) {
        self.file = file
        self.source = source
        self.context = context
    }

    mutating func transform(_ root: OpaquePointer) {
        var nodes: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { nodes.append(node) }
        }
        // Paragraphs are replaced after the walk, so no node in `nodes` is freed while in use.
        var paragraphs: [OpaquePointer] = []
        for node in nodes {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                checkHeading(node)
            case CMARK_NODE_PARAGRAPH:
                paragraphs.append(node)
            case CMARK_NODE_TEXT:
                fillData(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                rewrite(node)
            case CMARK_NODE_HTML_BLOCK:
                checkRawHTML(node, isBlock: true)
            case CMARK_NODE_HTML_INLINE:
                checkRawHTML(node, isBlock: false)
            default:
                break
            }
        }
        for paragraph in paragraphs { placeSnippet(paragraph) }
        for (old, replacement) in replacedRawHTML {
            cmark_node_replace(old, replacement)
            cmark_node_free(old)
        }
    }

    func position(_ node: OpaquePointer) -> (line: Int, column: Int) {
        var current: OpaquePointer? = node
        while let candidate = current, cmark_node_get_start_line(candidate) == 0 {
            current = cmark_node_parent(candidate)
        }
        guard let found = current else { return (1, 1) }
        let line = Int(cmark_node_get_start_line(found))
        let column = source.characterColumn(line: line, byteColumn: Int(cmark_node_get_start_column(found)))
        return (line, column)
    }

    mutating func checkHeading(_ node: OpaquePointer) {
        var text = ""
        if let iterator = cmark_iter_new(node) {
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                if let child = cmark_iter_get_node(iterator), let literal = cmark_node_get_literal(child),
                    cmark_node_get_type(child) == CMARK_NODE_TEXT || cmark_node_get_type(child) == CMARK_NODE_CODE
                {
                    text += String(cString: literal)
                }
            }
            cmark_iter_free(iterator)
        }
        headingTexts.append(text)
        guard cmark_node_get_heading_level(node) == 1 else { return }
        let (line, column) = position(node)
        diagnostics.append(
            Diagnostic(
                rule: "markdown/heading-one", severity: .error, file: file, line: line, column: column,
                message: "This is a level 1 heading, but the page title from the front matter is already the page's only level 1 heading.",
                suggestion: "Start this heading with '## ' instead of '# ', or move its words into 'title:' at the top of the file."))
    }

    mutating func rewrite(_ node: OpaquePointer) {
        guard let url = cmark_node_get_url(node) else { return }
        let original = String(cString: url)
        let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
        guard checkURL(node, url: original, isImage: isImage) else { return }
        links.append(MarkdownLink(url: original, line: position(node).line, isImage: isImage))
        let rewritten = context.rewriteURL(original)
        if rewritten != original { cmark_node_set_url(node, rewritten) }
    }
}

extension StringProtocol {
    /// Removes the given characters from both ends (a Foundation-free trim).
    public func trimmingCharacters(in characters: String) -> String {
        var view = Substring(self)
        while let first = view.first, characters.contains(first) { view.removeFirst() }
        while let last = view.last, characters.contains(last) { view.removeLast() }
        return String(view)
    }
}

/// cmark's footnotes get accessible names: the section is labelled, each reference says it is a
/// footnote, and each back-link says which footnote's reference it returns to.
enum FootnoteLabels {
    static func apply(_ html: String) -> String {
        guard html.containsBytes("data-footnotes") else { return html }
        var output = html.replacingOccurrences(
            of: "<section class=\"footnotes\" data-footnotes>",
            with: "<section class=\"footnotes\" data-footnotes aria-label=\"Footnotes\">")
        output = output.replacingOccurrences(of: "data-footnote-ref>", with: "data-footnote-ref><span class=\"ps-visually-hidden\">Footnote </span>")
        var result = ""
        var rest = Substring(output)
        var number = 0
        while let item = rest.range(of: "<li id=\"fn-") {
            number += 1
            result += rest[..<item.upperBound]
            rest = rest[item.upperBound...]
            if let back = rest.range(of: "aria-label=\"Back to content\""),
                rest.range(of: "<li id=\"fn-").map({ back.lowerBound < $0.lowerBound }) ?? true
            {
                result += rest[..<back.lowerBound] + "aria-label=\"Back to the text of footnote \(number)\""
                rest = rest[back.upperBound...]
            }
        }
        return result + rest
    }
}
