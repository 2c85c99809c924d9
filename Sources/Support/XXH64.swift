/// XXH64 (Yann Collet's xxHash, 64-bit), one-shot: fast, well distributed, and simple enough
/// to carry here instead of a cryptographic package. Cache keys are not a security boundary:
/// whoever can write the cache can write the content.
public enum XXH64 {
    static let p1: UInt64 = 11_400_714_785_074_694_791
    static let p2: UInt64 = 14_029_467_366_897_019_727
    static let p3: UInt64 = 1_609_587_929_392_839_161
    static let p4: UInt64 = 9_650_029_242_287_828_579
    static let p5: UInt64 = 2_870_177_450_012_600_261

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* p1 &+ p4
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    public static func hash(_ input: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        Stream(seed: seed).finish(tail: input)
    }
}

extension XXH64 {
    /// XXH64 of bytes given in pieces, equal to `hash` of them all at once: whole 32-byte
    /// stripes are taken as they come, so the bytes need not be kept.
    public struct Stream: Sendable {
        let seed: UInt64
        var v1: UInt64, v2: UInt64, v3: UInt64, v4: UInt64
        /// How many bytes the stripes taken so far held.
        var taken = 0

        public init(seed: UInt64) {
            self.seed = seed
            (v1, v2, v3, v4) = (seed &+ p1 &+ p2, seed &+ p2, seed, seed &- p1)
        }

        /// Takes the whole stripes at the start of `input`; returns how many bytes that was.
        public mutating func take(stripesOf input: UnsafeRawBufferPointer) -> Int {
            var offset = 0
            @inline(__always) func read64(_ at: Int) -> UInt64 { UInt64(littleEndian: input.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            while offset + 32 <= input.count {
                v1 = round(v1, read64(offset)); v2 = round(v2, read64(offset + 8))
                v3 = round(v3, read64(offset + 16)); v4 = round(v4, read64(offset + 24))
                offset += 32
            }
            taken += offset
            return offset
        }

        /// The hash of every byte taken and then `tail`, the bytes not yet taken.
        public func finish(tail input: UnsafeRawBufferPointer) -> UInt64 {
            let count = input.count
            var offset = 0
            @inline(__always) func read64(_ at: Int) -> UInt64 { UInt64(littleEndian: input.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            @inline(__always) func read32(_ at: Int) -> UInt64 { UInt64(UInt32(littleEndian: input.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
            var stream = self
            if taken + count >= 32 { offset = stream.take(stripesOf: input) }
            var h: UInt64
            if stream.taken > 0 {
                h = rotl(stream.v1, 1) &+ rotl(stream.v2, 7) &+ rotl(stream.v3, 12) &+ rotl(stream.v4, 18)
                h = merge(h, stream.v1); h = merge(h, stream.v2); h = merge(h, stream.v3); h = merge(h, stream.v4)
            } else {
                h = seed &+ p5
            }
            h = h &+ UInt64(taken + count)
            while offset + 8 <= count {
                h ^= round(0, read64(offset))
                h = rotl(h, 27) &* p1 &+ p4
                offset += 8
            }
            if offset + 4 <= count {
                h ^= read32(offset) &* p1
                h = rotl(h, 23) &* p2 &+ p3
                offset += 4
            }
            while offset < count {
                h ^= UInt64(input.load(fromByteOffset: offset, as: UInt8.self)) &* p5
                h = rotl(h, 11) &* p1
                offset += 1
            }
            h ^= h >> 33; h = h &* p2
            h ^= h >> 29; h = h &* p3
            h ^= h >> 32
            return h
        }
    }
}
