import Markdown
import Mustache

/// swift-mustache escapes HTML character by character, and to Swift a quote followed by a
/// combining accent (`"\u{301}`) is one character that is not a quote: a title holding one would
/// end an attribute and could add an event handler. Every template the library reads starts by
/// choosing this content type, which escapes by code point, as `CompiledTemplates` does.
struct ScalarHTMLEscaping: MustacheContentType {
    static let name = "PLAINSITE_HTML"
    /// Put before each template's text, on a line of its own: a standalone tag, it writes nothing.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    /// Registered once, before any template that names it is read.
    private static let registered: Bool = {
        MustacheContentTypes.register(ScalarHTMLEscaping(), named: name)
        return true
    }()

    static func prefixed(_ text: String) -> String {
        _ = registered
        return pragma + text
    }

    func escapeText(_ text: String) -> String { escapeMarkup(text) }
}
