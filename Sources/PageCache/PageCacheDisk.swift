import Content
import Foundation
import LinkCheck
import Output
import PageBuild
import Project
import Support

/// Entries on disk, one file per entry: `<cache>/pages-v5/<site id>/<key in hex>`. A file is the
/// entry's `Header` as JSON on one line, then the bytes of its HTML files one after the other
/// (raw, so a warm build does not decode megabytes of escaped HTML). An entry is never trusted
/// blindly: its header names the format and its key, and the HTML's size and checksum must
/// match; anything wrong and the entry is ignored (its page is built and saved again).
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
        /// XXH64 of the HTML bytes that follow the header.
        var checksum: UInt64
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
    }

    func path(_ key: CacheKey) -> String { folder.path + "/" + key.hex }

    public func entry(_ key: CacheKey) -> PageEntry? {
        guard let bytes = FileIO.readAll(path(key)) else { return nil }
        return DiskPageStore.decode(bytes, key: key)
    }

    public func save(_ entry: PageEntry, _ key: CacheKey) {
        guard let bytes = DiskPageStore.encode(entry, key: key) else { return }
        try? SafeFiles.replaceFile(path(key), with: bytes)
    }

    public func keep(only keys: Set<CacheKey>) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        var removed = true
        for name in names {
            guard let key = CacheKey(hex: name), !keys.contains(key) else { continue }
            if unlink(folder.path + "/" + name) != 0 { removed = false }
        }
        return removed
    }

    static func encode(_ entry: PageEntry, key: CacheKey) -> Data? {
        var html = Data()
        html.reserveCapacity(entry.files.reduce(0) { $0 + $1.html.count })
        for file in entry.files { html.append(file.html) }
        let header = Header(
            format: BuildCache.formatVersion, key: key.hex, outcome: entry.outcome,
            files: entry.files.map { FileHeader(path: $0.path, size: $0.html.count) },
            checksum: html.withUnsafeBytes { XXH64.hash($0, seed: 0) })
        guard var bytes = try? JSONEncoder().encode(header) else { return nil }
        bytes.append(0x0A)
        bytes.append(html)
        return bytes
    }

    /// The entry `encode` wrote for `key`; nil when anything about it is wrong.
    static func decode(_ bytes: [UInt8], key: CacheKey) -> PageEntry? {
        guard let newline = bytes.firstIndex(of: 0x0A),
            let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[..<newline])),
            header.format == BuildCache.formatVersion, header.key == key.hex,
            header.files.allSatisfy({ $0.size >= 0 }),
            header.files.reduce(0, { $0 + $1.size }) == bytes.count - newline - 1
        else { return nil }
        let checksum = bytes.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[(newline + 1)...]), seed: 0) }
        guard checksum == header.checksum else { return nil }
        var files: [PageFile] = []
        var start = newline + 1
        for file in header.files {
            files.append(PageFile(path: file.path, html: Data(bytes[start..<start + file.size])))
            start += file.size
        }
        return PageEntry(outcome: header.outcome, files: files)
    }
}
