import HTML

/// Screen readers choose their voice and pronunciation from the page's language.
struct HTMLLangRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/html-lang", name: "Page language", summary: "The html element has a valid lang attribute, such as en-GB.",
            criterion: "3.1.1 Language of Page", technique: "H57",
            passes: ["<!DOCTYPE html><html lang=\"cy\"><head><title>Tudalen</title></head><body><main id=\"m\"><h1>Tudalen</h1></main></body></html>"],
            fails: [
                "<!DOCTYPE html>↓<html><head><title>Page</title></head><body><main><h1>Page</h1></main></body></html>",
                "<!DOCTYPE html>↓<html lang=\"english\"><head><title>Page</title></head><body><main><h1>Page</h1></main></body></html>",
            ])
    }

    /// ISO 639-1 codes (two letters) a UK council site may use, and the common others.
    static let languages: Set<String> = [
        "en", "cy", "gd", "ga", "kw", "gv", "fr", "de", "es", "it", "pt", "pl", "ro", "lt", "lv", "bg", "cs", "sk", "hu",
        "el", "tr", "ar", "ur", "hi", "bn", "pa", "gu", "ta", "te", "zh", "ja", "ko", "fa", "ps", "so", "am", "ti", "ru",
        "uk", "sq", "ku", "vi", "th", "nl", "sv", "da", "no", "nb", "nn", "fi", "is", "et", "hr", "sr", "sl", "bs", "mk",
        "he", "yi", "ne", "si", "ml", "kn", "mr", "sw", "yo", "ig", "ha", "tl", "ms", "id", "af", "zu", "xh", "eu", "ca", "gl",
    ]

    static func isValid(_ lang: String) -> Bool {
        let parts = lang.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, languages.contains(primary.lowercased()) else { return false }
        return parts.dropFirst().allSatisfy { !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isLetter || $0.isNumber } }
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        guard let html = page.document.root else { return }
        let lang = html.attribute("lang")?.trimmed ?? ""
        if lang.isEmpty {
            findings.append(finding(html, "The page does not say what language it is in.", "Add lang=\"en-GB\" to the <html> element of the base template."))
        } else if !HTMLLangRule.isValid(lang) {
            findings.append(finding(html, "The page language '\(lang)' is not a valid language code.", "Use a code such as en-GB (English) or cy (Welsh)."))
        }
        for element in page.elements where element.name != "html" {
            if let other = element.attribute("lang"), !other.isEmpty, !HTMLLangRule.isValid(other) {
                findings.append(
                    finding(element, "The language '\(other)' of this passage is not a valid language code.", "Use a code such as cy (Welsh) or fr (French)."))
            }
        }
    }
}
