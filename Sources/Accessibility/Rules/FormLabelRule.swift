import HTML

/// A form field without a label is announced as "edit text" with no clue what to type.
struct FormLabelRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/form-label", name: "Form fields have labels",
            summary: "Every input, select and textarea has a label (for/id, a wrapping label, aria-label or aria-labelledby).",
            criterion: "1.3.1 Info and Relationships", technique: "H44, F68",
            passes: [
                "<label for=\"q\">Search</label><input id=\"q\" type=\"search\">", "<label>Postcode <input type=\"text\"></label>",
                "<input type=\"search\" aria-label=\"Search this site\">", "<input type=\"hidden\" name=\"x\">", "<input type=\"submit\" value=\"Search\">",
            ],
            fails: [
                "↓<input type=\"text\" name=\"postcode\">", "<label for=\"other\">Name</label>↓<input id=\"q\" type=\"text\">",
                "↓<select><option>A</option></select>",
            ])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        let labelledIDs = Set(page.elements(named: ["label"]).compactMap { $0.attribute("for") })
        for field in page.elements(named: ["input", "select", "textarea"]) {
            let type = field.attribute("type")?.lowercased() ?? "text"
            if field.name == "input", ["hidden", "submit", "reset", "button", "image"].contains(type) { continue }
            let hasLabel =
                (field.attribute("id").map(labelledIDs.contains) ?? false)
                || (field.parent?.selfOrAncestor { $0.name == "label" } ?? false)
                || !(field.attribute("aria-label")?.trimmed.isEmpty ?? true)
                || (field.attribute("aria-labelledby") != nil && !page.accessibleName(field).isEmpty)
                || !(field.attribute("title")?.trimmed.isEmpty ?? true)
            if !hasLabel {
                findings.append(finding(field, "This form field has no label.", "Add a <label for=\"…\"> with the field's id, saying what to enter."))
            }
        }
    }
}
