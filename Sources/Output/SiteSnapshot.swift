import Foundation
import Support
import Synchronization

/// A site output that also copies files as they are (theme assets, content images and documents).
public protocol CopyingOutput: SiteOutput {
    func copy(_ source: URL, to relative: String, from owner: String) throws
}

extension StagedSite: CopyingOutput {}

/// One file of a site built into memory: its bytes, or the file it is a copy of.
public enum SnapshotFile: Sendable, Equatable {
    case data(Data)
    case source(URL)

    /// The file's bytes (read from its source for a copy); nil when a source cannot be read or
    /// is no longer a regular file (a link put in its place is not followed).
    public var contents: Data? {
        switch self {
        case .data(let data): data
        case .source(let url): SafeFiles.kind(url.path) == .file ? FileManager.default.contents(atPath: url.path) : nil
        }
    }
}

/// A whole built site held in memory, never changed once made: path inside the site → file.
public struct SiteSnapshot: Sendable {
    public let files: [String: SnapshotFile]
    /// Every folder that holds a file, as a path inside the site without a trailing slash.
    public let folders: Set<String>

    public init(files: [String: SnapshotFile]) {
        self.files = files
        var folders: Set<String> = [""]
        for path in files.keys {
            var end = path.endIndex
            while let slash = path[..<end].lastIndex(of: "/") {
                guard folders.insert(String(path[..<slash])).inserted else { break }
                end = slash
            }
        }
        self.folders = folders
    }
}

/// A site written into memory, refusing two writers of one path as `StagedSite` does; copied
/// files are kept as the file they come from.
public final class SnapshotOutput: CopyingOutput {
    private let stored = Mutex<[String: SnapshotFile]>([:])
    private let claims = Mutex(OutputClaims())

    public init() {}

    public func write(_ data: Data, to relative: String, from owner: String) throws {
        try store(.data(data), at: relative, from: owner)
    }

    public func copy(_ source: URL, to relative: String, from owner: String) throws {
        try store(.source(source), at: relative, from: owner)
    }

    private func store(_ file: SnapshotFile, at relative: String, from owner: String) throws {
        if let other = claims.withLock({ $0.claim(relative, by: owner) }) {
            throw OutputCollision(path: relative, first: other, second: owner)
        }
        stored.withLock { $0[relative] = file }
    }

    /// What was written, as an unchanging snapshot.
    public func snapshot() -> SiteSnapshot { SiteSnapshot(files: stored.withLock { $0 }) }
}
