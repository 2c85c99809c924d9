import HTML

/// A list item outside a list is not announced as part of a list.
struct ListItemRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/list-item", name: "List items inside lists", summary: "Every <li> is inside a <ul>, <ol> or <menu>.",
            criterion: "1.3.1 Info and Relationships", technique: "H48",
            passes: ["<ul><li>Paper</li><li>Card</li></ul>"],
            fails: ["<div>↓<li>Paper</li></div>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for item in page.elements(named: ["li"]) {
            let parent = item.parent
            let parentRole = parent?.attribute("role")
            if let parent, ["ul", "ol", "menu"].contains(parent.name) || parentRole == "list" { continue }
            findings.append(finding(item, "This list item is not inside a list.", "Put list items inside a <ul> or <ol>."))
        }
    }
}
