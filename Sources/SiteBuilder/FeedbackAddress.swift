import Diagnostics
import Markdown

/// The council theme's "report a problem with this page" link emails `council.email` from
/// `content/_data/council.yml`; without it the link is left out, and this warning says why.
enum FeedbackAddress {
    static let rule = "data/feedback-email"

    /// A warning when the site's feedback template uses `data.council.email` and the shared data has no such address.
    static func missing(theme: Theme, data: DataValue) -> Diagnostic? {
        guard let file = theme.sources["partials/feedback"], let text = theme.texts[file], text.contains("data.council.email") else { return nil }
        if let value = data.lookup("council.email"), !value.inlineText.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        return Diagnostic(
            rule: rule, severity: .warning, file: "content/_data/council.yml", line: 1,
            message: "There is no 'email' in content/_data/council.yml, so pages are published without the link to report a problem with the page.",
            suggestion: "Add the address that should get these reports, for example: email: webteam@your-council.gov.uk")
    }
}
