import Foundation

/// A folder that Plainsite writes into: the sites' output, a report's folder. Every command
/// that writes a folder of files claims it here first, so they all follow the same rules:
/// - never the project folder or a folder that holds it, even with `--force`, nor a folder inside
///   the project's own sources (`content/`, `themes/`, `.git`, the cache);
/// - never a symbolic link, and never through one (the folder itself and the entries Plainsite
///   replaces are looked at with `lstat`);
/// - a folder that already holds files must carry the marker file `.plainsite-output`, which
///   Plainsite writes into every folder it creates (`--force` writes the marker into one that
///   lacks it);
/// - Plainsite replaces only the entries it names, each a real folder or file of its own.
public struct OwnedFolder: Sendable {
    public static let marker = ".plainsite-output"
    static let markerText = "This folder is written by Plainsite. The entries it writes are replaced on every build.\n"
    /// Where entries are staged before they replace the live ones, and where old ones wait to be removed.
    static let stagingName = ".plainsite-staging", retiredName = ".plainsite-old"

    public let root: URL
    public var path: String { root.path }
    public var staging: URL { root.appendingPathComponent(Self.stagingName) }
    var retired: URL { root.appendingPathComponent(Self.retiredName) }

    /// Checks that `folder` may be written and marks it as Plainsite's. `option` names the
    /// command-line option for messages; `entries` are the names inside it that will be replaced.
    public static func claim(
        _ folder: URL, projectRoot: URL, sources: [URL] = [], force: Bool = false, option: String = "--output",
        entries: [String] = []
    ) throws(FileSafetyError) -> OwnedFolder {
        let owned = OwnedFolder(root: folder.standardizedFileURL)
        try owned.check(projectRoot: projectRoot, force: force, option: option)
        try owned.checkOutside(sources, option: option)
        let markerPath = owned.path + "/" + marker
        let marked = SafeFiles.kind(markerPath) == .file
        // A folder taken over with --force keeps whatever it held, on this run and every later
        // one: the names are written into the marker, and nothing of them is ever replaced.
        let foreign = marked ? keptNames(markerPath) : Set((try? FileManager.default.contentsOfDirectory(atPath: owned.path)) ?? [])
        for name in entries + [stagingName, retiredName, FolderLock.fileName, marker] {
            let path = owned.path + "/" + name
            try SafeFiles.requireNotLink(path)
            if name != marker && foreign.contains(name) && SafeFiles.kind(path) != .missing { throw .wouldReplace(path) }
        }
        try owned.create(keeping: marked ? [] : foreign.sorted())
        return owned
    }

    private func check(projectRoot: URL, force: Bool, option: String) throws(FileSafetyError) {
        let real = Self.realPath(root)
        let project = Self.realPath(projectRoot)
        if real == project || project.hasPrefix(real == "/" ? "/" : real + "/") {
            throw .projectFolder(path, holdsProject: real != project, option: option)
        }
        switch SafeFiles.kind(path) {
        case .missing: return
        case .folder: break
        case .link: throw .link(path, target: SafeFiles.linkTarget(path))
        default: throw .wrongKind(path, expected: .folder)
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if !entries.isEmpty && SafeFiles.kind(path + "/" + Self.marker) != .file && !force {
            throw .notOwned(path, option: option)
        }
    }

    /// Fails when the folder is one of `sources` or inside one (a marker planted there, or --force,
    /// would otherwise let Plainsite replace the pages it builds from), or holds one.
    private func checkOutside(_ sources: [URL], option: String) throws(FileSafetyError) {
        let real = Self.realPath(root)
        for source in sources {
            let folder = source.standardizedFileURL.resolvingSymlinksInPath().path
            if real == folder || real.hasPrefix(folder + "/") || folder.hasPrefix(real + "/") {
                throw .sourceFolder(path, source: source.standardizedFileURL.path, option: option)
            }
        }
    }

    /// The path with every link in its parent folders resolved, the last part as it is (so a
    /// link there is still seen as a link).
    static func realPath(_ url: URL) -> String {
        let standard = url.standardizedFileURL
        let parent = standard.deletingLastPathComponent().resolvingSymlinksInPath().path
        let name = standard.lastPathComponent
        if standard.path == "/" { return "/" }
        return (parent == "/" ? "" : parent) + "/" + name
    }

    /// Creates the folder and its marker, naming in it what was there before (`kept`).
    private func create(keeping kept: [String]) throws(FileSafetyError) {
        if SafeFiles.kind(path) == .missing { try Self.makeFolder(path) }
        try SafeFiles.requireNotLink(path, mustBe: .folder)
        let markerPath = path + "/" + Self.marker
        if SafeFiles.kind(markerPath) != .file {
            let names = kept.filter { !$0.contains("\n") }
            let list = names.isEmpty ? "" : Self.keptHeading + "\n" + names.map { $0 + "\n" }.joined()
            try SafeFiles.createFile(markerPath, with: Data((Self.markerText + list).utf8))
        }
    }

    static let keptHeading = "Plainsite never replaces these, which were here before it took the folder over:"

    /// The names a marker says were in the folder before Plainsite took it over.
    static func keptNames(_ markerPath: String) -> Set<String> {
        let text = String(decoding: FileManager.default.contents(atPath: markerPath) ?? Data(), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let heading = lines.firstIndex(of: keptHeading) else { return [] }
        return Set(lines[(heading + 1)...].filter { !$0.isEmpty })
    }

    /// Creates a folder and any missing parents (the parents the user named may be links).
    static func makeFolder(_ path: String) throws(FileSafetyError) {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path && !FileManager.default.fileExists(atPath: parent) { try makeFolder(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .io(path, errno: errno, action: "create the folder") }
    }

    /// Clears what an interrupted run left: staging, and old entries whose live copy is missing
    /// are put back (a run stopped while swapping).
    public func clearInterrupted() throws(FileSafetyError) {
        try SafeFiles.removeTree(staging.path)
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: retired.path)) ?? [] {
            let live = path + "/" + name, old = retired.path + "/" + name
            // Only a real folder or file goes back: a link left there is removed with the rest, never published.
            let kind = SafeFiles.kind(old)
            if kind == .folder || kind == .file, SafeFiles.kind(live) == .missing { _ = rename(old, live) }
        }
        try SafeFiles.removeTree(retired.path)
    }

    /// A fresh, empty staging folder for this run.
    public func makeStaging() throws(FileSafetyError) -> URL {
        try SafeFiles.removeTree(staging.path)
        if mkdir(staging.path, 0o755) != 0 { throw .io(staging.path, errno: errno, action: "create the folder") }
        return staging
    }

    /// Moves each staged entry (`staging/<name>`) into place as `<name>`: the live one is moved
    /// aside first, and removed (without following links) only once all are in place.
    public func publish(_ names: [String]) throws(FileSafetyError) {
        try SafeFiles.makeFolders(Self.retiredName, under: path)
        for name in names {
            let live = path + "/" + name
            try SafeFiles.requireNotLink(live)
            if SafeFiles.kind(live) != .missing, rename(live, retired.path + "/" + name) != 0 {
                throw .io(live, errno: errno, action: "move aside")
            }
            if rename(staging.path + "/" + name, live) != 0 { throw .io(live, errno: errno, action: "move into place") }
        }
        try SafeFiles.removeTree(retired.path)
        try SafeFiles.removeTree(staging.path)
    }
}
