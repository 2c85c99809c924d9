import HTML

/// A misspelt or invented role means assistive technology cannot say what the element is.
struct AriaRoleRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/aria-role", name: "Known ARIA roles", summary: "Every role attribute names a role from WAI-ARIA 1.2.",
            criterion: "4.1.2 Name, Role, Value", technique: "ARIA4",
            passes: ["<div role=\"alert\">Saved</div>", "<nav role=\"navigation\" aria-label=\"Main\"></nav>"],
            fails: ["↓<div role=\"warning\">Road closed</div>", "↓<span role=\"buton\">Open</span>"])
    }

    static let roles: Set<String> = [
        "alert", "alertdialog", "application", "article", "banner", "blockquote", "button", "caption", "cell", "checkbox", "code",
        "columnheader", "combobox", "complementary", "contentinfo", "definition", "deletion", "dialog", "directory", "document",
        "emphasis", "feed", "figure", "form", "generic", "grid", "gridcell", "group", "heading", "img", "insertion", "link", "list",
        "listbox", "listitem", "log", "main", "marquee", "math", "meter", "menu", "menubar", "menuitem", "menuitemcheckbox",
        "menuitemradio", "navigation", "none", "note", "option", "paragraph", "presentation", "progressbar", "radio", "radiogroup",
        "region", "row", "rowgroup", "rowheader", "scrollbar", "search", "searchbox", "separator", "slider", "spinbutton", "status",
        "strong", "subscript", "superscript", "switch", "tab", "table", "tablist", "tabpanel", "term", "textbox", "time", "timer",
        "toolbar", "tooltip", "tree", "treegrid", "treeitem", "doc-backlink", "doc-footnote", "doc-noteref", "doc-endnotes",
    ]

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for element in page.elements {
            guard let role = element.attribute("role") else { continue }
            for name in role.lowercased().split(separator: " ") where !AriaRoleRule.roles.contains(String(name)) {
                findings.append(finding(element, "'\(name)' is not an ARIA role.", "Use a role from WAI-ARIA, such as 'alert' or 'note', or remove the role."))
            }
        }
    }
}
