import Foundation

/// File operations that never follow a symbolic link: every command that writes or removes
/// files goes through these, so Plainsite cannot delete or write through anything it did not
/// create (see docs/security.md).
public enum SafeFiles {
    /// What is at a path, looked at without following a link (`lstat`).
    public enum Kind: Equatable, Sendable {
        case missing, file, folder, link, other
    }

    public static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// Where a symbolic link points, for messages.
    public static func linkTarget(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
    }

    /// True when a link's target (relative to the link's folder) is a folder.
    static func isFolder(_ target: String, beside link: String) -> Bool {
        let full = target.hasPrefix("/") ? target : (link as NSString).deletingLastPathComponent + "/" + target
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: full, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// Fails when `path` is a symbolic link or, with `mustBe`, anything but that kind (a missing path passes).
    public static func requireNotLink(_ path: String, mustBe expected: Kind? = nil) throws(FileSafetyError) {
        let found = kind(path)
        if found == .link { throw .link(path, target: linkTarget(path)) }
        if let expected, found != .missing, found != expected { throw .wrongKind(path, expected: expected) }
    }

    /// Fails when `path`, or any folder on the way to it from `root`, is a symbolic link (for a
    /// path outside `root`, only its last part is looked at).
    public static func requireNoLinks(_ path: String, below root: String) throws(FileSafetyError) {
        guard path.hasPrefix(root + "/") else { return try requireNotLink(path) }
        var current = root
        for part in path.dropFirst(root.count + 1).split(separator: "/") {
            current += "/" + part
            try requireNotLink(current)
        }
    }

    /// Creates the folders of `relative` under `root` one by one; each that exists must be a
    /// real folder, not a link to one.
    public static func makeFolders(_ relative: String, under root: String) throws(FileSafetyError) {
        var path = root
        for part in relative.split(separator: "/") where !part.isEmpty && part != "." {
            guard part != ".." else { throw .outside(relative, root: root) }
            path += "/" + part
            switch kind(path) {
            case .folder: continue
            case .missing:
                if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .io(path, errno: errno, action: "create the folder") }
                try requireNotLink(path, mustBe: .folder)
            case .link: throw .link(path, target: linkTarget(path))
            default: throw .wrongKind(path, expected: .folder)
            }
        }
    }

    /// Removes a file, a link (the link itself) or a folder with everything in it, never
    /// following a link: links inside are removed as links, and their targets are untouched.
    public static func removeTree(_ path: String) throws(FileSafetyError) {
        switch kind(path) {
        case .missing: return
        case .folder:
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw .io(path, errno: errno, action: "open the folder") }
            try removeContents(of: descriptor, path: path)
            if rmdir(path) != 0 && errno != ENOENT { throw .io(path, errno: errno, action: "remove the folder") }
        default:
            if unlink(path) != 0 && errno != ENOENT { throw .io(path, errno: errno, action: "remove") }
        }
    }

    /// Empties an open folder (closing its descriptor), descending only into real folders.
    private static func removeContents(of descriptor: Int32, path: String) throws(FileSafetyError) {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            throw .io(path, errno: errno, action: "read the folder")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        for name in names {
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { throw .io(path + "/" + name, errno: errno, action: "open the folder") }
                try removeContents(of: child, path: path + "/" + name)
                if unlinkat(descriptor, name, AT_REMOVEDIR) != 0 && errno != ENOENT {
                    throw .io(path + "/" + name, errno: errno, action: "remove the folder")
                }
            } else if unlinkat(descriptor, name, 0) != 0 && errno != ENOENT {
                throw .io(path + "/" + name, errno: errno, action: "remove")
            }
        }
    }

    /// Replaces a regular file whole (a new file beside it, renamed over it), so a reader sees the
    /// old file or the new one. A link at `path` is refused, never written through or replaced.
    /// With `expected`, the file must still hold exactly those bytes (it was not changed since it
    /// was read), or nothing is written. The file keeps its permissions. With `root`, no folder on
    /// the way from it may be a link either (a content folder linked elsewhere is not written).
    public static func replaceFile(_ path: String, with data: Data, expected: Data? = nil, within root: String? = nil) throws(FileSafetyError) {
        if let root { try requireNoLinks(path, below: root) }
        try requireNotLink(path, mustBe: .file)
        var mode: mode_t = 0o644
        var info = stat()
        if lstat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
        if let expected, FileManager.default.contents(atPath: path) != expected { throw .changedSinceRead(path) }
        let temporary = path + ".plainsite-\(UInt32.random(in: 0...UInt32.max))-tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .io(path, errno: errno, action: "write") }
        let written = data.withUnsafeBytes { writeAll(descriptor, $0) }
        let writeError = errno
        _ = fchmod(descriptor, mode)
        close(descriptor)
        guard written else {
            unlink(temporary)
            throw .io(path, errno: writeError, action: "write")
        }
        if let expected, FileManager.default.contents(atPath: path) != expected {
            unlink(temporary)
            throw .changedSinceRead(path)
        }
        guard rename(temporary, path) == 0 else {
            let error = errno
            unlink(temporary)
            throw .io(path, errno: error, action: "write")
        }
    }

    /// Opens a file that Plainsite writes in place (a lock, a journal), never through a link, and
    /// only when it is a regular file with no other name: through a hard link, writing in place
    /// would change a file elsewhere. The caller closes the descriptor.
    public static func openOwnFile(_ path: String, flags: Int32) throws(FileSafetyError) -> Int32 {
        let descriptor = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw .link(path, target: linkTarget(path)) }
            throw .io(path, errno: errno, action: "open")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else {
            close(descriptor)
            if info.st_mode & S_IFMT == S_IFREG { throw .hardLink(path) }
            throw .wrongKind(path, expected: .file)
        }
        return descriptor
    }

    /// Creates a new file, failing when anything (a file, a folder or a link) is already there.
    public static func createFile(_ path: String, with data: Data) throws(FileSafetyError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .exists(path) }
            throw .io(path, errno: errno, action: "write")
        }
        let written = data.withUnsafeBytes { writeAll(descriptor, $0) }
        let error = errno
        close(descriptor)
        if !written {
            unlink(path)
            throw .io(path, errno: error, action: "write")
        }
    }

    /// Writes every byte, retrying after interruptions; false on failure, with `errno` set.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }
}
