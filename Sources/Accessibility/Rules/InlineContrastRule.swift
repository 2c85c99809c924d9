import Foundation
import HTML

/// Text coloured with inline styles must still contrast with its background.
struct InlineContrastRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/text-contrast", name: "Text contrast in inline styles",
            summary: "Text coloured by a style attribute has a contrast ratio of at least 4.5:1 with its background (3:1 for large text).",
            criterion: "1.4.3 Contrast (Minimum)", technique: "G18, F24",
            passes: [
                "<p style=\"color: #505a5f\">Grey text that is dark enough.</p>",
                "<div style=\"background-color: #0b0c0c\"><p style=\"color: #ffffff\">White on black.</p></div>",
                "<p style=\"color: #949494; font-size: 32px\">Large grey text</p>",
            ],
            fails: [
                "↓<p style=\"color: #aaaaaa\">Pale grey text.</p>",
                "<div style=\"background: #1d70b8\">↓<span style=\"color: #0b0c0c\">Dark on blue.</span></div>",
                "<div style=\"background-color:#ffdd00\"><p>Text</p>↓<p style=\"color:#ffffff\">White on yellow</p></div>",
            ])
    }

    static let named: [String: String] = [
        "black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000", "blue": "#0000ff", "yellow": "#ffff00",
        "grey": "#808080", "gray": "#808080", "silver": "#c0c0c0", "orange": "#ffa500", "purple": "#800080", "navy": "#000080",
        "lightgrey": "#d3d3d3", "lightgray": "#d3d3d3", "darkgrey": "#a9a9a9", "darkgray": "#a9a9a9", "pink": "#ffc0cb",
        "lime": "#00ff00", "aqua": "#00ffff", "cyan": "#00ffff", "teal": "#008080", "maroon": "#800000", "olive": "#808000",
    ]

    /// The declarations of a style attribute, by property.
    static func declarations(_ style: String) -> [String: String] {
        var values: [String: String] = [:]
        for declaration in style.split(separator: ";") {
            let pair = declaration.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            values[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = pair[1].trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: "!important", with: "").trimmingCharacters(in: .whitespaces)
        }
        return values
    }

    static func colour(_ value: String?) -> String? {
        guard var value = value?.split(separator: " ").first.map(String.init) else { return nil }
        if let named = named[value] { return named }
        if value.hasPrefix("rgb") {
            let numbers = value.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }.split(separator: ",").compactMap {
                Double($0.trimmingCharacters(in: .whitespaces))
            }
            guard numbers.count >= 3 else { return nil }
            if numbers.count == 4, numbers[3] < 1 { return nil }
            return String(format: "#%02x%02x%02x", Int(numbers[0]), Int(numbers[1]), Int(numbers[2]))
        }
        value = value.trimmingCharacters(in: .whitespaces)
        return Contrast.rgb(value) != nil && value.hasPrefix("#") && (value.count == 7 || value.count == 4) ? value : nil
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        guard page.hasInlineStyles else { return }
        for element in page.elements where !element.ownText.trimmed.isEmpty {
            // Only text whose colours a style attribute sets, on it or on an ancestor.
            var foreground: String?, background: String?, fontSize: Double?, bold = false, styled = false
            for node in element.ancestorsAndSelf {
                guard let style = node.attribute("style") else { continue }
                let values = InlineContrastRule.declarations(style)
                if foreground == nil, let colour = InlineContrastRule.colour(values["color"]) { foreground = colour; styled = true }
                if background == nil, let colour = InlineContrastRule.colour(values["background-color"] ?? values["background"]) {
                    background = colour; styled = true
                }
                if fontSize == nil, let size = values["font-size"] {
                    if size.hasSuffix("px") {
                        fontSize = Double(size.dropLast(2))
                    } else if size.hasSuffix("pt") {
                        fontSize = Double(size.dropLast(2)).map { $0 * 4 / 3 }
                    }
                }
                if let weight = values["font-weight"], weight == "bold" || (Int(weight) ?? 0) >= 700 { bold = true }
            }
            guard styled else { continue }
            if ["b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"].contains(element.name) { bold = true }
            let size = fontSize ?? (element.name == "h1" ? 32 : element.name == "h2" ? 24 : 16)
            let large = size >= 24 || (bold && size >= 18.66)
            let minimum = large ? 3.0 : 4.5
            let text = foreground ?? "#000000", back = background ?? "#ffffff"
            guard let ratio = Contrast.ratio(text, back), ratio < minimum else { continue }
            findings.append(
                finding(
                    element,
                    "The text colour \(text) on \(back) has a contrast ratio of \(String(format: "%.2f", ratio)):1; it needs \(large ? "3" : "4.5"):1.",
                    "Use a darker (or lighter) colour: \(Contrast.nearestPassingShade(text, against: back, target: minimum) ?? "a stronger colour") passes."))
        }
    }
}
