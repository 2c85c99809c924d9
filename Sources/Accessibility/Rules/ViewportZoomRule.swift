import Foundation
import HTML

/// People with low vision zoom pages: the viewport must not stop them.
struct ViewportZoomRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/viewport-zoom", name: "Zoom allowed", summary: "The viewport meta tag does not disable zoom (user-scalable=no or maximum-scale below 2).",
            criterion: "1.4.4 Resize Text", technique: "F77",
            passes: ["<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"],
            fails: ["↓<meta name=\"viewport\" content=\"width=device-width, user-scalable=no\">",
                    "↓<meta name=\"viewport\" content=\"width=device-width, maximum-scale=1.0\">"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for meta in page.elements(named: ["meta"]) where meta.attribute("name")?.lowercased() == "viewport" {
            let content = (meta.attribute("content") ?? "").lowercased().replacingOccurrences(of: " ", with: "")
            var blocks = false
            for setting in content.split(whereSeparator: { $0 == "," || $0 == ";" }) {
                let pair = setting.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                if pair[0] == "user-scalable", pair[1] == "no" || pair[1] == "0" { blocks = true }
                if pair[0] == "maximum-scale", let scale = Double(pair[1]), scale < 2 { blocks = true }
            }
            if blocks {
                findings.append(finding(meta, "The viewport stops people zooming the page.", "Use content=\"width=device-width, initial-scale=1\" without user-scalable or maximum-scale."))
            }
        }
    }
}
