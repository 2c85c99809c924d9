import CCmarkGFM
import Foundation

/// cmark-gfm node helpers of the council components: reading a text node, making and wrapping
/// custom blocks, trimming a paragraph's markers.
extension CouncilBlocks {
    static func literal(_ node: OpaquePointer?) -> String? {
        guard let node, cmark_node_get_type(node) == CMARK_NODE_TEXT, let text = cmark_node_get_literal(node) else { return nil }
        return String(cString: text)
    }

    /// The first byte of a text node's literal (0 when it is empty); nil when the node is not
    /// text or has no literal, as for `literal`. Lets a paragraph be ruled out without making
    /// a String of its text.
    static func firstLiteralByte(_ node: OpaquePointer?) -> UInt8? {
        guard let node, cmark_node_get_type(node) == CMARK_NODE_TEXT, let text = cmark_node_get_literal(node) else { return nil }
        return UInt8(bitPattern: text.pointee)
    }

    static func customBlock(_ enter: String, _ exit: String) -> OpaquePointer {
        let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(block, enter)
        cmark_node_set_on_exit(block, exit)
        return block
    }

    /// Puts `node` inside a new custom block in its place.
    static func wrap(_ node: OpaquePointer, _ enter: String, _ exit: String) {
        let block = customBlock(enter, exit)
        cmark_node_insert_before(node, block)
        cmark_node_unlink(node)
        cmark_node_append_child(block, node)
    }

    /// Removes `prefix` from the first text node and `suffix` from the last one.
    static func trim(_ paragraph: OpaquePointer, prefix: String, suffix: String) {
        if let first = cmark_node_first_child(paragraph), let text = literal(first) {
            cmark_node_set_literal(first, String(text.dropFirst(prefix.count)).drop { $0 == " " }.description)
        }
        if let last = cmark_node_last_child(paragraph), let text = literal(last) {
            var trimmed = String(text.dropLast(suffix.count))
            while trimmed.last == " " { trimmed.removeLast() }
            cmark_node_set_literal(last, trimmed)
        }
    }

    /// Soft line breaks become line breaks, for addresses and contact details.
    static func keepLines(_ paragraph: OpaquePointer) {
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            child = cmark_node_next(node)
            if cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK, let lineBreak = cmark_node_new(CMARK_NODE_LINEBREAK) {
                cmark_node_replace(node, lineBreak)
                cmark_node_free(node)
            }
        }
    }
}
