import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices changes by comparing each file's size, modification time and inode between scans:
/// the fallback where inotify is missing or has run out of watches. The walk uses lstat, so it
/// never follows links, and skips hidden files and folders inside the watched folders.
final class PollingWatcher: Sendable {
    /// Folders searched recursively, and single files, each by absolute path.
    let paths: [String]
    let interval: Duration
    private let last: Mutex<[String: Stamp]>

    struct Stamp: Equatable, Sendable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    init(paths: [String], interval: Duration) {
        self.paths = paths
        self.interval = interval
        last = Mutex(PollingWatcher.snapshot(of: paths))
    }

    /// Scans every `interval` until a scan differs from the last, then scans again after
    /// `settle` until two scans agree; returns the changed paths, sorted (none after `timeout`).
    func waitForChanges(timeout: Duration, settle: Duration) -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var changed = Set<String>()
        var previous = last.withLock { $0 }
        while changed.isEmpty && clock.now < deadline {
            Thread.sleep(forTimeInterval: PollingWatcher.seconds(interval))
            let next = PollingWatcher.snapshot(of: paths)
            changed = Set(PollingWatcher.changes(from: previous, to: next))
            previous = next
        }
        // Editors save in several steps: wait until a scan finds nothing new.
        while !changed.isEmpty {
            Thread.sleep(forTimeInterval: PollingWatcher.seconds(settle))
            let next = PollingWatcher.snapshot(of: paths)
            let more = PollingWatcher.changes(from: previous, to: next)
            previous = next
            if more.isEmpty { break }
            changed.formUnion(more)
        }
        last.withLock { $0 = previous }
        return changed.sorted()
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The current state of every watched file; a named file is stamped even when hidden.
    static func snapshot(of paths: [String]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for path in paths {
            guard let (stamp, isFolder) = lstamp(path) else { continue }
            if isFolder { walk(path, into: &stamps) } else if let stamp { stamps[path] = stamp }
        }
        return stamps
    }

    /// The stamp of a regular file (nil for anything else) and whether the path is a real folder.
    static func lstamp(_ path: String) -> (Stamp?, Bool)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { return (nil, true) }
        guard kind == S_IFREG else { return (nil, false) }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return (
            Stamp(size: Int64(info.st_size), seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec), inode: UInt64(info.st_ino)),
            false
        )
    }

    /// Stamps every regular file under `folder`, skipping hidden names and not following links.
    static func walk(_ folder: String, into stamps: inout [String: Stamp]) {
        for name in entries(of: folder) where !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard let (stamp, isFolder) = lstamp(path) else { continue }
            if isFolder { walk(path, into: &stamps) } else if let stamp { stamps[path] = stamp }
        }
    }

    /// The names in a folder, without "." and "..".
    static func entries(of folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Files added, removed or changed between two snapshots, sorted.
    static func changes(from old: [String: Stamp], to new: [String: Stamp]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
