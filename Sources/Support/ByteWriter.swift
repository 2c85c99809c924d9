import Foundation

/// An unambiguous byte encoding (every value tagged or length-prefixed) of what a cache key
/// is made from, hashed as it is written: only the bytes of the last few values are kept.
public struct ByteWriter {
    /// Bytes written but not yet hashed.
    private(set) var pending: [UInt8] = []
    private var first = XXH64.Stream(seed: 0x9E37_79B9_7F4A_7C15)
    private var second = XXH64.Stream(seed: 0x2545_F491_4F6C_DD1D)

    /// Pending bytes are hashed once there are this many.
    public static let chunk = 4096

    public init() { pending.reserveCapacity(ByteWriter.chunk + 64) }

    public mutating func raw(_ bytes: UnsafeRawBufferPointer) {
        guard pending.count + bytes.count >= ByteWriter.chunk else {
            pending.append(contentsOf: bytes)
            return
        }
        // Completes the pending stripe, hashes the pending stripes, then hashes `bytes` in place.
        let fill = min(bytes.count, (32 - pending.count % 32) % 32)
        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<fill]))
        let taken = pending.withUnsafeBytes { take($0) }
        pending.removeFirst(taken)
        let rest = UnsafeRawBufferPointer(rebasing: bytes[fill...])
        let direct = pending.isEmpty ? take(rest) : 0
        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[direct...]))
    }

    private mutating func take(_ bytes: UnsafeRawBufferPointer) -> Int {
        _ = first.take(stripesOf: bytes)
        return second.take(stripesOf: bytes)
    }

    public mutating func byte(_ value: UInt8) { pending.append(value) }

    public mutating func bytes(_ bytes: [UInt8]) { bytes.withUnsafeBytes { raw($0) } }

    public mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { raw($0) }
    }

    public mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }

    public mutating func bool(_ value: Bool) { byte(value ? 1 : 0) }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            raw(UnsafeRawBufferPointer(utf8))
        }
    }

    public mutating func data(_ value: Data) {
        int(value.count)
        value.withUnsafeBytes { raw($0) }
    }

    /// A file's bytes, or a marker when it does not exist.
    public mutating func file(_ url: URL) {
        if let contents = FileManager.default.contents(atPath: url.path) {
            bool(true)
            data(contents)
        } else {
            bool(false)
        }
    }

    /// A file's size and modification time.
    public mutating func fileStamp(_ url: URL) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        int((attributes?[.size] as? NSNumber)?.intValue ?? -1)
        uint64(((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0).bitPattern)
    }

    /// The two hashes of every byte written: XXH64 with two seeds.
    public func hashes() -> (high: UInt64, low: UInt64) {
        pending.withUnsafeBytes { (first.finish(tail: $0), second.finish(tail: $0)) }
    }
}
