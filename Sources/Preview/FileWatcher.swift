import Foundation

/// Notices changes to the files a build reads by comparing each file's size and modification
/// time between scans. Polling works the same on every system and, for a council site's few
/// thousand files, costs a few milliseconds a scan.
struct FileWatcher: Sendable {
    /// Folders searched recursively, and single files, each by absolute path.
    let paths: [URL]

    struct Stamp: Equatable, Sendable {
        var size: Int
        var modified: Double
    }

    /// The current state of every watched file (hidden files and folders are skipped).
    func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path.path, isDirectory: &isFolder) else { continue }
            if !isFolder.boolValue {
                if let stamp = stamp(of: path.path) { stamps[path.path] = stamp }
                continue
            }
            guard
                let walker = manager.enumerator(
                    at: path, includingPropertiesForKeys: [.fileSizeKey, .contentModificationDateKey],
                    options: [.skipsHiddenFiles])
            else { continue }
            for case let file as URL in walker {
                let values = try? file.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey])
                guard values?.isRegularFile == true else { continue }
                stamps[file.path] = Stamp(
                    size: values?.fileSize ?? 0,
                    modified: values?.contentModificationDate?.timeIntervalSince1970 ?? 0)
            }
        }
        return stamps
    }

    private func stamp(of path: String) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return Stamp(
            size: (attributes[.size] as? NSNumber)?.intValue ?? 0,
            modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
    }

    /// Files added, removed or changed between two snapshots, sorted.
    static func changes(from old: [String: Stamp], to new: [String: Stamp]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
