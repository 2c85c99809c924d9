import Accessibility
import Diagnostics
import Foundation
import Markdown
import PageBuild
import Project
import Support
import Theme

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

    var context: TemplateContext {
        var problemItems: [TemplateValue] = []
        var seen: Set<String> = []
        for problem in problems.sorted(by: { ($0.file, $0.line) < ($1.file, $1.line) }) {
            let text = problem.message
            guard seen.insert(text + problem.file).inserted else { continue }
            problemItems.append(["text": .text(text), "where": .text(problem.file)])
        }
        var values: TemplateContext = [
            "organisation": .text(organisation),
            "site_title": .text(site.title),
            "site_url": .text(site.baseURL),
            "response_days": .int(settings.responseDays),
            "compliant": .bool(problemItems.isEmpty && documents.isEmpty),
            "partially_compliant": .bool(!problemItems.isEmpty || !documents.isEmpty),
            "problems": .list(problemItems),
            "has_problems": .bool(!problemItems.isEmpty),
            "documents": .list(
                documents.sorted { ($0.file, $0.page) < ($1.file, $1.page) }.map { document in
                    var item: TemplateContext = ["file": .text(document.file), "page": .text(document.page)]
                    if let reason = document.reason { item["reason"] = .text(reason) }
                    return .object(item)
                }),
            "has_documents": .bool(!documents.isEmpty),
        ]
        if let email = settings.contactEmail { values["contact_email"] = .text(email) }
        if let phone = settings.contactPhone { values["contact_phone"] = .text(phone) }
        if let date = settings.lastTested { values["last_tested"] = .text(date.longForm) }
        if let testedBy = settings.testedBy { values["tested_by"] = .text(testedBy) }
        if let date = settings.prepared { values["prepared"] = .text(date.longForm) }
        if let date = settings.reviewed { values["reviewed"] = .text(date.longForm) }
        for (key, text) in settings.placeholderDates { values[key] = .text(text) }
        return values
    }
}
