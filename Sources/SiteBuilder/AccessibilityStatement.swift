import Accessibility
import Diagnostics
import Foundation
import Markdown
import Yams

/// Facts for a site's accessibility statement that only a person can give, from
/// `accessibility_statement:` in plainsite.yml.
public struct StatementSettings: Sendable {
    public var contactEmail: String?
    public var contactPhone: String?
    public var responseDays = 5
    public var lastTested: SimpleDate?
    public var testedBy: String?
    public var prepared: SimpleDate?
    public var reviewed: SimpleDate?
    public var line = 1
    /// Whether reserved example values (`.example` addresses, drama phone numbers) are warned about.
    var warnsOfExamples = true
    /// Dates still written as `[Replace: …]` placeholders, by key: published as they stand, with a warning.
    var placeholderDates: [String: String] = [:]

    static let keys = ["contact_email", "contact_phone", "response_days", "last_tested", "tested_by", "prepared", "reviewed"]
    /// The facts the statement cannot be published without.
    static let required = ["contact_email", "last_tested", "tested_by", "prepared"]

    public init() {}

    mutating func read(_ node: Node, fields parent: inout YAMLFields) {
        guard let mapping = node.mapping else {
            parent.typeError("accessibility_statement", expected: "a group of settings", example: "{ tested_by: Our digital team }", rule: "config/type")
            return
        }
        var fields = YAMLFields(mapping: mapping, file: parent.file, lineOffset: 0)
        fields.warnUnknownKeys(known: StatementSettings.keys, rule: "config/unknown-key", severity: .error)
        let rule = "config/type"
        line = node.mark?.line ?? line
        if let value = fields.string("contact_email", rule: rule, example: "accessibility@example.gov.uk") { contactEmail = value }
        if let value = fields.string("contact_phone", rule: rule, example: "01632 960000") { contactPhone = value }
        if let value = fields.int("response_days", rule: rule, example: "5") { responseDays = value }
        for key in ["last_tested", "prepared", "reviewed"] { readPlaceholder(key, fields) }
        if placeholderDates["last_tested"] == nil, let value = fields.date("last_tested", rule: rule) { lastTested = value }
        if let value = fields.string("tested_by", rule: rule, example: "our digital team") { testedBy = value }
        if placeholderDates["prepared"] == nil, let value = fields.date("prepared", rule: rule) { prepared = value }
        if placeholderDates["reviewed"] == nil, let value = fields.date("reviewed", rule: rule) { reviewed = value }
        if warnsOfExamples { warnOfExamples(&fields) }
        for diagnostic in fields.diagnostics { parent.append(diagnostic) }
    }

    /// A date written as a `[Replace: …]` placeholder (warned about as one) stands in for the date until it is replaced.
    mutating func readPlaceholder(_ key: String, _ fields: YAMLFields) {
        guard let text = fields.node(key)?.scalar?.string, text.lowercased().hasPrefix("[replace:") else { return }
        placeholderDates[key] = text
    }

    /// A warning for each contact fact that is still a reserved example value.
    func warnOfExamples(_ fields: inout YAMLFields) {
        for (key, value) in [("contact_email", contactEmail), ("contact_phone", contactPhone)] {
            guard let value, fields.node(key) != nil else { continue }
            for example in Placeholders.exampleValues(in: value) {
                fields.append(
                    Diagnostic(
                        rule: Placeholders.exampleRule, severity: .warning, file: fields.file, line: fields.line(of: key),
                        column: fields.column(of: key),
                        message: "'\(key)' under 'accessibility_statement' is '\(example.text)', \(example.kind) kept for examples, so nobody could use it.",
                        suggestion: "Write the address or number people should use to report an accessibility problem."))
            }
        }
    }

    /// The required facts that are missing.
    var missing: [String] {
        var names: [String] = []
        if contactEmail == nil { names.append("contact_email") }
        if lastTested == nil && placeholderDates["last_tested"] == nil { names.append("last_tested") }
        if testedBy == nil { names.append("tested_by") }
        if prepared == nil && placeholderDates["prepared"] == nil { names.append("prepared") }
        return names
    }
}

/// The accessibility statement of a site, in the structure of GOV.UK's sample statement for
/// the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
/// Regulations 2018. Known problems come from this build's own findings; the wording lives in
/// the theme's `accessibility-statement` component template.
struct AccessibilityStatement {
    let site: SiteConfiguration
    let organisation: String
    let settings: StatementSettings
    /// Advisory accessibility findings on the site's pages that this build published.
    let problems: [Diagnostic]
    /// Documents linked without an HTML alternative.
    var documents: [NonAccessibleDocument] = []

    func diagnostics(file: String) -> [Diagnostic] {
        guard !settings.missing.isEmpty else { return [] }
        return [
            Diagnostic(
                rule: "config/accessibility-statement", severity: .error, file: file, line: settings.line,
                message: "The accessibility statement of site '\(site.id)' needs facts only a person can give: \(settings.missing.joined(separator: ", ")).",
                suggestion: "Add them under 'accessibility_statement:' in \(file), for example: tested_by: Kestrelford City Council digital team")
        ]
    }

    var context: [String: Any] {
        var problemItems: [[String: Any]] = []
        var seen: Set<String> = []
        for problem in problems.sorted(by: { ($0.file, $0.line) < ($1.file, $1.line) }) {
            let text = problem.message
            guard seen.insert(text + problem.file).inserted else { continue }
            problemItems.append(["text": text, "where": problem.file])
        }
        var values: [String: Any] = [
            "organisation": organisation,
            "site_title": site.title,
            "site_url": site.baseURL,
            "response_days": settings.responseDays,
            "compliant": problemItems.isEmpty && documents.isEmpty,
            "partially_compliant": !problemItems.isEmpty || !documents.isEmpty,
            "problems": problemItems,
            "has_problems": !problemItems.isEmpty,
            "documents": documents.sorted { ($0.file, $0.page) < ($1.file, $1.page) }.map { document -> [String: Any] in
                var item: [String: Any] = ["file": document.file, "page": document.page]
                if let reason = document.reason { item["reason"] = reason }
                return item
            },
            "has_documents": !documents.isEmpty,
        ]
        if let email = settings.contactEmail { values["contact_email"] = email }
        if let phone = settings.contactPhone { values["contact_phone"] = phone }
        if let date = settings.lastTested { values["last_tested"] = date.longForm }
        if let testedBy = settings.testedBy { values["tested_by"] = testedBy }
        if let date = settings.prepared { values["prepared"] = date.longForm }
        if let date = settings.reviewed { values["reviewed"] = date.longForm }
        for (key, text) in settings.placeholderDates { values[key] = text }
        return values
    }
}

/// A document linked from a page with no HTML alternative.
struct NonAccessibleDocument: Sendable {
    var file: String
    var page: String
    var reason: String?
}
