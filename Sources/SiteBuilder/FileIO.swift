import Foundation
import Support

/// The build's own file writing, with plain POSIX calls (Foundation's `Data.write` checks every
/// folder on the path and syncs each file, which a large site cannot afford).
enum FileIO {
    /// Marks a folder whose subfolders are unrelated to one another (a site's page folders) as
    /// the top of a hierarchy, ext4's `T` attribute (`chattr +T`): its allocator then places each
    /// new subfolder in a block group with few folders and many free inodes, instead of packing
    /// them all into the parent's group. This matters for a build into an emptied folder: ext4
    /// without a journal will not reuse an inode freed in the last minute, and every new inode
    /// in a group full of just-freed ones is found only after looking at each of those in turn
    /// (`find_inode_bit`, `recently_deleted`), which made 10,000 new page folders cost seconds of
    /// kernel time (see docs/performance.md). Other filesystems, which have no such attribute,
    /// refuse it and nothing changes.
    static func spreadSubfolders(of path: String) {
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

    /// Writes every byte, retrying after interruptions; false on any failure.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        SafeFiles.writeAll(descriptor, bytes)
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    }

    /// A regular file opened for reading, with its size; nil when it cannot be opened or is not
    /// a regular file. The caller closes the descriptor.
    static func openRegular(_ path: String) -> (descriptor: Int32, size: Int)? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return nil
        }
        return (descriptor, Int(info.st_size))
    }

    /// A whole regular file's bytes, read straight into an array (not zeroed first); nil when it
    /// cannot be read.
    static func readAll(_ path: String) -> [UInt8]? {
        guard let (descriptor, size) = openRegular(path) else { return nil }
        defer { close(descriptor) }
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let count = read(descriptor, buffer.baseAddress! + done, size - done)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                done += count
            }
            complete = done == size
            initialized = done
        }
        return complete ? bytes : nil
    }
}
