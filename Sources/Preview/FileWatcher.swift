import Foundation
import Synchronization

/// Tells which of the files a build reads changed: from inotify on Linux, else (or when inotify
/// fails or runs out of watches, said once on stderr) by scanning the files every `interval`.
/// Hidden files and folders inside the watched folders are ignored; links are never followed.
final class FileWatcher: Sendable {
    enum Backend: Sendable {
        #if os(Linux)
        case inotify(InotifyWatcher)
        #endif
        case polling(PollingWatcher)
    }

    /// Folders watched recursively, and single files, each by absolute path.
    let paths: [String]
    let interval: Duration
    private let backend: Mutex<Backend>

    /// Starts watching now: changes from this moment on are reported.
    init(paths: [URL], interval: Duration = .milliseconds(200), polling: Bool = false) {
        let paths = paths.map { $0.standardizedFileURL.path }
        self.paths = paths
        self.interval = interval
        #if os(Linux)
        if !polling {
            do {
                backend = Mutex(.inotify(try InotifyWatcher(paths: paths)))
                return
            } catch {
                FileWatcher.sayPolling(because: "\(error)", interval: interval)
            }
        }
        #endif
        backend = Mutex(.polling(PollingWatcher(paths: paths, interval: interval)))
    }

    var usesInotify: Bool {
        guard case .polling = backend.withLock({ $0 }) else { return true }
        return false
    }

    /// Blocks until files change (then until `settle` passes with no further change, as editors
    /// save in several steps) or `timeout` passes; returns the changed absolute paths, sorted, or
    /// none. A folder among them (moved or deleted) stands for everything that was under it.
    func waitForChanges(timeout: Duration, settle: Duration = .milliseconds(20)) -> [String] {
        switch backend.withLock({ $0 }) {
        case let .polling(scanner):
            return scanner.waitForChanges(timeout: timeout, settle: settle)
        #if os(Linux)
        case let .inotify(watcher):
            do {
                return try watcher.waitForChanges(timeout: timeout, settle: settle)
            } catch {
                // Changes may have been missed while the watches were incomplete: everything changed.
                FileWatcher.sayPolling(because: "\(error)", interval: interval)
                backend.withLock { $0 = .polling(PollingWatcher(paths: paths, interval: interval)) }
                return paths.sorted()
            }
        #endif
        }
    }

    /// `waitForChanges` on a thread of its own, so as not to hold one of the tasks' threads.
    func changes(timeout: Duration) async -> [String] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.waitForChanges(timeout: timeout)) }
        }
    }

    private static func sayPolling(because reason: String, interval: Duration) {
        let seconds = String(format: "%g", PollingWatcher.seconds(interval))
        FileHandle.standardError.write(
            Data("plainsite: cannot watch files with inotify (\(reason)); looking for changes every \(seconds) s instead.\n".utf8))
    }
}
