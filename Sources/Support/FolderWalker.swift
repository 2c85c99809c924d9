import Foundation

/// The one directory walker: lists a folder's tree with `readdir`, never following a symbolic
/// link, so content, themes, checked sites and recycled output are all listed the same way.
public enum FolderWalker {
    /// What a walk found, as paths inside the folder walked, in the order met.
    public struct Listing: Sendable {
        public var files: [String] = []
        public var links: [String] = []
        /// Anything that is neither a regular file, a folder nor a symbolic link (a socket, a pipe...).
        public var others: [String] = []
    }

    /// Walks the folder at `path`; `skipHidden` leaves out names starting with "." and what is in them.
    public static func walk(_ path: String, skipHidden: Bool = true) -> Listing {
        var listing = Listing()
        walk(path, relative: "", skipHidden: skipHidden, into: &listing)
        return listing
    }

    /// Regular files and symbolic links under a folder, each sorted; names starting with "." are skipped.
    public static func filesAndLinks(under folder: URL) -> (files: [String], links: [String]) {
        let listing = walk(folder.path)
        return (listing.files.sorted(), listing.links.sorted())
    }

    /// The regular files under a folder, sorted; names starting with "." are skipped.
    public static func files(under folder: URL) -> [String] {
        filesAndLinks(under: folder).files
    }

    /// `files(under:)` of a folder the project reads from, or none when a symbolic link (the
    /// folder's own, or one on the way) takes it outside the project: nothing from elsewhere
    /// on the computer is ever published.
    public static func files(under folder: URL, inside root: URL) -> [String] {
        outsideProject(folder, root: root) == nil ? files(under: folder) : []
    }

    /// Where a folder really is when a symbolic link takes it outside the project; nil when it
    /// is inside, or missing.
    public static func outsideProject(_ folder: URL, root: URL) -> String? {
        guard FileManager.default.fileExists(atPath: folder.path) else { return nil }
        let project = root.standardizedFileURL.resolvingSymlinksInPath().path
        let real = folder.standardizedFileURL.resolvingSymlinksInPath().path
        return real == project || real.hasPrefix(project + "/") ? nil : real
    }

    private static func walk(_ path: String, relative: String, skipHidden: Bool, into listing: inout Listing) {
        guard let directory = opendir(path) else { return }
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." || (skipHidden && name.hasPrefix(".")) { continue }
            guard let type = kind(entry.pointee.d_type, path + "/" + name) else { continue }
            switch type {
            case UInt8(DT_REG): listing.files.append(relative + name)
            case UInt8(DT_DIR): folders.append(name)
            case UInt8(DT_LNK): listing.links.append(relative + name)
            default: listing.others.append(relative + name)
            }
        }
        closedir(directory)
        for name in folders { walk(path + "/" + name, relative: relative + name + "/", skipHidden: skipHidden, into: &listing) }
    }

    /// The entry's type, asking `lstat` when `readdir` does not say; nil when it is gone.
    private static func kind(_ type: UInt8, _ path: String) -> UInt8? {
        guard type == UInt8(DT_UNKNOWN) else { return type }
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return UInt8(DT_REG)
        case S_IFDIR: return UInt8(DT_DIR)
        case S_IFLNK: return UInt8(DT_LNK)
        default: return UInt8(DT_UNKNOWN)
        }
    }
}
