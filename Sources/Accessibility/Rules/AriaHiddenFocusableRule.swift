import HTML

/// A hidden element that can still take focus leaves keyboard users on something silent.
struct AriaHiddenFocusableRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/aria-hidden-focus", name: "Hidden things cannot take focus",
            summary: "aria-hidden=\"true\" is not on focusable elements or on elements that contain them.",
            criterion: "4.1.2 Name, Role, Value", technique: "ARIA aria-hidden",
            passes: ["<span aria-hidden=\"true\">★</span>", "<div aria-hidden=\"true\"><a href=\"/x/\" tabindex=\"-1\">X</a></div>"],
            fails: ["↓<a href=\"/pay/\" aria-hidden=\"true\">Pay</a>", "<div aria-hidden=\"true\">↓<button type=\"button\">Menu</button></div>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for element in page.elements where page.isFocusable(element) {
            if element.selfOrAncestor(where: { $0.attribute("aria-hidden") == "true" }) {
                findings.append(
                    finding(
                        element, "This element is hidden from screen readers but can still be reached with the keyboard.",
                        "Remove aria-hidden, or take the element out of the tab order (tabindex=\"-1\")."))
            }
        }
    }
}
