import HTML

/// A page that reloads or moves by itself after a delay takes control away from the reader.
struct MetaRefreshRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/meta-refresh", name: "No timed refresh",
            summary: "The page does not refresh or redirect itself after a delay (an immediate redirect, 0 seconds, is fine).",
            criterion: "2.2.1 Timing Adjustable", technique: "F41",
            passes: ["<meta http-equiv=\"refresh\" content=\"0; url=/new/\">"],
            fails: ["↓<meta http-equiv=\"refresh\" content=\"30\">", "↓<meta http-equiv=\"refresh\" content=\"5; url=/new/\">"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for meta in page.elements(named: ["meta"]) where meta.attribute("http-equiv")?.lowercased() == "refresh" {
            let seconds =
                Double((meta.attribute("content") ?? "").split(whereSeparator: { $0 == ";" || $0 == "," }).first.map { String($0).trimmed } ?? "") ?? 0
            if seconds > 0 {
                findings.append(
                    finding(
                        meta, "The page refreshes or moves by itself after \(Int(seconds)) seconds.",
                        "Remove the timed refresh, or redirect at once (content=\"0; url=…\")."))
            }
        }
    }
}
