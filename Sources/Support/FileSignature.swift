import Foundation

/// What `lstat` says about a file: enough to tell, without reading it, that it has not
/// changed (as git's index does). Any difference counts as a change.
public struct FileSignature: Sendable, Hashable {
    public var device: Int64
    public var inode: Int64
    public var size: Int64
    public var mode: Int64
    public var modified: Int64
    public var changed: Int64

    public init(device: Int64, inode: Int64, size: Int64, mode: Int64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.mode = mode
        self.modified = modified
        self.changed = changed
    }

    /// The time now, in nanoseconds since 1970, as file times are kept.
    public static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// The signature of whatever is at `path` (never following a symbolic link); nil when nothing is.
    public init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The same for a path relative to an open folder (shorter paths to look up, for 10,000 files).
    public init?(folder: Int32, relative: String) {
        var info = stat()
        guard fstatat(folder, relative, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        device = Int64(info.st_dev)
        inode = Int64(info.st_ino)
        size = Int64(info.st_size)
        mode = Int64(info.st_mode)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }
}
