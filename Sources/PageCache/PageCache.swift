import Content
import Foundation
import LinkCheck
import Output
import PageBuild
import Project
import Support
import Synchronization

/// What the page cache keeps for one content page: everything a build needs to use the page
/// without building it (its findings, the facts the site-wide steps need, its HTML files).
public struct PageEntry: Sendable {
    public var outcome: PageOutcome
    /// Each HTML file the page became, in order: the page itself, then any list continuations.
    public var files: [PageFile]

    public init(outcome: PageOutcome, files: [PageFile]) {
        self.outcome = outcome
        self.files = files
    }
}

/// Where page entries are kept, by the hash of everything that makes the page (see `BuildCache`).
public protocol PageStore: Sendable {
    /// The entry saved under `key`; nil when there is none or it cannot be trusted.
    func entry(_ key: CacheKey) -> PageEntry?
    func save(_ entry: PageEntry, _ key: CacheKey)
    /// Drops every entry but those of `keys` (the pages of the build just made); false when the
    /// store could not be written, so the next build will build pages again.
    func keep(only keys: Set<CacheKey>) -> Bool
}

/// Entries kept in memory, for a process that builds the same site again and again (the preview
/// server) and for tests.
public final class MemoryPageStore: PageStore {
    private let entries = Mutex<[CacheKey: PageEntry]>([:])

    public init() {}

    public func entry(_ key: CacheKey) -> PageEntry? { entries.withLock { $0[key] } }

    public func save(_ entry: PageEntry, _ key: CacheKey) { entries.withLock { $0[key] = entry } }

    public func keep(only keys: Set<CacheKey>) -> Bool {
        entries.withLock { $0 = $0.filter { keys.contains($0.key) } }
        return true
    }

    public var count: Int { entries.withLock { $0.count } }
}

/// A 128-bit cache key (two 64-bit XXH64 hashes with different seeds).
public struct CacheKey: Sendable, Hashable, Comparable {
    var high: UInt64
    var low: UInt64

    public static func < (left: CacheKey, right: CacheKey) -> Bool {
        (left.high, left.low) < (right.high, right.low)
    }

    /// 32 lower-case hexadecimal digits: the name of the key's entry file.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        for (index, word) in [high, low].enumerated() {
            for nibble in 0..<16 {
                out[index * 16 + nibble] = digits[Int((word >> UInt64(60 - nibble * 4)) & 0xF)]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The key's 16 bytes, high word first.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for word in [high, low] { for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) } }
        return out
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The key `hex` names; nil for anything else.
    init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 32, let high = UInt64(hex.prefix(16), radix: 16), let low = UInt64(hex.suffix(16), radix: 16),
            utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        self.init(high: high, low: low)
    }
}
