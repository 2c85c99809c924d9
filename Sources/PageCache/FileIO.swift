import Foundation
import Support

/// The cache's own file reading, with plain POSIX calls.
enum FileIO {
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
