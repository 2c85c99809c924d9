import HTML

/// A positive tabindex breaks the keyboard order people expect.
struct TabindexRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/tabindex", name: "No positive tabindex", summary: "No element has a tabindex above 0.",
            criterion: "2.4.3 Focus Order", technique: "F44",
            passes: ["<div tabindex=\"-1\">Message</div>", "<span tabindex=\"0\" role=\"button\">Open</span>"],
            fails: ["↓<a href=\"/pay/\" tabindex=\"3\">Pay</a>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for element in page.elements {
            guard let value = element.attribute("tabindex").flatMap({ Int($0.trimmed) }), value > 0 else { continue }
            findings.append(finding(element, "tabindex=\"\(value)\" changes the order keyboard users move through the page.", "Remove the tabindex, or use 0."))
        }
    }
}
