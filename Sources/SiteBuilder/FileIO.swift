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

    /// Replaces a file whole: the bytes go to a new file beside it, which is then renamed over it,
    /// so a reader sees the old file or the new one, never part of one. Not synced: what a crash
    /// cuts short is caught by the checksums of the files that need them. False on any failure,
    /// with the old file left as it was.
    static func replace(_ path: String, with bytes: UnsafeRawBufferPointer) -> Bool {
        replace(path) { writeAll($0, bytes) }
    }

    static func replace(_ path: String, with bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { replace(path, with: $0) }
    }

    /// The new file written by `write` (given its descriptor; false on failure), then renamed over `path`.
    static func replace(_ path: String, write: (Int32) -> Bool) -> Bool {
        guard let temporary = writeTemporary(beside: path, write: write) else { return false }
        guard rename(temporary, path) == 0 else { unlink(temporary); return false }
        return true
    }

    /// A new file beside `path` (to be renamed over it later) with the pieces written one after
    /// another: its path, or nil on failure (with `errno` set and nothing left behind).
    static func writeTemporary(beside path: String, with pieces: [FilePiece]) -> String? {
        writeTemporary(beside: path) { descriptor in pieces.allSatisfy { $0.withBytes { writeAll(descriptor, $0) } } }
    }

    private static func writeTemporary(beside path: String, write: (Int32) -> Bool) -> String? {
        let temporary = path + "." + CachePack.randomName() + ".plainsite-tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        let written = write(descriptor)
        let error = errno
        close(descriptor)
        guard written else {
            unlink(temporary)
            errno = error
            return nil
        }
        return temporary
    }

    /// A regular file opened for reading, with its size; nil when it cannot be opened or is not
    /// a regular file. The caller closes the descriptor.
    static func openRegular(_ path: String) -> (descriptor: Int32, size: Int)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
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

/// A regular file's bytes mapped read-only into memory, unmapped when the last reference goes.
/// A large published file changed in a few places (the search index, the open data) is read
/// this way: its pages come from the page cache as they are, not copied into new memory.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    /// Nil when the file cannot be opened and mapped (or is not a regular file).
    init?(_ path: String) {
        guard let (descriptor, size) = FileIO.openRegular(path) else { return nil }
        defer { close(descriptor) }
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// The file with `edits` (ranges of it, in any order, each with its new bytes) made, as the
    /// pieces to write; nil when two edits overlap or one is outside the file.
    func edited(_ edits: [(range: Range<Int>, bytes: [UInt8])]) -> [FilePiece]? {
        var pieces: [FilePiece] = [], at = 0
        for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            guard edit.range.lowerBound >= at, edit.range.upperBound <= bytes.count else { return nil }
            if edit.range.lowerBound > at { pieces.append(.mapped(self, at..<edit.range.lowerBound)) }
            if !edit.bytes.isEmpty { pieces.append(.bytes(edit.bytes)) }
            at = edit.range.upperBound
        }
        if at < bytes.count { pieces.append(.mapped(self, at..<bytes.count)) }
        return pieces
    }
}

/// A part of a file to write: new bytes, or a range of a mapped file.
enum FilePiece: Sendable {
    case bytes([UInt8])
    case mapped(MappedFile, Range<Int>)

    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch self {
        case let .bytes(bytes): bytes.withUnsafeBytes(body)
        case let .mapped(file, range): body(UnsafeRawBufferPointer(rebasing: file.bytes[range]))
        }
    }

    var count: Int {
        switch self {
        case let .bytes(bytes): bytes.count
        case let .mapped(_, range): range.count
        }
    }

    /// The pieces' bytes together (for comparing and for tests).
    static func joined(_ pieces: [FilePiece]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { piece.withBytes { out.append(contentsOf: $0) } }
        return out
    }
}
