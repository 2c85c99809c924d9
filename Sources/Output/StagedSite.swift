import Foundation
import Support
import Synchronization

/// The staging folder of one site, written by one build.
///
/// It may start from a recycled copy of an earlier build (the site this build replaces, kept
/// in `<output>/.plainsite-recycle/<site>/` instead of being deleted): creating 10,000 page
/// folders and files is most of the time of a build that takes its pages from the cache, and
/// deleting the old copy most of the rest. Nothing in the recycled copy is trusted: symbolic
/// links and special files are removed before writing, a file is kept only when its bytes are
/// exactly those this build writes (compared, never assumed), and every file this build did
/// not write is removed (`sweep`) before the site is published.
/// Where a page's files go: the staging folder of a full build, or memory in a quick rebuild.
public protocol SiteOutput: Sendable {
    /// Writes a file; `owner` (a content file, a template, `generated:<what>`) is named when two
    /// writers want one path.
    func write(_ data: Data, to relative: String, from owner: String) throws
}

extension SiteOutput {
    public func write(_ data: Data, to relative: String) throws { try write(data, to: relative, from: relative) }
}

public final class StagedSite: SiteOutput {
    public static let recycleFolder = ".plainsite-recycle"

    public let folder: URL
    private let base: String
    /// The regular files of the recycled copy, as paths inside the site: listed on another
    /// thread from the start, while the build reads the content and the theme (a copy the page
    /// cache has dropped is read from disk, folder by folder: up to 0.4 s for 10,000 pages, on
    /// one core), and waited for by the first file written.
    private let listing: Background<Set<String>>?
    private let written = Mutex<Set<String>>([])

    /// Stages a site in `folder`, first moving in the recycled copy from `recycle` if there is one.
    public init(folder: URL, recycle: URL?) {
        self.folder = folder
        base = folder.path
        if let recycle, rename(recycle.path, folder.path) == 0 {
            let path = folder.path
            listing = Background { StagedSite.listRecycled(path) }
        } else {
            _ = mkdir(folder.path, 0o755)
            listing = nil
        }
        // Its page folders go where ext4 finds free inodes fastest (see `FolderAttributes.spreadSubfolders`).
        FolderAttributes.spreadSubfolders(of: folder.path)
    }

    /// The recycled copy's files (waiting for their listing).
    private var recycled: Set<String> { listing?.value ?? [] }

    /// Collects the regular files under a folder; removes symbolic links and anything else
    /// that is neither a file nor a folder.
    private static func listRecycled(_ path: String) -> Set<String> {
        let listing = FolderWalker.walk(path, skipHidden: false)
        for relative in listing.links + listing.others { unlink(path + "/" + relative) }
        return Set(listing.files)
    }

    public func write(_ contents: String, to relative: String) throws {
        try write(Data(contents.utf8), to: relative)
    }

    /// Every file this build wrote (or kept), as paths inside the site.
    public var writtenPaths: Set<String> { written.withLock { $0 } }

    /// The first failure of the system (a full disk, no permission) met while writing, which
    /// stops the build with one plain message instead of an error for every page.
    public var systemFailure: FileSafetyError? { failure.withLock { $0 } }
    private let failure = Mutex<FileSafetyError?>(nil)

    private let claims = Mutex(OutputClaims())

    /// Writes a file, or leaves the recycled one when it already holds exactly these bytes.
    /// A path another writer has (see `OutputClaims`) is refused with `OutputCollision`.
    public func write(_ data: Data, to relative: String, from owner: String) throws {
        if let other = claims.withLock({ $0.claim(relative, by: owner) }) {
            throw OutputCollision(path: relative, first: other, second: owner)
        }
        do {
            try writeOrKeep(data, to: relative)
        } catch let error as FileSafetyError where error.isSystemFailure {
            failure.withLock { if $0 == nil { $0 = error } }
            throw error
        }
    }

    private func writeOrKeep(_ data: Data, to relative: String) throws {
        written.withLock { _ = $0.insert(relative) }
        let path = base + "/" + relative
        if recycled.contains(relative) {
            if StagedSite.holds(path, data) { return }
        } else if let slash = path.lastIndex(of: "/") {
            // One mkdir for the page's own folder; deeper new folders are made below.
            _ = mkdir(String(path[..<slash]), 0o755)
        }
        if StagedSite.writeFile(path, data) { return }
        // Something is in the way (a recycled folder where a file goes, a file where a folder
        // goes) or a folder is missing: clear the path and write it the careful way.
        try clearPath(relative)
        try SafeFiles.makeFolders((relative as NSString).deletingLastPathComponent, under: base)
        try SafeFiles.replaceFile(path, with: data)
    }

    /// Copies a file (assets, images and documents from the content folder).
    public func copy(_ source: URL, to relative: String, from owner: String) throws {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: source.path])
        }
        try write(data, to: relative, from: owner)
    }

    /// Removes every recycled file this build did not write, and the folders left empty.
    public func sweep() {
        let kept = written.withLock { $0 }
        let recycled = self.recycled
        var emptied: Set<String> = []
        for relative in recycled where !kept.contains(relative) {
            unlink(base + "/" + relative)
            var parts = relative.split(separator: "/").dropLast()
            while !parts.isEmpty {
                emptied.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        // Deepest first; rmdir leaves any folder that still holds something.
        for folder in emptied.sorted(by: { $0.count > $1.count }) { rmdir(base + "/" + folder) }
    }

    /// True when the file at `path` is a regular file holding exactly `data`.
    private static func holds(_ path: String, _ data: Data) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == data.count else { return false }
        var existing = [UInt8](repeating: 0, count: data.count)
        var offset = 0
        while offset < data.count {
            let count = existing.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, data.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        // (memcmp, not a byte-by-byte generic comparison: this runs over every page of a rebuild.)
        guard !data.isEmpty else { return true }
        return data.withUnsafeBytes { bytes in existing.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 } }
    }

    /// Creates or replaces a regular file (never following a symbolic link); false on any failure.
    /// A recycled file with another name (a hard link) is replaced by a new file, never written
    /// through, so a file elsewhere cannot change.
    private static func writeFile(_ path: String, _ data: Data) -> Bool {
        var descriptor = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        var info = stat()
        if fstat(descriptor, &info) != 0 || info.st_mode & S_IFMT != S_IFREG || info.st_nlink != 1 {
            close(descriptor)
            guard unlink(path) == 0 else { return false }
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return false }
        } else if info.st_size > 0 && ftruncate(descriptor, 0) != 0 {
            close(descriptor)
            return false
        }
        defer { close(descriptor) }
        return data.withUnsafeBytes { SafeFiles.writeAll(descriptor, $0) }
    }

    /// Removes whatever stands where a file must go: a file or link in place of one of its
    /// folders, or a folder (or link) at the file's own path.
    private func clearPath(_ relative: String) throws {
        var path = base
        for part in relative.split(separator: "/") {
            path += "/" + part
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            if path == base + "/" + relative {
                try SafeFiles.removeTree(path)
            } else if info.st_mode & S_IFMT != S_IFDIR {
                try SafeFiles.removeTree(path)
                return
            }
        }
    }
}

extension OutputFolder {
    public func recycleFolder(for site: String) -> URL {
        root.appendingPathComponent(StagedSite.recycleFolder).appendingPathComponent(site)
    }

    /// True when a recycled copy of the site is there to build over: a real folder (a link or
    /// anything else there is removed, never followed). A copy whose live site is missing (a
    /// build stopped between moving it aside and publishing) is put back instead.
    public func takeRecycled(_ site: String) -> Bool {
        let recycle = recycleFolder(for: site).path, live = root.appendingPathComponent(site).path
        switch SafeFiles.kind(recycle) {
        case .missing: return false
        case .folder: break
        default:
            try? SafeFiles.removeTree(recycle)
            return false
        }
        if SafeFiles.kind(live) == .missing {
            _ = rename(recycle, live)
            return false
        }
        return true
    }

    /// Moves the live site aside, to be built over next time, just before the new one is published.
    public func keepForRecycling(_ site: String) {
        let recycle = recycleFolder(for: site), live = root.appendingPathComponent(site)
        guard SafeFiles.kind(live.path) == .folder else { return }
        try? SafeFiles.removeTree(recycle.path)
        try? SafeFiles.makeFolders(StagedSite.recycleFolder, under: root.path)
        _ = rename(live.path, recycle.path)
    }
}
