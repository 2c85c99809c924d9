import Foundation

/// File-system attributes the build sets on the folders it makes.
public enum FolderAttributes {
    /// Marks a folder whose subfolders are unrelated to one another (a site's page folders) as
    /// the top of a hierarchy, ext4's `T` attribute (`chattr +T`): its allocator then places each
    /// new subfolder in a block group with few folders and many free inodes, instead of packing
    /// them all into the parent's group. This matters for a build into an emptied folder: ext4
    /// without a journal will not reuse an inode freed in the last minute, and every new inode
    /// in a group full of just-freed ones is found only after looking at each of those in turn
    /// (`find_inode_bit`, `recently_deleted`; see docs/performance.md). Other filesystems, which
    /// have no such attribute, refuse it and nothing changes.
    public static func spreadSubfolders(of path: String) {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var flags: UInt32 = 0
        guard ioctl(descriptor, fsGetFlags, &flags) == 0, flags & topDirectoryFlag == 0 else { return }
        flags |= topDirectoryFlag
        _ = ioctl(descriptor, fsSetFlags, &flags)
        #endif
    }

    /// `FS_IOC_GETFLAGS`, `FS_IOC_SETFLAGS` and `FS_TOPDIR_FL` of <linux/fs.h> (the kernel reads
    /// and writes an int, whatever the request's encoded size says).
    private static let fsGetFlags: UInt = 0x8008_6601
    private static let fsSetFlags: UInt = 0x4008_6602
    private static let topDirectoryFlag: UInt32 = 0x0002_0000
}
