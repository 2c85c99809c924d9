import Dispatch
import Foundation
import Synchronization

/// Watches a build from any thread: pages done of the total (for a progress display) and
/// the time spent in each stage (for `--verbose`). Page stages run on every core, so their
/// times are summed core time, not wall-clock time.
public final class BuildMonitor: Sendable {
    /// Called after each page, with the site, pages done and the site's page count.
    public typealias ProgressHandler = @Sendable (_ site: String, _ done: Int, _ total: Int) -> Void

    public struct Stage: Sendable, Equatable {
        public var name: String
        public var seconds: Double
        /// True when the stage ran on every core at once and its time is summed core time.
        public var perPage: Bool
    }

    private struct State {
        var stages: [Stage] = []
        var done: [String: Int] = [:]
    }

    private let state = Mutex(State())
    private let onProgress: ProgressHandler?

    public init(onProgress: ProgressHandler? = nil) {
        self.onProgress = onProgress
    }

    /// Stages in the order they first ran.
    public var stages: [Stage] { state.withLock { $0.stages } }

    /// Runs `body`, adding its duration to the named stage.
    @discardableResult
    public func time<T>(_ name: String, perPage: Bool = false, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { record(name, since: start, perPage: perPage) }
        return try body()
    }

    /// Adds the time since `start` (a `DispatchTime` uptime in nanoseconds) to the named stage;
    /// for stages whose code returns early from the enclosing function.
    public func record(_ name: String, since start: UInt64, perPage: Bool = false) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        state.withLock { state in
            if let index = state.stages.firstIndex(where: { $0.name == name }) {
                state.stages[index].seconds += seconds
            } else {
                state.stages.append(Stage(name: name, seconds: seconds, perPage: perPage))
            }
        }
    }

    public func pageDone(site: String, total: Int) {
        let done = state.withLock { state -> Int in
            state.done[site, default: 0] += 1
            return state.done[site]!
        }
        onProgress?(site, done, total)
    }
}

extension Optional where Wrapped == BuildMonitor {
    public func record(_ name: String, since start: UInt64) { self?.record(name, since: start) }

    /// Times `body` when there is a monitor, else just runs it.
    public func time<T>(_ name: String, perPage: Bool = false, _ body: () throws -> T) rethrows -> T {
        switch self {
        case let .some(monitor): try monitor.time(name, perPage: perPage, body)
        case .none: try body()
        }
    }
}
