import Foundation

/// Why Plainsite would not, or could not, write or remove a file: each says where, and what to do.
public enum FileSafetyError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A symbolic link where Plainsite writes its own files.
    case link(String, target: String)
    /// Something other than the file or folder Plainsite expects.
    case wrongKind(String, expected: SafeFiles.Kind)
    /// A folder that holds files Plainsite did not write.
    case notOwned(String, option: String)
    /// Something Plainsite did not write, where it would write (in a folder taken over with --force).
    case wouldReplace(String)
    /// The project folder, or a folder that holds it.
    case projectFolder(String, holdsProject: Bool, option: String)
    /// A folder inside (or holding) the project's own sources: content, themes, the repository, the cache.
    case sourceFolder(String, source: String, option: String)
    /// A path that leads outside the folder it must stay in.
    case outside(String, root: String)
    /// A file that changed after Plainsite read it.
    case changedSinceRead(String)
    /// A file that is already there.
    case exists(String)
    /// A file with another name elsewhere (a hard link), which writing in place would change too.
    case hardLink(String)
    /// A folder another Plainsite command is writing into (its lock is held).
    case locked(String, pid: Int32?)
    /// A failure of the system: a full disk, a read-only folder, missing permission.
    case io(String, errno: Int32, action: String)

    public var description: String {
        switch self {
        case let .link(path, target):
            "\(path) is a symbolic link (to \(target)). Plainsite never writes or deletes through a link, so it stopped without changing anything. Remove the link and run the command again, or name the \(SafeFiles.isFolder(target, beside: path) ? "folder" : "file") it points to instead."
        case let .wrongKind(path, expected):
            "\(path) is not a \(expected == .folder ? "folder" : "regular file"), so Plainsite will not write there. Move it away, or choose another place."
        case let .notOwned(path, option):
            "\(path) already holds files that Plainsite did not write, so it will not replace them. Choose an empty or new folder with \(option), or add --force to let Plainsite take the folder over (it then replaces only what it writes)."
        case let .wouldReplace(path):
            "\(path) is already there and Plainsite did not write it, so it will not replace it. Move it away, or choose another folder."
        case let .projectFolder(path, holdsProject, option):
            "\(option) \(path) \(holdsProject ? "holds the project folder" : "is the project folder") (with plainsite.yml and content/), so writing there would replace your own files. Choose a folder of its own, such as \(option) site."
        case let .sourceFolder(path, source, option):
            "\(option) \(path) would mix the output with the project's own files in \(source) (content, themes, the repository or the build cache), where writing could replace them. Plainsite stopped without changing anything. Choose a folder of its own, such as \(option) site."
        case let .outside(path, root):
            "\(path) leads outside \(root), so Plainsite will not write it."
        case let .changedSinceRead(path):
            "\(path) changed while Plainsite was reading it, so it was left as it is. Save your work, then run the command again."
        case let .exists(path):
            "\(path) already exists, so nothing was written."
        case let .hardLink(path):
            "\(path) is a hard link: the same file has another name elsewhere, and writing it would change that file too. Plainsite stopped without changing anything. Remove \(path) and run the command again."
        case let .locked(folder, pid):
            "Another Plainsite command\(pid.map { " (process \($0))" } ?? "") is writing into \(folder). Wait for it to finish, or stop it, then run the command again."
        case let .io(path, code, action):
            SafeFiles.systemMessage(path: path, errno: code, action: action)
        }
    }

    /// True for failures of the system (full disk, no permission), which exit with 3.
    public var isSystemFailure: Bool {
        if case .io = self { return true }
        return false
    }
}

extension SafeFiles {
    /// A plain message for a failed system call: what could not be done, where, and why.
    public static func systemMessage(path: String, errno code: Int32, action: String) -> String {
        switch code {
        case ENOSPC, EDQUOT:
            "no space left on the disk for \(path): could not \(action). Free some space, then run the command again."
        case EACCES, EPERM:
            "cannot \(action) \(path): permission denied. Check that you may write to that folder, or choose another."
        case EROFS:
            "cannot \(action) \(path): the disk is read-only. Choose a folder you can write to."
        default:
            "cannot \(action) \(path): \(String(cString: strerror(code)))."
        }
    }
}
