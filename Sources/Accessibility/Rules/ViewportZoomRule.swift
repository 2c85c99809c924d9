import Foundation
import HTML

/// People with low vision zoom pages: the viewport must not stop them.
struct ViewportZoomRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/viewport-zoom", name: "Zoom allowed", summary: "The viewport meta tag does not disable zoom (user-scalable=no or maximum-scale below 2).",
            criterion: "1.4.4 Resize Text", technique: "F77",
            passes: ["<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"],
            fails: [
                "↓<meta name=\"viewport\" content=\"width=device-width, user-scalable=no\">",
                "↓<meta name=\"viewport\" content=\"width=device-width, maximum-scale=1.0\">",
            ])
    }

    /// The text without its spaces (on bytes for ASCII).
    static func withoutSpaces(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.replacingOccurrences(of: " ", with: "") }
        return String(decoding: text.utf8.filter { $0 != 0x20 }, as: UTF8.self)
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for meta in page.elements(named: ["meta"]) where meta.attribute("name")?.lowercased() == "viewport" {
            let content = ViewportZoomRule.withoutSpaces((meta.attribute("content") ?? "").lowercased())
            var blocks = false
            for setting in content.split(whereSeparator: { $0 == "," || $0 == ";" }) {
                let pair = setting.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                if pair[0] == "user-scalable", pair[1] == "no" || pair[1] == "0" { blocks = true }
                if pair[0] == "maximum-scale", let scale = Double(pair[1]), scale < 2 { blocks = true }
            }
            if blocks {
                findings.append(
                    finding(
                        meta, "The viewport stops people zooming the page.",
                        "Use content=\"width=device-width, initial-scale=1\" without user-scalable or maximum-scale."))
            }
        }
    }
}
