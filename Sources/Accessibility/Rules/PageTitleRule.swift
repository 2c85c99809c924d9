import HTML

/// The title is the first thing a screen reader announces and what a tab shows.
struct PageTitleRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/page-title", name: "Page title", summary: "The page has a non-empty <title> (and each title is unique within its site).",
            criterion: "2.4.2 Page Titled", technique: "H25",
            passes: ["<!DOCTYPE html><html lang=\"en\"><head><title>Pay - Council</title></head><body><main><h1>Pay</h1></main></body></html>"],
            fails: [
                "<!DOCTYPE html><html lang=\"en\"><head>↓<title> </title></head><body><main><h1>Pay</h1></main></body></html>",
                "<!DOCTYPE html>↓<html lang=\"en\"><head></head><body><main><h1>Pay</h1></main></body></html>",
            ])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        let titles = page.elements(named: ["title"]).filter { !$0.selfOrAncestor { $0.name == "svg" } }
        if let title = titles.first {
            if title.normalizedText.isEmpty {
                findings.append(finding(title, "The page title is empty.", "Give the page a title: the page's name, then the site's name."))
            }
        } else {
            findings.append(finding(page.document.root, "The page has no <title>.", "Add <title>Page name - Site name</title> to the base template's <head>."))
        }
    }
}
