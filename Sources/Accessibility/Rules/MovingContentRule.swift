import HTML

/// Scrolling and blinking text cannot be paused and is hard to read.
struct MovingContentRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/moving-content", name: "No marquee or blink", summary: "Pages do not use <marquee> or <blink>.",
            criterion: "2.2.2 Pause, Stop, Hide", technique: "F16, F47",
            passes: ["<p>The tip is closed today.</p>"],
            fails: ["↓<marquee>The tip is closed today</marquee>", "↓<blink>New</blink>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for element in page.elements(named: ["marquee", "blink"]) {
            findings.append(finding(element, "<\(element.name)> makes text move or flash.", "Use plain text, perhaps as a warning callout."))
        }
    }
}
