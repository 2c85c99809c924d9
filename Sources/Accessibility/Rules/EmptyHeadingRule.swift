import HTML

/// An empty heading is announced as a heading with nothing in it.
struct EmptyHeadingRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/empty-heading", name: "No empty headings", summary: "Every heading has text.",
            criterion: "2.4.6 Headings and Labels", technique: "F43",
            passes: ["<h2>Pay online</h2>", "<h2><img src=\"a.png\" alt=\"Pay online\"></h2>"],
            fails: ["↓<h2> </h2>", "↓<h3><span></span></h3>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for heading in page.elements(named: ["h1", "h2", "h3", "h4", "h5", "h6"]) where page.accessibleName(heading).isEmpty {
            findings.append(finding(heading, "This heading is empty.", "Write the heading's words after the '#' marks, or remove the heading."))
        }
    }
}
