import HTML

/// Deaf and hard of hearing people need captions for what a video says.
struct VideoCaptionsRule: AccessibilityRule {
    var description: AccessibilityRuleDescription {
        AccessibilityRuleDescription(
            id: "a11y/video-captions", name: "Videos have captions", summary: "Every <video> has a captions or subtitles <track>.",
            criterion: "1.2.2 Captions (Prerecorded)", technique: "F8",
            passes: ["<video src=\"tour.mp4\" controls><track kind=\"captions\" src=\"tour.vtt\" srclang=\"en\" label=\"English\"></video>"],
            fails: ["↓<video src=\"tour.mp4\" controls></video>"])
    }

    func check(_ page: CheckedPage, into findings: inout [AccessibilityFinding]) {
        for video in page.elements(named: ["video"]) {
            let tracks = video.children.filter { $0.name == "track" && ["captions", "subtitles"].contains($0.attribute("kind")?.lowercased() ?? "subtitles") }
            if tracks.isEmpty {
                findings.append(finding(video, "This video has no captions.", "Add <track kind=\"captions\" src=\"….vtt\" srclang=\"en\" label=\"English\">."))
            }
        }
    }
}
