import Foundation
import Support

/// The build output folder: an `OwnedFolder` (see there for the rules every writing command
/// follows), locked for the build. Sites are written to a staging folder inside it and moved
/// into place only when the whole build succeeds, so a failed or interrupted build leaves the
/// last good sites untouched.
struct OutputFolder {
    let owned: OwnedFolder
    let lock: FolderLock
    var root: URL { owned.root }
    var staging: URL { owned.staging }

    /// Why the folder cannot be built into: a message, and whether the system failed (exit 3)
    /// rather than the request being unsafe (exit 2).
    struct Problem: Error, CustomStringConvertible {
        let description: String
        let isSystemFailure: Bool
    }

    /// Claims and locks the folder, and clears whatever an interrupted build left in it.
    init(root: URL, project: ProjectConfiguration, cache: URL, force: Bool, sites: [String]) throws(Problem) {
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

    func stagingFolder(for site: String) -> URL { staging.appendingPathComponent(site) }

    /// Swaps each staged site into place: the old copy is moved aside, then removed.
    func publish(_ sites: [String]) throws(FileSafetyError) {
        defer { lock.release() }
        try owned.publish(sites)
    }

    func discardStaging() {
        try? SafeFiles.removeTree(staging.path)
        lock.release()
    }
}

extension ProjectConfiguration {
    /// The folders the project is built from, which no command may write into (see `OwnedFolder`).
    public var sourceFolders: [URL] {
        ["content", "themes", ".git", ".plainsite-cache"].map { root.appendingPathComponent($0) }
            + sites.map { root.appendingPathComponent($0.contentFolder) }
    }
}

extension Builder {
    /// Why a file inside a published site may not be replaced (a folder on its way is a link), or nil.
    static func linkOnTheWay(to relative: String, under folder: String) -> String? {
        do {
            try SafeFiles.makeFolders((relative as NSString).deletingLastPathComponent, under: String(folder.dropLast()))
            try SafeFiles.requireNotLink(folder + relative)
            return nil
        } catch {
            return error.description
        }
    }
}
