import Dispatch
import Foundation
import Synchronization

/// Maps over items on every core, keeping the input order, so results do not depend on
/// which core finished first (builds stay byte-identical).
/// `serial` runs them one after another on the calling thread instead (the same results, for
/// tests that compare the two and for profiling).
@inlinable
public func parallelMap<Item: Sendable, Result: Sendable>(_ items: [Item], serial: Bool = false, _ transform: @Sendable (Item) -> Result) -> [Result] {
    guard items.count > 1, !serial else { return items.map(transform) }
    let results = Mutex<[Result?]>(Array(repeating: nil, count: items.count))
    // Chunks keep the lock out of the hot path: one lock per chunk, not per item. Many small
    // chunks per core keep every core busy to the end, where a few large ones left one core
    // finishing the last chunk alone.
    let chunkSize = max(1, items.count / (ProcessInfoCores.count * 64))
    let chunks = stride(from: 0, to: items.count, by: chunkSize).map { $0..<min($0 + chunkSize, items.count) }
    DispatchQueue.concurrentPerform(iterations: chunks.count) { chunkIndex in
        var local: [Result] = []
        local.reserveCapacity(chunks[chunkIndex].count)
        for index in chunks[chunkIndex] { local.append(transform(items[index])) }
        let start = chunks[chunkIndex].lowerBound
        results.withLock { for (offset, result) in local.enumerated() { $0[start + offset] = result } }
    }
    return results.withLock { array in array.map { $0! } }
}

/// Work started on another thread at once, whose result is waited for only when it is needed.
public final class Background<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchGroup()

    public init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.leave()
        }
    }

    /// The result, waiting for it if the work is not finished. Taken, not copied (so an array in
    /// it can be changed in place): call once, and not with `value`.
    public func take() -> Value {
        done.wait()
        return result.withLock { value in
            defer { value = nil }
            return value!
        }
    }

    /// The result, waiting for it if the work is not finished; from any number of threads, any
    /// number of times (never after `take`).
    public var value: Value {
        done.wait()
        return result.withLock { $0! }
    }
}

/// Runs two unrelated pieces of work at once and returns both results.
@inlinable
public func inParallel<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    let first = Mutex<A?>(nil), second = Mutex<B?>(nil)
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 {
            let result = a(); first.withLock { $0 = result }
        } else {
            let result = b(); second.withLock { $0 = result }
        }
    }
    return (first.withLock { $0! }, second.withLock { $0! })
}

/// Runs three unrelated pieces of work at once (on as many cores as there are) and returns all three results.
@inlinable
public func inParallel<A: Sendable, B: Sendable, C: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B, _ c: @Sendable () -> C) -> (A, B, C) {
    let first = Mutex<A?>(nil), second = Mutex<B?>(nil), third = Mutex<C?>(nil)
    DispatchQueue.concurrentPerform(iterations: 3) { index in
        switch index {
        case 0: let result = a(); first.withLock { $0 = result }
        case 1: let result = b(); second.withLock { $0 = result }
        default: let result = c(); third.withLock { $0 = result }
        }
    }
    return (first.withLock { $0! }, second.withLock { $0! }, third.withLock { $0! })
}

public enum ProcessInfoCores {
    public static let count: Int = {
        #if os(Linux)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 4
        #endif
    }()
}
