import HTML

/// A link with no name is announced as just "link".
struct LinkNameRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/link-name", name: "Links have a name", summary: "Every link has text, alt text on its image, or an aria-label.",
            criterion: "2.4.4 Link Purpose (In Context)", technique: "F89",
            passes: [
                "<a href=\"/pay/\">Pay council tax</a>", "<a href=\"/\"><img src=\"logo.svg\" alt=\"Kestrelford City Council home\"></a>",
                "<a href=\"/search/\" aria-label=\"Search\"><svg aria-hidden=\"true\"></svg></a>",
                "<a href=\"/pay/\">Pay <span class=\"visually-hidden\">your council tax</span></a>",
            ],
            fails: ["↓<a href=\"/pay/\"></a>", "↓<a href=\"/\"><img src=\"logo.svg\" alt=\"\"></a>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for link in page.elements(named: ["a"]) where link.attribute("href") != nil && page.accessibleName(link).isEmpty {
            findings.append(finding(link, "This link has no text, so it is read out as just 'link'.", "Give the link words that say where it goes."))
        }
    }
}
