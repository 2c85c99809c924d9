import HTML

/// Header cells let a screen reader say which row and column a value belongs to.
struct TableHeadersRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/table-headers", name: "Data tables have headers",
            summary: "Data tables have header cells (<th>), with scope when a table has both row and column headers; tables are not used for layout.",
            criterion: "1.3.1 Info and Relationships", technique: "H51, H63, F91",
            passes: [
                "<table><thead><tr><th>Band</th><th>Cost</th></tr></thead><tbody><tr><td>A</td><td>£1,200</td></tr></tbody></table>",
                "<table><tr><th scope=\"col\">Day</th><th scope=\"col\">Bin</th></tr><tr><th scope=\"row\">Monday</th><td>Green</td></tr></table>",
            ],
            fails: [
                "↓<table><tr><td>Band</td><td>Cost</td></tr><tr><td>A</td><td>£1,200</td></tr></table>",
                "↓<table role=\"presentation\"><tr><td>Left</td><td>Right</td></tr></table>",
                "<table><tr><th>Day</th><th>Bin</th></tr><tr>↓<th>Monday</th><td>Green</td></tr></table>",
            ])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for table in page.elements(named: ["table"]) {
            let role = table.attribute("role")?.lowercased()
            if role == "presentation" || role == "none" {
                findings.append(
                    finding(
                        table, "This table is used for layout.",
                        "Use a table only for data, with header cells; lay out content with headings and lists instead."))
                continue
            }
            let descendants = table.descendants
            let rows = descendants.filter { $0.name == "tr" }
            let headers = descendants.filter { $0.name == "th" }
            if headers.isEmpty {
                if rows.count > 1 {
                    findings.append(
                        finding(
                            table, "This table has no header cells.", "Make the first row of the Markdown table its header row, followed by a | --- | line."))
                }
                continue
            }
            // Header cells in the body rows as well as in the first row: each needs a scope.
            let firstRow = rows.first
            for header in headers where header.attribute("scope") == nil && header.attribute("id") == nil {
                guard let row = header.parent, let firstRow, !row.isSame(as: firstRow), row.parent?.name != "thead" else { continue }
                findings.append(
                    finding(
                        header, "This header cell is in a body row but has no scope.",
                        "Add scope=\"row\" to row header cells (and scope=\"col\" to column headers)."))
            }
        }
    }
}
