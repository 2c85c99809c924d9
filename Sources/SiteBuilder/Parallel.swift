import Dispatch
import Foundation
import Synchronization

/// Maps over items on every core, keeping the input order, so results do not depend on
/// which core finished first (builds stay byte-identical).
/// `serial` runs them one after another on the calling thread instead (the same results, for
/// tests that compare the two and for profiling).
func parallelMap<Item: Sendable, Result: Sendable>(_ items: [Item], serial: Bool = false, _ transform: @Sendable (Item) -> Result) -> [Result] {
    guard items.count > 1, !serial else { return items.map(transform) }
    let results = Mutex<[Int: Result]>([:])
    // Chunks keep the lock out of the hot path: one lock per chunk, not per item.
    let chunkSize = max(1, items.count / (ProcessInfoCores.count * 8))
    let chunks = stride(from: 0, to: items.count, by: chunkSize).map { $0..<min($0 + chunkSize, items.count) }
    DispatchQueue.concurrentPerform(iterations: chunks.count) { chunkIndex in
        var local: [(Int, Result)] = []
        for index in chunks[chunkIndex] { local.append((index, transform(items[index]))) }
        results.withLock { for (index, result) in local { $0[index] = result } }
    }
    return results.withLock { dictionary in items.indices.map { dictionary[$0]! } }
}

enum ProcessInfoCores {
    static let count: Int = {
        #if os(Linux)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 4
        #endif
    }()
}
