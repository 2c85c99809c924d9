import HTML

/// Very long alt text is tiring to listen to; long descriptions belong in the page.
struct AltTextLengthRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/alt-length", name: "Short alt text", summary: "Alt text is under 150 characters; longer descriptions go in the page text.",
            criterion: "1.1.1 Non-text Content", technique: "G94", severity: .warning,
            passes: ["<img src=\"map.png\" alt=\"Map of the recycling centre\">"],
            fails: ["↓<img src=\"map.png\" alt=\"" + String(repeating: "A very long description of the map ", count: 6) + "\">"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for image in page.elements(named: ["img"]) {
            guard let alt = image.attribute("alt"), alt.count > 150 else { continue }
            findings.append(
                finding(
                    image, "The alt text is \(alt.count) characters long.", "Keep alt text short and put a longer description in the page, next to the image."))
        }
    }
}
