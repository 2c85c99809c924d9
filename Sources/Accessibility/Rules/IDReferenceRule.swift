import HTML

/// Labels, descriptions and skip links point at ids: the ids must exist, once each.
struct IDReferenceRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/id-references", name: "Unique ids that exist",
            summary: "id values are unique, and every aria-labelledby, aria-describedby, label for and in-page link target exists.",
            criterion: "1.3.1 Info and Relationships", technique: "F17",
            passes: [
                "<h2 id=\"pay\">Pay</h2><a href=\"#pay\">Pay</a>",
                "<p id=\"hint\">Example: KF1 1AA</p><label for=\"pc\">Postcode</label><input id=\"pc\" aria-describedby=\"hint\">",
            ],
            fails: [
                "<h2 id=\"pay\">Pay</h2>↓<h2 id=\"pay\">Pay again</h2>", "↓<a href=\"#missing\">Jump</a>",
                "<label for=\"pc\">Postcode</label>↓<input id=\"pc\" aria-describedby=\"nothing\">",
            ])
    }

    static let references = ["aria-labelledby", "aria-describedby", "aria-controls"]

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        var seen: Set<String> = []
        var anchors = Set(page.byID.keys)
        for element in page.elements where element.name == "a" {
            if let name = element.attribute("name") { anchors.insert(name) }
        }
        for element in page.elements {
            if let id = element.attribute("id"), !id.isEmpty {
                if seen.contains(id) {
                    findings.append(
                        finding(
                            element, "The id '\(id)' is used more than once on the page.",
                            "Give each element its own id; two headings with the same words get the same id, so reword one."))
                }
                seen.insert(id)
            }
            for attribute in IDReferenceRule.references {
                for reference in (element.attribute(attribute) ?? "").split(separator: " ") where page.byID[String(reference)] == nil {
                    findings.append(
                        finding(
                            element, "\(attribute) points to '\(reference)', but no element has that id.",
                            "Point \(attribute) at an id that exists on the page."))
                }
            }
            if element.name == "label", let target = element.attribute("for"), page.byID[target] == nil {
                findings.append(finding(element, "This label is for '\(target)', but no field has that id.", "Set for= to the id of the field it labels."))
            }
            if element.name == "a", let href = element.attribute("href"), href.hasPrefix("#"), href.count > 1 {
                let target = String(href.dropFirst()).removingPercentEncodingIfPossible
                if !anchors.contains(target) && target != "top" {
                    findings.append(
                        finding(
                            element, "This link goes to '#\(target)', which is not on the page.",
                            "Link to a heading or element that exists, or remove the link."))
                }
            }
        }
    }
}

extension String {
    /// Without a % there is nothing to decode (most fragments): no Foundation call.
    var removingPercentEncodingIfPossible: String { utf8.contains(0x25) ? removingPercentEncoding ?? self : self }
}
