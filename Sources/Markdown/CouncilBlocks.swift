import CCmarkGFM
import Foundation

/// The council components editors write in Markdown, with the syntax GOV.UK editors know
/// from Govspeak, and GitHub's alerts (docs/content-guide.md shows each):
///
///     ^Bins are collected on bank holidays.^          information callout
///     %You must book before 4pm.%                     warning text
///     > [!NOTE] / > [!WARNING]                        GitHub alerts (callout / warning)
///     $C Kestrelford City Council ⏎ 01632 960000 $C   contact card
///     $A Civic Centre ⏎ 1 Market Street $A            address
///     $E For example, a sofa counts as 1 item. $E      inset text (Govspeak's "example")
///     $L cy ⏎ Croeso i'r cyngor ⏎ $L                    a passage in another language (lang="cy")
///     {button start}[Start now](/apply/){/button}      start button
///     s1. Check your bin day ⏎ s2. Put it out by 7am  numbered steps
///     *[PCN]: penalty charge notice                    abbreviation, shown as <abbr>
///     +++ What counts as bulky waste ⏎⏎ … ⏎⏎ +++        details (a disclosure people open)
///
/// Each becomes a custom block or inline around cmark's own nodes, so the text inside is
/// still rendered (and escaped) by cmark and keeps its source positions.
struct CouncilBlocks {
    var rewriteURL: @Sendable (String) -> String
    private(set) var abbreviations: [String: String] = [:]

    init(rewriteURL: @escaping @Sendable (String) -> String) {
        self.rewriteURL = rewriteURL
    }

    static func escape(_ text: String) -> String { escapeMarkup(text) }

    mutating func apply(to root: OpaquePointer) {
        // Disclosures first: they free their marker paragraphs, which must not be collected below.
        makeDetails(root)
        var paragraphs: [OpaquePointer] = [], quotes: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_PARAGRAPH { paragraphs.append(node) }
            if type == CMARK_NODE_BLOCK_QUOTE { quotes.append(node) }
        }
        cmark_iter_free(iterator)

        var removed: Set<OpaquePointer> = []
        for paragraph in paragraphs where collectAbbreviations(paragraph) {
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
            removed.insert(paragraph)
        }
        paragraphs = paragraphs.filter { !removed.contains($0) }
        for quote in quotes { convertAlert(quote) }
        var index = 0
        while index < paragraphs.count {
            let paragraph = paragraphs[index]
            index += 1
            if stepNumber(paragraph) != nil {
                index += makeSteps(starting: paragraph, candidates: Array(paragraphs[index...]))
                continue
            }
            wrapDelimited(paragraph)
        }
        if !abbreviations.isEmpty { markAbbreviations(root) }
    }

    // MARK: components

    static let informationEnter = "<div class=\"ps-callout ps-callout--information\" role=\"note\" aria-label=\"Information\">\n"
    static func warningEnter(_ label: String) -> String {
        "<div class=\"ps-warning-text\" role=\"note\" aria-label=\"\(label)\"><span class=\"ps-warning-text__icon\" aria-hidden=\"true\">!</span><div class=\"ps-warning-text__text\"><span class=\"ps-visually-hidden\">\(label): </span>\n"
    }

    func wrapDelimited(_ paragraph: OpaquePointer) {
        // Every component below starts with "^", "%", "$" or "{".
        guard let initial = CouncilBlocks.firstLiteralByte(cmark_node_first_child(paragraph)),
            initial == UInt8(ascii: "^") || initial == UInt8(ascii: "%") || initial == UInt8(ascii: "$") || initial == UInt8(ascii: "{"),
            let first = CouncilBlocks.literal(cmark_node_first_child(paragraph))
        else { return }
        let last = CouncilBlocks.literal(cmark_node_last_child(paragraph)) ?? ""
        func delimited(_ open: String, _ close: String) -> Bool {
            first.hasPrefix(open) && last.hasSuffix(close)
                && (cmark_node_first_child(paragraph) != cmark_node_last_child(paragraph) || first.count >= open.count + close.count + 1)
        }
        if delimited("^", "^") {
            CouncilBlocks.trim(paragraph, prefix: "^", suffix: "^")
            CouncilBlocks.wrap(paragraph, CouncilBlocks.informationEnter, "</div>\n")
        } else if delimited("%", "%") {
            CouncilBlocks.trim(paragraph, prefix: "%", suffix: "%")
            CouncilBlocks.wrap(paragraph, CouncilBlocks.warningEnter("Warning"), "</div></div>\n")
        } else if delimited("$C", "$C") {
            CouncilBlocks.trim(paragraph, prefix: "$C", suffix: "$C")
            CouncilBlocks.dropLeadingBreak(paragraph)
            CouncilBlocks.keepLines(paragraph)
            CouncilBlocks.wrap(paragraph, "<div class=\"ps-contact-card\">\n", "</div>\n")
        } else if first.hasPrefix("$L "), last.hasSuffix("$L"), let code = CouncilBlocks.languageCode(first) {
            // A passage in another language: "$L cy ⏎ Croeso ⏎ $L".
            CouncilBlocks.trim(paragraph, prefix: "$L " + code, suffix: "$L")
            CouncilBlocks.dropLeadingBreak(paragraph)
            CouncilBlocks.wrap(paragraph, "<div class=\"ps-passage\" lang=\"\(code)\">\n", "</div>\n")
        } else if delimited("$E", "$E") {
            CouncilBlocks.trim(paragraph, prefix: "$E", suffix: "$E")
            CouncilBlocks.dropLeadingBreak(paragraph)
            CouncilBlocks.wrap(paragraph, "<div class=\"ps-inset-text\">\n", "</div>\n")
        } else if delimited("$A", "$A") {
            CouncilBlocks.trim(paragraph, prefix: "$A", suffix: "$A")
            CouncilBlocks.dropLeadingBreak(paragraph)
            CouncilBlocks.keepLines(paragraph)
            CouncilBlocks.wrap(paragraph, "<div class=\"ps-address\">\n", "</div>\n")
        } else if first.hasPrefix("{button"), last.hasSuffix("{/button}") {
            makeButton(paragraph, options: String(first.dropFirst("{button".count).prefix { $0 != "}" }))
        }
    }

    /// The language code after "$L ": letters and hyphens only ("cy", "pl", "zh-Hans").
    static func languageCode(_ text: String) -> String? {
        let code = text.dropFirst(3).prefix { $0.isLetter || $0 == "-" }
        return code.count >= 2 && code.count <= 12 ? String(code) : nil
    }

    /// After "$C" on its own line the paragraph starts with a line break: drop it.
    static func dropLeadingBreak(_ paragraph: OpaquePointer) {
        while let first = cmark_node_first_child(paragraph) {
            let type = cmark_node_get_type(first)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK || (type == CMARK_NODE_TEXT && (literal(first) ?? "").isEmpty) {
                cmark_node_unlink(first)
                cmark_node_free(first)
            } else {
                break
            }
        }
        while let last = cmark_node_last_child(paragraph) {
            let type = cmark_node_get_type(last)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK || (type == CMARK_NODE_TEXT && (literal(last) ?? "").isEmpty) {
                cmark_node_unlink(last)
                cmark_node_free(last)
            } else {
                break
            }
        }
    }

    func makeButton(_ paragraph: OpaquePointer, options: String) {
        var link: OpaquePointer?
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_LINK { link = node }
            child = cmark_node_next(node)
        }
        guard let link, let url = cmark_node_get_url(link) else { return }
        var text = ""
        var inner = cmark_node_first_child(link)
        while let node = inner {
            text += CouncilBlocks.literal(node) ?? ""
            inner = cmark_node_next(node)
        }
        let isStart = options.contains("start")
        let icon =
            isStart
            ? "<svg class=\"ps-button__start-icon\" xmlns=\"http://www.w3.org/2000/svg\" width=\"17.5\" height=\"19\" viewBox=\"0 0 33 40\" aria-hidden=\"true\" focusable=\"false\"><path fill=\"currentColor\" d=\"M0 0h13l20 20-20 20H0l20-20z\"/></svg>"
            : ""
        let html =
            "<p class=\"ps-button-group\"><a href=\"\(CouncilBlocks.escape(String(cString: url)))\" class=\"ps-button\(isStart ? " ps-button--start" : "")\" draggable=\"false\">\(CouncilBlocks.escape(text))\(icon)</a></p>\n"
        let block = CouncilBlocks.customBlock(html, "")
        cmark_node_replace(paragraph, block)
        cmark_node_free(paragraph)
    }

    func stepNumber(_ paragraph: OpaquePointer) -> Int? {
        guard CouncilBlocks.firstLiteralByte(cmark_node_first_child(paragraph)) == UInt8(ascii: "s"),
            let text = CouncilBlocks.literal(cmark_node_first_child(paragraph)), text.first == "s"
        else { return nil }
        let digits = text.dropFirst().prefix { $0.isNumber }
        guard !digits.isEmpty, text.dropFirst(1 + digits.count).hasPrefix(". ") else { return nil }
        return Int(digits)
    }

    /// Turns "s1. …" paragraphs (one per line or one per paragraph) into a numbered list of steps.
    /// Returns how many of the following candidates it used.
    func makeSteps(starting first: OpaquePointer, candidates: [OpaquePointer]) -> Int {
        var steps: [OpaquePointer] = splitSteps(first)
        var used = 0
        var next = cmark_node_next(steps.last!)
        for candidate in candidates {
            guard candidate == next, stepNumber(candidate) != nil else { break }
            steps += splitSteps(candidate)
            next = cmark_node_next(steps.last!)
            used += 1
        }
        let list = CouncilBlocks.customBlock("<ol class=\"ps-steps\">\n", "</ol>\n")
        cmark_node_insert_before(first, list)
        for step in steps {
            if let text = CouncilBlocks.literal(cmark_node_first_child(step)), let number = text.firstIndex(of: ".") {
                cmark_node_set_literal(cmark_node_first_child(step), String(text[text.index(after: number)...]).drop { $0 == " " }.description)
            }
            let item = CouncilBlocks.customBlock("<li class=\"ps-steps__item\">\n", "</li>\n")
            cmark_node_append_child(list, item)
            cmark_node_unlink(step)
            cmark_node_append_child(item, step)
        }
        return used
    }

    /// A paragraph "s1. a ⏎ s2. b" is split into one paragraph per step.
    func splitSteps(_ paragraph: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = [paragraph]
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            child = cmark_node_next(node)
            guard cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK, let following = child,
                let text = CouncilBlocks.literal(following), text.first == "s",
                text.dropFirst().prefix(while: \.isNumber).count > 0
            else { continue }
            let newParagraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            cmark_node_insert_after(result.last!, newParagraph)
            var move: OpaquePointer? = following
            while let moving = move {
                move = cmark_node_next(moving)
                cmark_node_unlink(moving)
                cmark_node_append_child(newParagraph, moving)
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
            result.append(newParagraph)
            child = cmark_node_first_child(newParagraph).flatMap { cmark_node_next($0) }
        }
        return result
    }

    /// A paragraph "+++ Summary" opens a disclosure and a paragraph "+++" closes it; the blocks
    /// between are its content.
    func makeDetails(_ root: OpaquePointer) {
        func marker(_ node: OpaquePointer?) -> String? {
            guard let node, cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH, let only = cmark_node_first_child(node),
                cmark_node_next(only) == nil, CouncilBlocks.firstLiteralByte(only) == UInt8(ascii: "+"),
                let text = CouncilBlocks.literal(only), text.hasPrefix("+++")
            else { return nil }
            return String(text.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        }
        var child = cmark_node_first_child(root)
        while let node = child {
            child = cmark_node_next(node)
            guard let summary = marker(node), !summary.isEmpty else { continue }
            var end = cmark_node_next(node)
            while let candidate = end, marker(candidate) != "" { end = cmark_node_next(candidate) }
            guard let closing = end else { continue }
            let block = CouncilBlocks.customBlock(
                "<details class=\"ps-details\"><summary class=\"ps-details__summary\"><span class=\"ps-details__summary-text\">\(CouncilBlocks.escape(summary))</span></summary><div class=\"ps-details__text\">\n",
                "</div></details>\n")
            cmark_node_insert_before(node, block)
            var inner = cmark_node_next(node)
            while let moving = inner, moving != closing {
                inner = cmark_node_next(moving)
                cmark_node_unlink(moving)
                cmark_node_append_child(block, moving)
            }
            child = cmark_node_next(closing)
            cmark_node_unlink(node); cmark_node_free(node)
            cmark_node_unlink(closing); cmark_node_free(closing)
        }
    }

    mutating func convertAlert(_ quote: OpaquePointer) {
        guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let first = cmark_node_first_child(paragraph), let text = CouncilBlocks.literal(first)
        else { return }
        let kinds = ["[!NOTE]": "Note", "[!TIP]": "Tip", "[!IMPORTANT]": "Important", "[!WARNING]": "Warning", "[!CAUTION]": "Caution"]
        guard let (marker, label) = kinds.first(where: { text.uppercased().hasPrefix($0.key) }) else { return }
        let rest = String(text.dropFirst(marker.count)).drop { $0 == " " }
        cmark_node_set_literal(first, String(rest))
        if rest.isEmpty, let next = cmark_node_next(first), cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK {
            cmark_node_unlink(first); cmark_node_free(first)
            cmark_node_unlink(next); cmark_node_free(next)
        }
        if cmark_node_first_child(paragraph) == nil { cmark_node_unlink(paragraph); cmark_node_free(paragraph) }
        let isWarning = label == "Warning" || label == "Caution"
        let block =
            isWarning
            ? CouncilBlocks.customBlock(CouncilBlocks.warningEnter(label), "</div></div>\n")
            : CouncilBlocks.customBlock("<div class=\"ps-callout ps-callout--information\" role=\"note\" aria-label=\"\(label)\">\n", "</div>\n")
        cmark_node_insert_before(quote, block)
        while let child = cmark_node_first_child(quote) {
            cmark_node_unlink(child)
            cmark_node_append_child(block, child)
        }
        cmark_node_unlink(quote)
        cmark_node_free(quote)
    }

    /// Reads `*[PCN]: penalty charge notice` lines. True when the paragraph holds only definitions.
    mutating func collectAbbreviations(_ paragraph: OpaquePointer) -> Bool {
        // The first line must start "*[": a paragraph that does not start with text, or whose first
        // text starts with another byte, is ruled out without making Strings of its text.
        guard let firstChild = cmark_node_first_child(paragraph), cmark_node_get_type(firstChild) == CMARK_NODE_TEXT else { return false }
        if let initial = CouncilBlocks.firstLiteralByte(firstChild), initial != 0, initial != UInt8(ascii: "*") { return false }
        var lines: [String] = [""]
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT: lines[lines.count - 1] += CouncilBlocks.literal(node) ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: lines.append("")
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_CODE: return false
            default: return false
            }
            child = cmark_node_next(node)
        }
        var found: [String: String] = [:]
        for line in lines {
            guard line.hasPrefix("*["), let close = line.range(of: "]:") else { return false }
            let abbreviation = String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound])
            let expansion = line[close.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !abbreviation.isEmpty, !expansion.isEmpty else { return false }
            found[abbreviation] = expansion
        }
        abbreviations.merge(found) { $1 }
        return true
    }

    /// Wraps each abbreviation in running text in <abbr title="…">.
    func markAbbreviations(_ root: OpaquePointer) {
        var texts: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_TEXT { texts.append(node) }
        }
        cmark_iter_free(iterator)
        for node in texts {
            guard let text = CouncilBlocks.literal(node) else { continue }
            var pieces: [(String, String?)] = []  // (text, expansion when an abbreviation)
            var current = ""
            var word = ""
            func flushWord() {
                if let expansion = abbreviations[word] {
                    if !current.isEmpty { pieces.append((current, nil)) }
                    pieces.append((word, expansion))
                    current = ""
                } else {
                    current += word
                }
                word = ""
            }
            for character in text {
                if character.isLetter || character.isNumber { word.append(character) } else { flushWord(); current.append(character) }
            }
            flushWord()
            if !current.isEmpty { pieces.append((current, nil)) }
            guard pieces.contains(where: { $0.1 != nil }) else { continue }
            for (piece, expansion) in pieces {
                if let expansion {
                    let abbr = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
                    cmark_node_set_on_enter(abbr, "<abbr title=\"\(CouncilBlocks.escape(expansion))\">")
                    cmark_node_set_on_exit(abbr, "</abbr>")
                    let inner = cmark_node_new(CMARK_NODE_TEXT)!
                    cmark_node_set_literal(inner, piece)
                    cmark_node_append_child(abbr, inner)
                    cmark_node_insert_before(node, abbr)
                } else {
                    let plain = cmark_node_new(CMARK_NODE_TEXT)!
                    cmark_node_set_literal(plain, piece)
                    cmark_node_insert_before(node, plain)
                }
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }
}
