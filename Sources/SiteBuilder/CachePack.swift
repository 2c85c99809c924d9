import Foundation
import Synchronization

/// Where the build cache keeps its entries: a few large files ("packs") and an index, instead
/// of a file per page. Creating 10,000 small files (and renaming each into place) cost about
/// a third of a full build's time in the kernel; appending to one file costs almost nothing.
///
/// - `index`: the live entries, each as its key, pack, offset and length; written whole to a
///   temporary file and renamed into place at the end of a build, so it is always complete.
/// - `pack-<random>`: entries appended by one build (each entry carries its own key, length and
///   checksum, see `CacheEntry`). Packs are only ever appended to; a build that stops midway
///   leaves bytes the index does not mention, which are ignored and later compacted away.
///
/// Nothing is trusted: an index that fails its checksum is ignored (every page is built again),
/// and an entry is decoded with bounds checks and its checksum before use.
final class CachePack: Sendable {
    static let indexMagic: [UInt8] = Array("PSINDEX\u{0}".utf8)

    struct Location: Sendable, Hashable {
        var pack: String
        var offset: Int
        var length: Int
    }

    let folder: URL
    /// The entries the last build left, in key order, as its index has them (found by binary
    /// search: reading them into a dictionary, and the dictionaries of `finish`, hashed 10,000
    /// keys several times over, a tenth of a one-page rebuild of 10,000 pages).
    private let previous: Entries
    /// True when an index was there but could not be read.
    let indexWasDamaged: Bool
    private struct Writing {
        var descriptor: Int32 = -1
        var name = ""
        var end = 0
        var added: [CacheKey: Location] = [:]
        var failed = false
    }
    private let writing = Mutex(Writing())
    private let readers = Mutex<[String: Int32]>([:])

    init(folder: URL) {
        self.folder = folder
        let data = FileManager.default.contents(atPath: folder.appendingPathComponent("index").path)
        if let data, let entries = CachePack.decodeIndex([UInt8](data)) {
            previous = entries
            indexWasDamaged = false
        } else {
            previous = Entries()
            indexWasDamaged = data != nil
        }
    }

    deinit {
        for descriptor in readers.withLock({ Array($0.values) }) { close(descriptor) }
        let descriptor = writing.withLock { $0.descriptor }
        if descriptor >= 0 { close(descriptor) }
    }

    /// The bytes of an entry, or nil when the index does not have it or it cannot be read.
    func read(_ key: CacheKey) -> [UInt8]? {
        guard let location = previous.location(of: key) ?? writing.withLock({ $0.added[key] }) else { return nil }
        return read(location)
    }

    private func read(_ location: Location) -> [UInt8]? {
        let descriptor = readers.withLock { open in
            if let descriptor = open[location.pack] { return descriptor }
            let descriptor = Foundation.open(folder.path + "/" + location.pack, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            if descriptor >= 0 { open[location.pack] = descriptor }
            return descriptor
        }
        guard descriptor >= 0, location.length >= 0, location.length < 1 << 31 else { return nil }
        var bytes = [UInt8](repeating: 0, count: location.length)
        var done = 0
        while done < location.length {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, location.length - done, off_t(location.offset + done)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            done += count
        }
        return bytes
    }

    /// Appends an entry to this build's pack (made on first use). Its place is taken under the
    /// lock and its bytes written outside it, so pages on other cores do not wait for the write.
    func append(_ bytes: [UInt8], key: CacheKey) {
        let place = writing.withLock { state -> (descriptor: Int32, start: Int)? in
            guard !state.failed else { return nil }
            if state.descriptor < 0 {
                state.name = "pack-" + CachePack.randomName()
                state.descriptor = open(folder.path + "/" + state.name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                guard state.descriptor >= 0 else { state.failed = true; return nil }
            }
            let start = state.end
            state.end += bytes.count
            return (state.descriptor, start)
        }
        guard let place else { return }
        var done = 0
        var failed = false
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { pwrite(place.descriptor, $0.baseAddress! + done, bytes.count - done, off_t(place.start + done)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { failed = true; break }
            done += count
        }
        writing.withLock { state in
            if failed {
                state.failed = true
            } else {
                state.added[key] = Location(pack: state.name, offset: place.start, length: bytes.count)
            }
        }
    }

    /// Entries in key order, each key once.
    struct Entries: Sendable {
        var keys: [CacheKey] = []
        var locations: [Location] = []

        /// Where the entry of `key` is, by binary search.
        func location(of key: CacheKey) -> Location? {
            let index = BuildState.lowerBound(keys.count) { keys[$0] < key }
            return index < keys.count && keys[index] == key ? locations[index] : nil
        }

        /// The packs the entries are in, each once. There are few (packs are compacted past 32),
        /// so they are found by comparing names with the few found so far, not by hashing
        /// 10,000 names.
        var packs: [String] {
            var packs: [String] = []
            for location in locations where !packs.contains(location.pack) { packs.append(location.pack) }
            return packs
        }
    }

    /// Writes the index of the entries this build used, compacting the packs when most of
    /// their bytes are entries no page uses any more, and removes packs nothing refers to.
    /// Returns false when the cache could not be written.
    @discardableResult
    func finish(keeping keys: [CacheKey]) -> Bool {
        let (added, failed, descriptor) = writing.withLock { state -> ([CacheKey: Location], Bool, Int32) in
            let result = (state.added, state.failed, state.descriptor)
            state.descriptor = -1
            return result
        }
        if descriptor >= 0 { close(descriptor) }
        var live = Entries()
        live.keys.reserveCapacity(keys.count)
        live.locations.reserveCapacity(keys.count)
        for key in keys.sorted() where live.keys.last != key {
            if let location = added[key] ?? previous.location(of: key) {
                live.keys.append(key)
                live.locations.append(location)
            }
        }
        let packs = Set(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix("pack-") })
        var sizes: [String: Int] = [:]
        for pack in packs {
            var info = stat()
            if lstat(folder.path + "/" + pack, &info) == 0 { sizes[pack] = Int(info.st_size) }
        }
        let liveBytes = live.locations.reduce(0) { $0 + $1.length }
        let usedPacks = live.packs
        let usedBytes = usedPacks.reduce(0) { $0 + (sizes[$1] ?? 0) }
        // Compacted when more than half of the packs in use is dead, or there are many packs.
        if usedBytes > 2 * liveBytes + (1 << 20) || usedPacks.count > 32 {
            if let compacted = compact(live) { live = compacted }
        }
        guard writeIndex(live) else { return false }
        let referenced = Set(live.packs)
        for pack in packs where !referenced.contains(pack) { unlink(folder.path + "/" + pack) }
        return !failed
    }

    /// Copies the live entries into one new pack, in the order of their bytes.
    private func compact(_ live: Entries) -> Entries? {
        let name = "pack-" + CachePack.randomName()
        let path = folder.path + "/" + name
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var moved = live
        var buffer: [UInt8] = []
        var offset = 0
        let order = live.locations.indices.sorted {
            (live.locations[$0].pack, live.locations[$0].offset) < (live.locations[$1].pack, live.locations[$1].offset)
        }
        for index in order {
            guard let bytes = read(live.locations[index]) else { continue }
            moved.locations[index] = Location(pack: name, offset: offset + buffer.count, length: bytes.count)
            buffer += bytes
            if buffer.count > 1 << 22 {
                guard FileIO.writeAll(descriptor, buffer) else { unlink(path); return nil }
                offset += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        guard FileIO.writeAll(descriptor, buffer) else { unlink(path); return nil }
        // An entry that could not be read is left out.
        let kept = moved.locations.indices.filter { moved.locations[$0].pack == name }
        return Entries(keys: kept.map { moved.keys[$0] }, locations: kept.map { moved.locations[$0] })
    }

    /// The index: the names of the packs once, then each entry's key, pack number, offset and
    /// length (small numbers in few bytes), in key order, so 10,000 entries read back without a
    /// string or a hash each.
    private func writeIndex(_ live: Entries) -> Bool {
        var body = ByteWriter()
        let packs = live.packs.sorted()
        body.varint(packs.count)
        for pack in packs { body.vstring(pack) }
        body.varint(live.keys.count)
        for (key, location) in zip(live.keys, live.locations) {
            body.uint64(key.high)
            body.uint64(key.low)
            body.varint(packs.firstIndex(of: location.pack)!)
            body.varint(location.offset)
            body.varint(location.length)
        }
        var file = ByteWriter()
        file.bytes(CachePack.indexMagic)
        file.int(Int(BuildCache.formatVersion))
        file.int(body.buffer.count)
        file.uint64(XXH64.hash(body.buffer, seed: 0))
        file.bytes(body.buffer)
        return FileIO.replace(folder.path + "/index", with: file.buffer)
    }

    /// The index's entries; nil when it is damaged (or its keys are not in order, each once).
    static func decodeIndex(_ bytes: [UInt8]) -> Entries? {
        var reader = ByteReader(bytes)
        guard reader.bytes(indexMagic.count) == indexMagic, reader.int() == Int(BuildCache.formatVersion),
            let length = reader.int(), length == bytes.count - reader.position - 8, let checksum = reader.uint64()
        else { return nil }
        let start = reader.position
        guard bytes.withUnsafeBytes({ XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[start...]), seed: 0) }) == checksum,
            let packCount = reader.varint(), packCount >= 0, packCount <= bytes.count
        else { return nil }
        var packs: [String] = []
        for _ in 0..<packCount {
            guard let pack = reader.vstring(), pack.hasPrefix("pack-"), !pack.contains("/") else { return nil }
            packs.append(pack)
        }
        guard let count = reader.varint(), count >= 0, count <= bytes.count else { return nil }
        var entries = Entries()
        entries.keys.reserveCapacity(count)
        entries.locations.reserveCapacity(count)
        for _ in 0..<count {
            guard let high = reader.uint64(), let low = reader.uint64(), let pack = reader.varint(), packs.indices.contains(pack),
                let offset = reader.varint(), let length = reader.varint(), offset >= 0, length >= 0
            else { return nil }
            let key = CacheKey(high: high, low: low)
            guard entries.keys.last.map({ $0 < key }) ?? true else { return nil }
            entries.keys.append(key)
            entries.locations.append(Location(pack: packs[pack], offset: offset, length: length))
        }
        return reader.atEnd ? entries : nil
    }

    static func randomName() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }
}

extension CacheKey {
    /// The key from its 16 bytes, as `bytes` gives them.
    init(bytes: [UInt8]) {
        var high: UInt64 = 0, low: UInt64 = 0
        for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
        for index in 8..<16 { low = low << 8 | UInt64(bytes[index]) }
        self.init(high: high, low: low)
    }
}
