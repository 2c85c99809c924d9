import Foundation

/// The build's own file writing, with plain POSIX calls (Foundation's `Data.write` checks every
/// folder on the path and syncs each file, which 10,000 pages cannot afford).
enum FileIO {
    /// Writes every byte, retrying after interruptions; false on any failure.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    }

    /// Replaces a file whole: the bytes go to a new file beside it, which is then renamed over it,
    /// so a reader sees the old file or the new one, never part of one. Not synced: what a crash
    /// cuts short is caught by the checksums of the files that need them. False on any failure,
    /// with the old file left as it was.
    static func replace(_ path: String, with bytes: UnsafeRawBufferPointer) -> Bool {
        let temporary = path + "." + CachePack.randomName() + ".plainsite-tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let written = writeAll(descriptor, bytes)
        close(descriptor)
        guard written, rename(temporary, path) == 0 else { unlink(temporary); return false }
        return true
    }

    static func replace(_ path: String, with bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { replace(path, with: $0) }
    }

    /// A whole regular file's bytes, read straight into an array (not zeroed first) with room for
    /// `spare` more bytes; nil when it cannot be read.
    static func readAll(_ path: String, spare: Int = 0) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size + max(spare, 0)) { buffer, initialized in
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
