import Dispatch
import Foundation
import SiteBuilder
import Support
import Synchronization

/// "Building council: 120 of 3,400 pages" on one line of a terminal, redrawn at most
/// ten times a second; nothing at all when standard error is not a terminal (CI logs).
final class ProgressDisplay: Sendable {
    private let enabled: Bool
    private let lastDrawn = Mutex<UInt64>(0)

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    /// The monitor to give the builder: it draws progress when enabled.
    func monitor() -> BuildMonitor {
        guard enabled else { return BuildMonitor() }
        return BuildMonitor { [self] site, done, total in draw(site: site, done: done, total: total) }
    }

    static func line(site: String, done: Int, total: Int) -> String {
        "Building \(site): \(done.formatted()) of \(total.formatted()) pages"
    }

    /// Whether the line is drawn again: for the last page, or 0.1 s after it was last drawn.
    /// (`now` may be before `last`: each page's thread reads the clock, another may draw first.)
    static func isDue(now: UInt64, last: UInt64, done: Int, total: Int) -> Bool {
        done == total || (now > last && now - last > 100_000_000)
    }

    private func draw(site: String, done: Int, total: Int) {
        let due = lastDrawn.withLock { last -> Bool in
            let now = DispatchTime.now().uptimeNanoseconds
            guard ProgressDisplay.isDue(now: now, last: last, done: done, total: total) else { return false }
            last = now
            return true
        }
        guard due else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(ProgressDisplay.line(site: site, done: done, total: total))".utf8))
    }

    /// Clears the progress line before the build's own messages are printed.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// `--verbose`: the time each stage took, slowest first within the page stages.
    static func stageTable(_ stages: [BuildMonitor.Stage], total: Double) -> String {
        var lines = ["Time per stage:"]
        let width = max(30, (stages.map(\.name.count).max() ?? 0) + 2)
        for stage in stages {
            let name = stage.name.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(name)\(String(format: "%8.3f s", stage.seconds))\(stage.perPage ? "  (summed over every core)" : "")")
        }
        lines.append("  \("whole build".padding(toLength: width, withPad: " ", startingAt: 0))\(String(format: "%8.3f s", total))")
        return lines.joined(separator: "\n")
    }
}
