import HTML

/// A button with no name is announced as just "button".
struct ButtonNameRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/button-name", name: "Buttons have a name", summary: "Every button has text or an aria-label.",
            criterion: "4.1.2 Name, Role, Value", technique: "F68",
            passes: [
                "<button type=\"button\">Menu</button>", "<button type=\"button\" aria-label=\"Close\"><svg aria-hidden=\"true\"></svg></button>",
                "<input type=\"submit\" value=\"Search\">",
            ],
            fails: [
                "↓<button type=\"button\"></button>", "↓<button type=\"button\"><svg aria-hidden=\"true\"></svg></button>",
                "↓<input type=\"submit\" value=\"\">",
            ])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for button in page.elements(named: ["button", "input"]) {
            if button.name == "input" {
                guard let type = button.attribute("type")?.lowercased(), ["submit", "reset", "button"].contains(type) else { continue }
                // Submit and reset buttons have a default name; a plain button or an empty value has none.
                if let value = button.attribute("value"), !value.trimmed.isEmpty { continue }
                if button.attribute("value") == nil && type != "button" { continue }
                if !(button.attribute("aria-label")?.trimmed.isEmpty ?? true) { continue }
            } else if !page.accessibleName(button).isEmpty {
                continue
            }
            findings.append(finding(button, "This button has no name, so it is read out as just 'button'.", "Give the button words that say what it does."))
        }
    }
}
