import Diagnostics
import Foundation
import Report
import SiteBuilder
import Support

/// `build --ci-artifacts DIR`: the build's findings as files for CI (SARIF, JUnit, JSON and the
/// HTML report), written whether or not the build passed, into a folder Plainsite owns.
struct CIArtifacts {
    static let sarif = "report.sarif", junit = "junit.xml", json = "findings.json", report = "report"
    /// The names written in the folder, each replaced whole on every run.
    static let entries = [sarif, junit, json, report]

    let folder: URL
    let projectRoot: URL
    /// Folders the artefacts may not be written into (the content, the theme, `.git`).
    let sources: [URL]

    init(_ path: String, projectRoot: URL, sources: [URL]) {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        folder = URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL
        self.projectRoot = projectRoot
        self.sources = sources
    }

    /// For a project whose plainsite.yml could not be read: its usual source folders are refused.
    init(_ path: String, configFile: URL) {
        let root = configFile.deletingLastPathComponent()
        self.init(path, projectRoot: root, sources: ["content", "themes", ".git", ".plainsite-cache"].map { root.appendingPathComponent($0) })
    }

    /// True on GitHub Actions, where the findings are also printed as annotations.
    static var onGitHubActions: Bool { ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" }

    /// Fails (printing why, exit 2 or 3) when the folder may not be written, before any time is spent building.
    func check() throws {
        try Terminal.failing { () throws(FileSafetyError) in _ = try claim() }
    }

    private func claim() throws(FileSafetyError) -> OwnedFolder {
        try OwnedFolder.claim(folder, projectRoot: projectRoot, sources: sources, option: "--ci-artifacts", entries: Self.entries)
    }

    /// Writes every file into the folder's staging area first, then puts them all in place
    /// together, so CI never reads a SARIF file from one run beside a report from another.
    func write(_ diagnostics: [Diagnostic], checked files: [String], report: ContentReport) throws {
        let outputs = Self.files(diagnostics, checked: files, report: report)
        try Terminal.failing { () throws(FileSafetyError) in
            let owned = try claim()
            let lock = try FolderLock(folder: owned.path)
            defer { lock.release() }
            try owned.clearInterrupted()
            let staging = try owned.makeStaging()
            try SafeFiles.makeFolders(Self.report, under: staging.path)
            for (path, bytes) in outputs.sorted(by: { $0.key < $1.key }) {
                try SafeFiles.makeFolders((path as NSString).deletingLastPathComponent, under: staging.path)
                try SafeFiles.createFile(staging.path + "/" + path, with: Data(bytes))
            }
            try owned.publish(Self.entries)
        }
    }

    /// Each file's bytes by its path in the folder; `files` are every page checked (JUnit's passing test cases).
    static func files(_ diagnostics: [Diagnostic], checked files: [String], report: ContentReport) -> [String: [UInt8]] {
        var outputs: [String: [UInt8]] = [
            sarif: Array(SARIFReporter(toolVersion: Plainsite.version).report(diagnostics).utf8),
            junit: Array(JUnitReporter().report(diagnostics, files: files, suite: "build").utf8),
            json: JSONReporter().reportBytes(diagnostics),
        ]
        for (path, text) in report.files() { outputs[Self.report + "/" + path] = Array(text.utf8) }
        return outputs
    }

    /// On GitHub Actions, prints the findings as workflow commands, which GitHub shows as
    /// annotations on the pull request (unless `--format github` printed them already).
    static func printAnnotations(_ diagnostics: [Diagnostic], besides format: OutputFormat) {
        guard onGitHubActions, format != .github, !diagnostics.isEmpty else { return }
        Terminal.printOutput(parts: OutputFormat.github.renderParts(diagnostics, colour: false))
    }
}
