import HTML

/// One main heading tells people what the page is about.
struct HeadingOneRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/heading-one", name: "One main heading", summary: "The page has exactly one <h1>.",
            criterion: "1.3.1 Info and Relationships", technique: "G141",
            passes: ["<h2>Section</h2>"],
            fails: ["↓<h1>Another title</h1>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        let headings = page.elements(named: ["h1"])
        if headings.isEmpty {
            findings.append(finding(page.document.root, "The page has no level 1 heading.", "Give the page a title: the theme shows it as the <h1>."))
        }
        for extra in headings.dropFirst() {
            findings.append(
                finding(
                    extra, "The page has more than one level 1 heading.",
                    "Use '##' (a level 2 heading) for sections; the page title is the only level 1 heading."))
        }
    }
}
