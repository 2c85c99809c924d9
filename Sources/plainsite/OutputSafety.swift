import Foundation
import SiteBuilder

/// Checks the folder a build will write into before anything in it is replaced: never the
/// project itself, never a folder of someone else's files, never a full folder outside the
/// working folder, unless `--force` says the editor really means it.
enum OutputSafety {
    static let marker = ".plainsite-output"

    /// What is wrong with building into `output`, or nil when it is safe.
    static func problem(output: URL, projectRoot: URL, workingFolder: URL) -> String? {
        let manager = FileManager.default
        let target = output.standardizedFileURL.resolvingSymlinksInPath().path
        let project = projectRoot.standardizedFileURL.resolvingSymlinksInPath().path
        let working = workingFolder.standardizedFileURL.resolvingSymlinksInPath().path
        if target == project || isInside(project, folder: target) {
            return "--output \(output.path) \(target == project ? "is the project folder" : "holds the project folder") (with plainsite.yml and content/), so a build there would replace your own files. Choose a folder for the built sites, such as --output site, or add --force if you really mean it."
        }
        let entries = (try? manager.contentsOfDirectory(atPath: target)) ?? []
        guard !entries.isEmpty else { return nil }
        if !isInside(target, folder: working) {
            return "--output \(output.path) is outside the folder you are working in (\(working)) and already holds files, which a build would replace. Choose a new or empty folder, or one inside \(working), or add --force if you are sure."
        }
        if !entries.contains(marker) {
            return "\(output.path) already holds files that Plainsite did not write, so it will not replace them. Choose an empty or new folder with --output, or add --force to let Plainsite take the folder over."
        }
        return nil
    }

    /// With --force: marks the folder as Plainsite's own, so the build may replace its sites.
    static func adopt(_ output: URL) throws {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let file = output.appendingPathComponent(marker)
        if !FileManager.default.fileExists(atPath: file.path) {
            try Data("This folder is written by Plainsite. Its contents are replaced on every build.\n".utf8).write(to: file)
        }
    }

    static func isInside(_ path: String, folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }
}
