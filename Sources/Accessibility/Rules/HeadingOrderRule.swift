import HTML

/// Headings are how screen reader users move around a page; a skipped level looks like a missing section.
struct HeadingOrderRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/heading-order", name: "No skipped heading levels", summary: "Heading levels go down one at a time (an <h2> before any <h3>).",
            criterion: "1.3.1 Info and Relationships", technique: "G141",
            passes: ["<h2>Pay</h2><h3>Online</h3><h2>Help</h2><h3>Call</h3>"],
            fails: ["↓<h3>Online</h3>", "<h2>Pay</h2>↓<h4>Online</h4>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        var previous = 0
        for heading in page.elements(named: ["h1", "h2", "h3", "h4", "h5", "h6"]) {
            let level = Int(String(heading.name.dropFirst())) ?? 1
            if previous > 0, level > previous + 1 {
                findings.append(
                    finding(
                        heading, "This level \(level) heading comes after a level \(previous) heading, skipping a level.",
                        "Use a level \(previous + 1) heading ('\(String(repeating: "#", count: previous + 1)) ') here."))
            }
            previous = level
        }
    }
}
