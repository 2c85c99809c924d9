import HTML

/// A misspelt aria- attribute does nothing, so the element is not described as intended.
struct AriaAttributeRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/aria-attribute", name: "Known ARIA attributes",
            summary: "Every aria- attribute is one WAI-ARIA 1.2 defines, and aria-hidden is never on <body>.",
            criterion: "4.1.2 Name, Role, Value", technique: "ARIA",
            passes: ["<button type=\"button\" aria-expanded=\"false\" aria-controls=\"main\">Menu</button>"],
            fails: ["↓<button type=\"button\" aria-expand=\"false\">Menu</button>", "↓<nav aria-lable=\"Main\"></nav>"])
    }

    static let attributes: Set<String> = [
        "aria-activedescendant", "aria-atomic", "aria-autocomplete", "aria-braillelabel", "aria-brailleroledescription", "aria-busy",
        "aria-checked", "aria-colcount", "aria-colindex", "aria-colindextext", "aria-colspan", "aria-controls", "aria-current",
        "aria-describedby", "aria-description", "aria-details", "aria-disabled", "aria-dropeffect", "aria-errormessage",
        "aria-expanded", "aria-flowto", "aria-grabbed", "aria-haspopup", "aria-hidden", "aria-invalid", "aria-keyshortcuts",
        "aria-label", "aria-labelledby", "aria-level", "aria-live", "aria-modal", "aria-multiline", "aria-multiselectable",
        "aria-orientation", "aria-owns", "aria-placeholder", "aria-posinset", "aria-pressed", "aria-readonly", "aria-relevant",
        "aria-required", "aria-roledescription", "aria-rowcount", "aria-rowindex", "aria-rowindextext", "aria-rowspan",
        "aria-selected", "aria-setsize", "aria-sort", "aria-valuemax", "aria-valuemin", "aria-valuenow", "aria-valuetext",
    ]

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for element in page.elements {
            for name in element.attributeNames(withPrefix: "aria-").filter({ !AriaAttributeRule.attributes.contains($0) }).sorted() {
                findings.append(
                    finding(
                        element, "'\(name)' is not an ARIA attribute, so it does nothing.",
                        "Check the spelling against WAI-ARIA, such as aria-label or aria-expanded."))
            }
            if element.name == "body", element.attribute("aria-hidden") == "true" {
                findings.append(finding(element, "aria-hidden on <body> hides the whole page from screen readers.", "Remove aria-hidden from <body>."))
            }
        }
    }
}
