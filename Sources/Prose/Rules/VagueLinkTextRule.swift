import Diagnostics

/// Screen reader users often list a page's links: each must make sense on its own.
struct VagueLinkTextRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "link-text/vague", name: "Vague link text",
            summary: "Link text must say where the link goes: not 'click here', 'here', 'more' or 'read more'.",
            source: "GOV.UK style guide: Links; WCAG 2.2 success criterion 2.4.4 Link Purpose (In Context)",
            severity: .error,
            passes: [
                "Find out how to [report a missed bin](/bins/missed/).",
                "Read the [parking permit terms](/parking/terms/).",
            ],
            fails: [
                "To report a missed bin, [↓click here](/bins/missed/).",
                "Our parking rules are [↓here](/parking/).",
                "[↓Read more](/news/library/)",
                "Opening times have changed. [↓More](/libraries/)",
            ])
    }

    static let vague: Set<String> = [
        "click here", "here", "click", "more", "read more", "find out more", "learn more", "more information",
        "more info", "further information", "this page", "this link", "link", "this", "go", "see more", "details",
        "more details", "continue", "page", "website", "this website", "click this link", "tap here", "see here",
    ]

    /// The link text's words, lower case, separated by one space ("Read more…" → "read more").
    static func normalised(_ text: String) -> String {
        var text = text
        // ASCII text (nearly all) on its bytes: each byte is one character, and the ASCII letters
        // are exactly A to Z and a to z.
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var output: [UInt8] = []
            var pendingSpace = false
            for byte in bytes {
                let lower = byte | 0x20
                if lower >= 0x61 && lower <= 0x7A {
                    if pendingSpace && !output.isEmpty { output.append(0x20) }
                    pendingSpace = false
                    output.append(lower)
                } else {
                    pendingSpace = true
                }
            }
            return String(decoding: output, as: UTF8.self)
        }), let ascii {
            return ascii
        }
        text.makeContiguousUTF8()
        return text.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            for link in block.source.links {
                let text = block.slice(link.range)
                let normalised = VagueLinkTextRule.normalised(text)
                guard VagueLinkTextRule.vague.contains(normalised) else { continue }
                findings.append(
                    finding(
                        index, link.range, in: document,
                        message: "The link text '\(text)' does not say where the link goes.",
                        suggestion: "Use words that describe the destination, such as '[report a missed bin](…)'."))
            }
        }
    }
}
