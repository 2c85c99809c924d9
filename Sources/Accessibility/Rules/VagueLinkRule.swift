import HTML

/// "Click here" and "more" make no sense in a list of links.
struct VagueLinkRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/link-purpose", name: "Link text says where it goes", summary: "Link text is not vague ('click here', 'here', 'more', 'read more').",
            criterion: "2.4.4 Link Purpose (In Context)", technique: "F84",
            passes: [
                "<a href=\"/bins/missed/\">Report a missed bin</a>", "<a href=\"/news/\">More news<span class=\"visually-hidden\"> from the council</span></a>",
            ],
            fails: ["<p>To report a missed bin, ↓<a href=\"/bins/missed/\">click here</a>.</p>", "↓<a href=\"/news/1/\">Read more</a>"])
    }

    static let vague: Set<String> = [
        "click here", "here", "click", "more", "read more", "find out more", "learn more", "more information",
        "more info", "this page", "this link", "link", "go", "continue", "details", "more details", "see more",
    ]

    /// The words of a link's name, lower case, separated by single spaces (on bytes for ASCII).
    static func words(_ name: String) -> String {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else {
            return name.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
        }
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var gap = false
        for byte in name.utf8 {
            let lower = byte | 0x20
            if lower >= 0x61 && lower <= 0x7A {
                if gap && !out.isEmpty { out.append(0x20) }
                gap = false
                out.append(lower)
            } else {
                gap = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for link in page.elements(named: ["a"]) where link.attribute("href") != nil {
            let name = VagueLinkRule.words(page.accessibleName(link))
            if VagueLinkRule.vague.contains(name) {
                findings.append(
                    finding(
                        link, "The link text '\(page.accessibleName(link))' does not say where the link goes.",
                        "Use words that describe the page it goes to, such as 'report a missed bin'."))
            }
        }
    }
}
