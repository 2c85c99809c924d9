import HTML

/// Screen readers announce a frame by its title.
struct IframeTitleRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/iframe-title", name: "Frames have a title", summary: "Every <iframe> has a title that says what it holds.",
            criterion: "4.1.2 Name, Role, Value", technique: "H64",
            passes: ["<iframe src=\"/map/\" title=\"Map of the Town Hall\"></iframe>"],
            fails: ["↓<iframe src=\"/map/\"></iframe>", "↓<iframe src=\"/map/\" title=\" \"></iframe>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for frame in page.elements(named: ["iframe"]) where (frame.attribute("title")?.trimmed ?? "").isEmpty && frame.attribute("aria-hidden") != "true" {
            findings.append(finding(frame, "This frame has no title.", "Add title=\"…\" saying what the frame shows, such as 'Map of the Town Hall'."))
        }
    }
}
