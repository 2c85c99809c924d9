import HTML

/// An element presented as an image (role="img", an <svg> with that role) needs a text alternative.
struct ImageRoleNameRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/role-img-name", name: "Images made by role have a name",
            summary: "Elements with role=\"img\" have an aria-label, aria-labelledby or (for SVG) a <title>.",
            criterion: "1.1.1 Non-text Content", technique: "ARIA6",
            passes: [
                "<svg role=\"img\" aria-label=\"Map of the city\"></svg>", "<svg role=\"img\"><title>Map of the city</title></svg>",
                "<svg aria-hidden=\"true\"></svg>",
            ],
            fails: ["↓<svg role=\"img\"></svg>", "↓<div role=\"img\"></div>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for element in page.elements where element.attribute("role")?.lowercased() == "img" && element.attribute("aria-hidden") != "true" {
            if page.accessibleName(element).isEmpty {
                findings.append(
                    finding(
                        element, "This element is shown as an image but has no text alternative.",
                        "Add aria-label=\"…\" describing it, or aria-hidden=\"true\" if it is decoration."))
            }
        }
    }
}
