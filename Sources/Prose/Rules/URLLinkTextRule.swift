import Diagnostics
import Foundation

/// A web address read aloud is long and meaningless; name the page instead.
struct URLLinkTextRule: ProseRule {
    var description: RuleDescription {
        RuleDescription(
            id: "link-text/url", name: "Web address as link text",
            summary: "Do not use a web address as link text: describe the page the link goes to.",
            source: "GOV.UK style guide: Links",
            severity: .warning,
            passes: [
                "Read the [guidance on bonfires](https://www.kestrelford.example/bonfires/).",
                "Email [contact@kestrelford.example](mailto:contact@kestrelford.example).",
            ],
            fails: [
                "See [↓https://www.kestrelford.example/bins/](https://www.kestrelford.example/bins/).",
                "Visit ↓www.kestrelford.example for details.",
            ])
    }

    func check(_ document: ProseDocument, settings: ProseSettings, into findings: inout [Finding]) {
        for (index, block) in document.blocks.enumerated() {
            for link in block.source.links where !link.url.hasPrefix("mailto:") && !link.url.hasPrefix("tel:") {
                // Only text whose first letter is h or w can be an address: an ASCII first
                // character after spaces and tabs that is neither rules it out without Foundation.
                var first = max(0, link.range.lowerBound)
                while first < min(link.range.upperBound, block.utf8.count), block.utf8[first] == 0x20 || block.utf8[first] == 0x09 { first += 1 }
                if first < min(link.range.upperBound, block.utf8.count), block.utf8[first] < 0x80,
                    !"hHwW".utf8.contains(block.utf8[first])
                {
                    continue
                }
                let text = block.slice(link.range).trimmingCharacters(in: .whitespaces)
                let lower = text.lowercased()
                guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") else { continue }
                findings.append(
                    finding(
                        index, link.range, in: document,
                        message: "The link text '\(text)' is a web address.",
                        suggestion: "Describe where the link goes, for example '[report a missed bin](\(link.url))'."))
            }
        }
    }
}
