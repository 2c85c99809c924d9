import Foundation
import HTML

/// People need to know a link opens a PDF or Office file, and how big it is, before they follow it.
struct DocumentLinkRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/document-link", name: "Links to files say format and size", summary: "A link to a PDF or Office file says its format and size, such as 'PDF, 240KB'.",
            criterion: "2.4.4 Link Purpose (In Context)", technique: "G197", severity: .warning,
            passes: ["<a href=\"/files/budget.pdf\">Budget 2027 (PDF, 240KB)</a>"],
            fails: ["↓<a href=\"/files/budget.pdf\">Budget 2027</a>", "↓<a href=\"/files/form.docx\">Application form (Word)</a>"])
    }

    static let formats = ["pdf": "PDF", "doc": "Word", "docx": "Word", "xls": "Excel", "xlsx": "Excel", "ppt": "PowerPoint",
                          "pptx": "PowerPoint", "odt": "ODT", "ods": "ODS", "csv": "CSV", "rtf": "RTF"]

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for link in page.elements(named: ["a"]) {
            guard let href = link.attribute("href")?.lowercased() else { continue }
            let path = href.split(separator: "?").first.map(String.init) ?? href
            guard let ext = path.split(separator: ".").last.map(String.init), path.contains("."), let format = DocumentLinkRule.formats[ext] else { continue }
            let text = page.accessibleName(link).lowercased()
            let saysFormat = text.contains(format.lowercased()) || text.contains(ext)
            let saysSize = text.range(of: #"\d+(\.\d+)?\s*(kb|mb|gb|bytes)"#, options: .regularExpression) != nil
            if !(saysFormat && saysSize) {
                findings.append(finding(link, "This link opens a \(format) file but does not say \(saysFormat ? "how big it is" : "its format and size").",
                                        "Add the format and size to the link text, for example '(\(format), 240KB)'."))
            }
        }
    }
}
