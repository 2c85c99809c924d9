import HTML

/// Images need a text alternative; decorative ones an empty one.
struct ImageAltRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/image-alt", name: "Images have alt text", summary: "Every image has an alt attribute (empty, alt=\"\", for decoration).",
            criterion: "1.1.1 Non-text Content", technique: "F65",
            passes: [
                "<img src=\"map.png\" alt=\"Map of the recycling centre\">", "<img src=\"line.png\" alt=\"\">",
                "<img src=\"x.png\" role=\"presentation\" alt=\"\">",
            ],
            fails: ["↓<img src=\"map.png\">", "<p>Find us</p>↓<input type=\"image\" src=\"go.png\">"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for image in page.elements(named: ["img", "input", "area"]) {
            if image.name == "input" && image.attribute("type")?.lowercased() != "image" { continue }
            if image.name == "area" && image.attribute("href") == nil { continue }
            if image.attribute("alt") == nil && image.attribute("aria-label") == nil && image.attribute("aria-labelledby") == nil
                && image.attribute("aria-hidden") != "true"
            {
                findings.append(
                    finding(
                        image, "This image has no alt text.",
                        "Describe what the image shows in the Markdown: ![A map of the recycling centre](map.png). For a purely decorative image use empty alt text."
                    ))
            }
        }
    }
}
