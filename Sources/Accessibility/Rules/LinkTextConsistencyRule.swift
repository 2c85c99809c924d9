import HTML

/// Two links with the same words that go to different places are confusing out of context.
struct LinkTextConsistencyRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/link-same-text", name: "Same link text, same place", summary: "Links with the same text on a page go to the same address.",
            criterion: "2.4.4 Link Purpose (In Context)", technique: "G197", severity: .warning,
            passes: ["<a href=\"/pay/\">Pay</a> <a href=\"/pay/\">Pay</a>"],
            fails: ["<a href=\"/pay/tax/\">Pay now</a> ↓<a href=\"/pay/parking/\">Pay now</a>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        var seen: [String: String] = [:]
        for link in page.elements(named: ["a"]) {
            guard let href = link.attribute("href") else { continue }
            let name = page.accessibleName(link).lowercased()
            guard !name.isEmpty else { continue }
            let target = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? href
            if let first = seen[name], first != target {
                findings.append(
                    finding(
                        link, "Two links say '\(page.accessibleName(link))' but go to different places.",
                        "Make each link's words describe its own destination."))
            } else if seen[name] == nil {
                seen[name] = target
            }
        }
    }
}
