import Foundation
import Project
import Support

/// The build output folder: an `OwnedFolder` (see there for the rules every writing command
/// follows), locked for the build. Sites are written to a staging folder inside it and moved
/// into place only when the whole build succeeds, so a failed or interrupted build leaves the
/// last good sites untouched.
public struct OutputFolder {
    public let owned: OwnedFolder
    public let lock: FolderLock
    public var root: URL { owned.root }
    public var staging: URL { owned.staging }

    /// Why the folder cannot be built into: a message, and whether the system failed (exit 3)
    /// rather than the request being unsafe (exit 2).
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        public let isSystemFailure: Bool
    }

    /// Claims and locks the folder, and clears whatever an interrupted build left in it.
    public init(root: URL, project: ProjectConfiguration, cache: URL, force: Bool, sites: [String]) throws(Problem) {
        do {
            owned = try OwnedFolder.claim(
                root, projectRoot: project.root, sources: project.sourceFolders + [cache], force: force,
                entries: sites + [StagedSite.recycleFolder, "_report"])
        } catch {
            throw Problem(description: error.description, isSystemFailure: error.isSystemFailure)
        }
        do {
            lock = try FolderLock(folder: owned.path)
        } catch {
            throw Problem(description: error.description, isSystemFailure: error.isSystemFailure)
        }
        do {
            try owned.clearInterrupted()
            _ = try owned.makeStaging()
        } catch {
            lock.release()
            throw Problem(description: error.description, isSystemFailure: error.isSystemFailure)
        }
    }

    public func stagingFolder(for site: String) -> URL { staging.appendingPathComponent(site) }

    /// Swaps each staged site into place: the old copy is moved aside, then removed.
    public func publish(_ sites: [String]) throws(FileSafetyError) {
        defer { lock.release() }
        try owned.publish(sites)
    }

    public func discardStaging() {
        try? SafeFiles.removeTree(staging.path)
        lock.release()
    }
}
