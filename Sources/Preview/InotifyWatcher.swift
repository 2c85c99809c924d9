#if os(Linux)
import Glibc
import Synchronization

/// Learns from the kernel (inotify) which files changed, with a watch on every folder of the
/// watched trees and on the folder holding each watched path (for the path itself to appear,
/// go or be replaced). Hidden files and folders inside the trees are ignored; links are never
/// followed.
final class InotifyWatcher: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// The system's limit on watches was reached (fs.inotify.max_user_watches).
        var outOfWatches = false
    }

    /// A watched folder; `names` limits the events to those entries, nil means every entry
    /// not hidden, with the subfolders watched too.
    struct Folder {
        var path: String
        var names: Set<String>?
    }

    /// The watches, by watch descriptor.
    struct State {
        var folders: [Int32: Folder] = [:]
    }

    private static let mask = UInt32(
        IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_ATTRIB | IN_DONT_FOLLOW
            | IN_ONLYDIR)

    /// The absolute paths watched: folders (recursively) and single files.
    let paths: [String]
    private let descriptor: Int32
    private let state: Mutex<State>

    init(paths: [String]) throws {
        self.paths = paths
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw Failure(description: "inotify_init1: \(String(cString: strerror(errno)))") }
        var state = State()
        var found = Set<String>()
        do {
            for path in paths {
                let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
                let name = String(path.split(separator: "/").last ?? "")
                try state.watch(parent.isEmpty ? "/" : parent, names: [name], descriptor)
                if PollingWatcher.lstamp(path)?.1 == true { try state.watchTree(path, descriptor, found: &found) }
            }
        } catch {
            close(descriptor)
            throw error
        }
        self.state = Mutex(state)
    }

    deinit { close(descriptor) }

    /// Waits up to `timeout` for a change, then until `settle` passes with no new event (at most
    /// a second in all); returns the changed paths, sorted. A folder moved or deleted is named
    /// itself (everything under it changed); after lost events, the watched paths are named.
    func waitForChanges(timeout: Duration, settle: Duration) throws -> [String] {
        guard readable(within: timeout) else { return [] }
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: .seconds(1))
        var changed = Set<String>()
        repeat {
            try drain(into: &changed)
        } while clock.now < end && readable(within: settle)
        return changed.sorted()
    }

    /// Whether events are waiting, or arrive within `timeout`.
    private func readable(within timeout: Duration) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return poll(&request, 1, milliseconds) > 0
    }

    /// Reads every waiting event and notes the paths they name.
    private func drain(into changed: inout Set<String>) throws {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            guard count > 0 else { return }
            var offset = 0
            while offset + 16 <= count {
                let (watch, flags, length) = buffer.withUnsafeBytes { bytes in
                    (
                        bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                        bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                        Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    )
                }
                let name = String(decoding: buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }, as: UTF8.self)
                offset += 16 + length
                try state.withLock { state in
                    try handle(watch: watch, flags: flags, name: name, state: &state, changed: &changed)
                }
            }
        }
    }

    /// Notes the path one event names, and watches a folder that appeared in a watched tree.
    private func handle(watch: Int32, flags: UInt32, name: String, state: inout State, changed: inout Set<String>) throws {
        if flags & UInt32(IN_Q_OVERFLOW) != 0 {
            changed.formUnion(paths)
            return
        }
        guard let folder = state.folders[watch] else { return }
        if flags & UInt32(IN_IGNORED) != 0 {
            state.folders[watch] = nil
            return
        }
        if name.isEmpty {
            if flags & UInt32(IN_DELETE_SELF) != 0 && folder.names == nil { changed.insert(folder.path) }
            return
        }
        if let names = folder.names {
            guard names.contains(name) else { return }
        } else if name.hasPrefix(".") {
            return
        }
        let path = folder.path == "/" ? "/" + name : folder.path + "/" + name
        guard flags & UInt32(IN_ISDIR) != 0 else {
            changed.insert(path)
            return
        }
        if flags & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            // Files may have been made in it before its watch was added: each is named.
            try state.watchTree(path, descriptor, found: &changed)
        } else if flags & UInt32(IN_MOVED_FROM | IN_DELETE) != 0 {
            state.unwatch(under: path, descriptor)
            changed.insert(path)
        }
    }
}

extension InotifyWatcher.State {
    /// Watches one folder (no error when it is missing or not a folder).
    mutating func watch(_ path: String, names: Set<String>?, _ descriptor: Int32) throws {
        let watch = inotify_add_watch(descriptor, path, InotifyWatcher.mask)
        guard watch >= 0 else {
            if errno == ENOSPC {
                throw InotifyWatcher.Failure(description: "the system's limit on watched folders was reached", outOfWatches: true)
            }
            if errno == ENOENT || errno == ENOTDIR || errno == EACCES || errno == ELOOP { return }
            throw InotifyWatcher.Failure(description: "inotify_add_watch \(path): \(String(cString: strerror(errno)))")
        }
        var merged = names
        if let earlier = folders[watch] {
            // A folder watched whole and for some names is watched whole.
            merged = earlier.names.flatMap { earlierNames in names.map { earlierNames.union($0) } }
        }
        folders[watch] = InotifyWatcher.Folder(path: path, names: merged)
    }

    /// Watches a folder and every folder under it not hidden, naming every file found in `found`.
    mutating func watchTree(_ path: String, _ descriptor: Int32, found: inout Set<String>) throws {
        try watch(path, names: nil, descriptor)
        for name in PollingWatcher.entries(of: path) where !name.hasPrefix(".") {
            let child = path + "/" + name
            guard let (stamp, isFolder) = PollingWatcher.lstamp(child) else { continue }
            if isFolder {
                try watchTree(child, descriptor, found: &found)
            } else if stamp != nil {
                found.insert(child)
            }
        }
    }

    /// Stops watching a folder moved away or deleted, and every folder under it.
    mutating func unwatch(under path: String, _ descriptor: Int32) {
        for (watch, folder) in folders where folder.path == path || folder.path.hasPrefix(path + "/") {
            inotify_rm_watch(descriptor, watch)
            folders[watch] = nil
        }
    }
}
#endif
