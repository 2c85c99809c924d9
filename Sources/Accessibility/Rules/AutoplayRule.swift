import HTML

/// Sound that starts by itself drowns out a screen reader.
struct AutoplayRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/autoplay", name: "No media that plays by itself", summary: "Audio and video do not start playing by themselves.",
            criterion: "1.4.2 Audio Control", technique: "F93",
            passes: ["<video src=\"tour.mp4\" controls></video>"],
            fails: ["↓<video src=\"tour.mp4\" autoplay></video>", "↓<audio src=\"a.mp3\" autoplay controls></audio>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for media in page.elements(named: ["audio", "video"]) where media.attribute("autoplay") != nil {
            findings.append(finding(media, "This \(media.name) plays by itself.", "Remove autoplay and give it controls so people start it when they choose."))
        }
    }
}
