import HTML

/// Lists announce how many items they hold; other elements directly inside break that.
struct ListStructureRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/list-structure", name: "Lists hold only list items",
            summary: "<ul> and <ol> hold only <li> directly; <dl> holds only <dt>, <dd> and <div>.",
            criterion: "1.3.1 Info and Relationships", technique: "H48",
            passes: ["<ul><li>Paper</li><li>Card</li></ul>", "<dl><dt>Band A</dt><dd>£1,200</dd></dl>"],
            fails: ["<ul><li>Paper</li>↓<p>Card</p></ul>", "<dl><dt>Band A</dt>↓<p>£1,200</p></dl>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for list in page.elements(named: ["ul", "ol", "dl"]) where list.attribute("role") == nil {
            let allowed: Set<String> = list.name == "dl" ? ["dt", "dd", "div", "script", "template"] : ["li", "script", "template"]
            for child in list.children where !allowed.contains(child.name) {
                findings.append(
                    finding(
                        child, "A <\(child.name)> is directly inside a <\(list.name)>.",
                        list.name == "dl" ? "Put terms in <dt> and descriptions in <dd>." : "Put every item of the list in an <li>."))
            }
        }
    }
}
