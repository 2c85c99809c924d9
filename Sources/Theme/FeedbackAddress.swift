import Diagnostics
import Markdown

/// The council theme's "report a problem with this page" link emails `council.email` from
/// `content/_data/council.yml`; without it the link is left out, and this warning says why.
public enum FeedbackAddress {
    static let rule = "data/feedback-email"

    /// `council.email` from the shared data, or nil when it is missing or empty (`site.feedback_email` in templates).
    public static func address(in data: DataValue) -> String? {
        guard let text = data.lookup("council.email")?.inlineText.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    /// A warning when the site's feedback template uses the address and the shared data has none.
    public static func missing(theme: Theme, data: DataValue) -> Diagnostic? {
        guard let file = theme.sources["partials/feedback"], let text = theme.texts[file],
            text.contains("site.feedback_email") || text.contains("data.council.email")
        else { return nil }
        if address(in: data) != nil { return nil }
        return Diagnostic(
            rule: rule, severity: .warning, file: "content/_data/council.yml", line: 1,
            message: "There is no 'email' address in content/_data/council.yml, so pages are published without the link to report a problem with the page.",
            suggestion: "Add the address that should get these reports, for example: email: webteam@your-council.gov.uk")
    }
}
