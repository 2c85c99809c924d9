import HTML

/// A file name or "image of…" tells a screen reader user nothing.
struct AltTextQualityRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/alt-text", name: "Meaningful alt text", summary: "Alt text is not a file name and does not start with 'image of' or 'picture of'.",
            criterion: "1.1.1 Non-text Content", technique: "F30",
            passes: ["<img src=\"map.png\" alt=\"Map of the recycling centre\">", "<img src=\"logo.svg\" alt=\"\">"],
            fails: ["↓<img src=\"map.png\" alt=\"map.png\">", "↓<img src=\"bin.jpg\" alt=\"Image of a green bin\">", "↓<img src=\"a.png\" alt=\"IMG_2041\">"])
    }

    static let extensions = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".tif", ".tiff", ".avif"]
    static let prefixes = ["image of", "picture of", "photo of", "graphic of", "an image of", "a picture of", "a photo of", "image", "picture", "photo"]

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for image in page.elements(named: ["img"]) {
            guard let alt = image.attribute("alt")?.trimmed, !alt.isEmpty else { continue }
            let lower = alt.lowercased()
            let isFileName =
                AltTextQualityRule.extensions.contains { lower.hasSuffix($0) } || lower.hasPrefix("img_") || lower.hasPrefix("dsc_")
                || (image.attribute("src").map { lower == ($0.split(separator: "/").last.map(String.init) ?? "").lowercased() } ?? false)
            if isFileName {
                findings.append(finding(image, "The alt text '\(alt)' is a file name.", "Describe what the image shows, in a short sentence."))
            } else if let prefix = AltTextQualityRule.prefixes.first(where: { lower == $0 || lower.hasPrefix($0 + " ") }) {
                findings.append(
                    finding(
                        image, "The alt text starts with '\(prefix)', which screen readers already say.", "Describe what the image shows, without 'image of'."))
            }
        }
    }
}
