import Foundation

/// An exclusive lock on a folder Plainsite writes, held with `flock` on its lock file for as
/// long as the process keeps it. The kernel lets go when the process ends however it ends, so
/// a lock can never be left stale, and a reused process id never blocks a build.
public final class FolderLock: @unchecked Sendable {
    public static let fileName = ".plainsite-lock"

    private var descriptor: Int32
    private let path: String

    /// Takes the lock of `folder`, or fails at once when another process holds it.
    public init(folder: String) throws(FileSafetyError) {
        path = folder + "/" + Self.fileName
        // Never through a link or a hard link: the lock file is emptied and written below.
        descriptor = try SafeFiles.openOwnFile(path, flags: O_RDWR | O_CREAT)
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readPID(descriptor)
            close(descriptor)
            throw .locked(folder, pid: holder)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 32, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Lets go of the lock (the file stays, empty, for the next run to lock: removing it would
    /// let two runs lock two different files).
    public func release() {
        guard descriptor >= 0 else { return }
        // Emptied, so a finished build leaves the same bytes behind every time.
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
