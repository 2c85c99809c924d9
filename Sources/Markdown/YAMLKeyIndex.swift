import Yams

/// Finds a key among a mapping's pairs by its text, in one step for large mappings.
///
/// Yams looks a key up by comparing it with every key (resolving each one's tag), so reading
/// every key of a mapping took time growing with the square of its size.
struct YAMLKeyIndex {
    /// Mappings up to this size are searched pair by pair, which is quicker than hashing.
    static let scanLimit = 16

    /// The first and last position of each key, for mappings larger than `scanLimit`.
    private let positions: [String: (first: Int, last: Int)]?

    init(_ mapping: Node.Mapping?) {
        guard let mapping, mapping.count > YAMLKeyIndex.scanLimit else {
            positions = nil
            return
        }
        var positions: [String: (first: Int, last: Int)] = [:]
        positions.reserveCapacity(mapping.count)
        for index in mapping.indices {
            guard let key = mapping[index].key.scalar?.string else { continue }
            positions[key] = (positions[key]?.first ?? index, index)
        }
        self.positions = positions
    }

    /// The position of the first pair with this key.
    func first(_ key: String, in mapping: Node.Mapping) -> Int? {
        if let positions { return positions[key]?.first }
        return mapping.indices.first { mapping[$0].key.scalar?.string == key }
    }

    /// The position of the last pair with this key (the one whose value Yams gives).
    func last(_ key: String, in mapping: Node.Mapping) -> Int? {
        if let positions { return positions[key]?.last }
        var found: Int?
        for index in mapping.indices where mapping[index].key.scalar?.string == key { found = index }
        return found
    }
}
