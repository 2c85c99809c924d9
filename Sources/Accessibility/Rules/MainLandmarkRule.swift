import HTML

/// One main region, and a skip link to it, let keyboard users jump past the header.
struct MainLandmarkRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/main-landmark", name: "One main region with a skip link",
            summary: "The page has exactly one <main>, and a skip link to it is the first link on the page.",
            criterion: "2.4.1 Bypass Blocks", technique: "G1, ARIA11",
            passes: ["<p>Page</p>"],
            fails: [
                "<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body><a href=\"#m\">Skip to main content</a><main id=\"m\"><h1>T</h1></main>↓<main><p>Again</p></main></body></html>",
                "<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body>↓<main id=\"m\"><h1>T</h1><a href=\"/a/\">A</a></main></body></html>",
            ])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        let mains = page.elements.filter { $0.name == "main" || $0.attribute("role") == "main" }
        guard let main = mains.first else {
            findings.append(
                finding(page.document.root, "The page has no <main> region.", "Put the page content in <main id=\"main-content\"> in the base template."))
            return
        }
        for extra in mains.dropFirst() {
            findings.append(finding(extra, "The page has more than one main region.", "Keep one <main> per page."))
        }
        let firstLink = page.elements(named: ["a"]).first { $0.attribute("href") != nil }
        let mainID = main.attribute("id")
        if mainID == nil || firstLink?.attribute("href") != "#\(mainID!)" {
            findings.append(
                finding(
                    main, "There is no skip link to the main region at the start of the page.",
                    "Make the first link of the page <a href=\"#main-content\">Skip to main content</a>, and give <main> that id."))
        }
    }
}
