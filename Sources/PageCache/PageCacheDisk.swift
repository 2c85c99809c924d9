import Content
import Foundation
import LinkCheck
import Output
import PageBuild
import Project
import Support

/// Entries on disk, one file per entry: `<cache>/pages-v6/<site id>/<first two hex digits of the
/// key>/<key in hex>` (256 folders, so that entries written at once on every core do not all wait
/// for one folder's lock). A file is an
/// XXH64 checksum of all that follows it (8 bytes), the length of the entry's `Header`, the
/// header in `BinaryCoder`'s form, then the bytes of its HTML files one after the other (raw, so
/// a warm build does not decode megabytes of HTML). An entry is never trusted blindly: the
/// checksum must match, and the header names the format, its key and the HTML's sizes; anything
/// wrong and the entry is ignored (its page is built and saved again).
public struct DiskPageStore: PageStore {
    /// The site's own folder in the cache.
    let folder: URL

    static var formatFolder: String { "pages-v\(BuildCache.formatVersion)" }

    /// What an entry file starts with.
    struct Header: Codable {
        var format: Int
        var key: String
        var outcome: PageOutcome
        var files: [FileHeader]
    }

    struct FileHeader: Codable {
        var path: String
        var size: Int
    }

    /// Opens (creating when needed) the cache of one site; nil when the cache's place holds a
    /// link or its folders cannot be made. Folders of other format versions are removed.
    public init?(root cacheRoot: URL, site: String) {
        guard SafeFiles.kind(cacheRoot.path) != .link else { return nil }
        let manager = FileManager.default
        for old in (try? manager.contentsOfDirectory(atPath: cacheRoot.path)) ?? []
        where old.hasPrefix("pages-v") && old != DiskPageStore.formatFolder {
            try? SafeFiles.removeTree(cacheRoot.appendingPathComponent(old).path)
        }
        // Never through a link: the cache's own folders are made and checked one by one.
        guard
            (try? SafeFiles.makeFolders(
                cacheRoot.lastPathComponent + "/" + DiskPageStore.formatFolder + "/" + site,
                under: cacheRoot.deletingLastPathComponent().path)) != nil
        else { return nil }
        let ignore = cacheRoot.appendingPathComponent(".gitignore")
        if SafeFiles.kind(ignore.path) == .missing {
            try? SafeFiles.createFile(ignore.path, with: Data("# Plainsite's build cache: safe to delete.\n*\n".utf8))
        }
        folder = cacheRoot.appendingPathComponent(DiskPageStore.formatFolder).appendingPathComponent(site)
        // The folders' inodes spread over the disk, as the site's own folders are (FolderAttributes).
        FolderAttributes.spreadSubfolders(of: folder.path)
        for shard in DiskPageStore.shards where SafeFiles.kind(folder.path + "/" + shard) != .folder {
            guard (try? SafeFiles.makeFolders(shard, under: folder.path)) != nil else { return nil }
        }
    }

    /// The names of the folders entries are spread over: "00" to "ff".
    static let shards: [String] = (0..<256).map { String(format: "%02x", $0) }

    func path(_ key: CacheKey) -> String {
        let hex = key.hex
        return folder.path + "/" + hex.prefix(2) + "/" + hex
    }

    public func entry(_ key: CacheKey) -> PageEntry? {
        guard let bytes = FileIO.readAll(path(key)) else { return nil }
        return DiskPageStore.decode(bytes, key: key)
    }

    public func save(_ entry: PageEntry, _ key: CacheKey) {
        guard let bytes = DiskPageStore.encode(entry, key: key) else { return }
        try? SafeFiles.replaceFile(path(key), with: Data(bytes))
    }

    public func keep(only keys: Set<CacheKey>) -> Bool {
        var removed = true
        for shard in DiskPageStore.shards {
            let shardFolder = folder.path + "/" + shard
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: shardFolder) else { return false }
            for name in names {
                guard let key = CacheKey(hex: name), name.hasPrefix(shard), !keys.contains(key) else { continue }
                if unlink(shardFolder + "/" + name) != 0 { removed = false }
            }
        }
        return removed
    }

    static func encode(_ entry: PageEntry, key: CacheKey) -> [UInt8]? {
        let header = Header(
            format: BuildCache.formatVersion, key: key.hex, outcome: entry.outcome,
            files: entry.files.map { FileHeader(path: $0.path, size: $0.html.count) })
        guard let encoded = try? BinaryCoder.encode(header) else { return nil }
        var body = BinaryCoder.varint(UInt64(encoded.count)) + encoded
        body.reserveCapacity(body.count + entry.files.reduce(0) { $0 + $1.html.count })
        for file in entry.files { body.append(contentsOf: file.html) }
        let checksum = XXH64.hash(body, seed: 0)
        return (0..<8).map { UInt8(truncatingIfNeeded: checksum >> UInt64($0 * 8)) } + body
    }

    /// The entry `encode` wrote for `key`; nil when anything about it is wrong.
    static func decode(_ bytes: [UInt8], key: CacheKey) -> PageEntry? {
        guard bytes.count > 8 else { return nil }
        let stored = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << UInt64($1 * 8) }
        let checksum = bytes.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[8...]), seed: 0) }
        guard checksum == stored, let (size, start) = BinaryCoder.length(in: bytes, at: 8),
            let header = BinaryCoder.decode(Header.self, from: bytes, in: start..<start + size),
            header.format == BuildCache.formatVersion, header.key == key.hex,
            header.files.allSatisfy({ $0.size >= 0 }),
            header.files.reduce(0, { $0 + $1.size }) == bytes.count - start - size
        else { return nil }
        var files: [PageFile] = []
        var at = start + size
        for file in header.files {
            files.append(PageFile(path: file.path, html: Data(bytes[at..<at + file.size])))
            at += file.size
        }
        return PageEntry(outcome: header.outcome, files: files)
    }
}
