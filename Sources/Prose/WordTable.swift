/// A hash table from words to small numbers, for the lookups made for every word of every page
/// (the vocabulary id, the syllable count). ASCII words are hashed on their bytes with FNV-1a in
/// an open-addressing table, which is much cheaper than `Dictionary<String, _>` (SipHash over a
/// String, then a String comparison). Other words go to an ordinary `Dictionary`, which compares
/// by canonical equivalence as before.
///
/// The two never disagree: an ASCII string is only canonically equivalent to itself, and a word
/// from the tokenizer, lower-cased, that is not ASCII is never equivalent to an ASCII one (the
/// only scalars that normalise to ASCII are U+212A KELVIN SIGN, which lower-cases to "k" itself,
/// and U+037E and U+1FEF, which are not word characters).
struct WordTable: Sendable {
    private var hashes: [UInt32]
    /// Slot → index in `keys` plus one; 0 is an empty slot.
    private var slots: [Int32]
    private var keys: [String] = []
    /// The bytes of every ASCII key, one after another: key i is `arena[starts[i]..<starts[i + 1]]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var values: [Int32] = []
    private var mask: Int
    private var other: [String: Int32] = [:]

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        hashes = [UInt32](repeating: 0, count: size)
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    /// The number of words in the table.
    var count: Int { keys.count + other.count }

    /// FNV-1a of the word's bytes, or nil when it is not ASCII.
    @inline(__always)
    private static func asciiHash(_ word: String) -> UInt32? {
        var word = word
        if let hash = word.utf8.withContiguousStorageIfAvailable({ bytes -> UInt32? in
            var hash: UInt32 = 2_166_136_261
            var high: UInt8 = 0
            for byte in bytes {
                high |= byte
                hash = (hash ^ UInt32(byte)) &* 16_777_619
            }
            return high < 0x80 ? hash : nil
        }) {
            return hash
        }
        word.makeContiguousUTF8()
        return asciiHash(word)
    }

    subscript(word: String) -> Int32? {
        guard let hash = WordTable.asciiHash(word) else { return other[word] }
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if hashes[slot] == hash, keys[Int(entry) - 1] == word { return values[Int(entry) - 1] }
            slot = (slot + 1) & mask
        }
    }

    /// The value of the word whose text is `bytes`, lower-cased the way the tokenizer lower-cases
    /// an ASCII word (A to Z only): `.some(nil)` when it is not in the table, nil when the bytes
    /// are not all ASCII (then look the word's `lower` up instead). No String is made or hashed.
    func value(asciiLowercasing bytes: UnsafeBufferPointer<UInt8>) -> Int32?? {
        var hash: UInt32 = 2_166_136_261
        var high: UInt8 = 0
        for byte in bytes {
            high |= byte
            hash = (hash ^ UInt32(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* 16_777_619
        }
        guard high < 0x80 else { return nil }
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return .some(nil) }
            if hashes[slot] == hash {
                let key = Int(entry) - 1
                let start = starts[key], end = starts[key + 1]
                if end - start == bytes.count {
                    var same = true
                    for offset in 0..<bytes.count {
                        let byte = bytes[offset]
                        if arena[start + offset] != (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) { same = false; break }
                    }
                    if same { return .some(values[key]) }
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a word that is not in the table yet.
    mutating func insert(_ word: String, _ value: Int32) {
        guard let hash = WordTable.asciiHash(word) else {
            other[word] = value
            return
        }
        if (keys.count + 1) * 2 > slots.count { grow() }
        keys.append(word)
        values.append(value)
        arena.append(contentsOf: word.utf8)
        starts.append(arena.count)
        place(hash: hash, entry: Int32(keys.count))
    }

    private mutating func place(hash: UInt32, entry: Int32) {
        var slot = Int(hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
        hashes[slot] = hash
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newHashes = [UInt32](repeating: 0, count: size)
        var newSlots = [Int32](repeating: 0, count: size)
        swap(&newHashes, &hashes)
        swap(&newSlots, &slots)
        mask = size - 1
        for index in newSlots.indices where newSlots[index] != 0 {
            place(hash: newHashes[index], entry: newSlots[index])
        }
    }
}
