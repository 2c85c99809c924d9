import Foundation
import XCTest
import Yams

/// Reads the YAML recipes of docs/ci.md and runs their shell commands as CI would, on a copy of
/// the sample project, with the release tarball made locally in place of the download.
struct CIRecipeRunner {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each ```yaml block of docs/ci.md, by the "## " heading it is under.
    static func recipes() throws -> [String: String] {
        let text = try String(contentsOf: repository.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        var heading = "", block: [String]?, found: [String: String] = [:]
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("## ") { heading = String(line.dropFirst(3)) }
            if line == "```yaml" {
                block = []
            } else if line == "```", let lines = block {
                found[heading] = lines.joined(separator: "\n")
                block = nil
            } else if block != nil {
                block?.append(line)
            }
        }
        return found
    }

    /// A YAML mapping with its keys as text (`on:` is read by YAML 1.1 as `true`, and becomes "true").
    static func map(_ value: Any?) -> [String: Any] {
        guard let mapping = value as? [AnyHashable: Any] else { return [:] }
        return Dictionary(uniqueKeysWithValues: mapping.map { ("\($0.key.base)", $0.value) })
    }

    static func parse(_ yaml: String) throws -> [String: Any] {
        let parsed = map(try Yams.load(yaml: yaml))
        XCTAssertFalse(parsed.isEmpty, "the recipe is a YAML mapping")
        return parsed
    }

    let workspace: URL
    let fakeBin: URL
    let tarball: URL

    /// A folder with the release tarball for `version` (the built `plainsite`, README.md and
    /// LICENSE in `plainsite-<version>-linux-x86_64/`) and a `curl` that serves only that file.
    init(version: String) throws {
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-ci-recipe-\(UUID().uuidString)")
        fakeBin = workspace.appendingPathComponent("bin")
        let name = "plainsite-\(version)-linux-x86_64"
        let release = workspace.appendingPathComponent("release/\(name)")
        let manager = FileManager.default
        try manager.createDirectory(at: release, withIntermediateDirectories: true)
        try manager.createDirectory(at: fakeBin, withIntermediateDirectories: true)
        try manager.copyItem(at: TestProject.executable, to: release.appendingPathComponent("plainsite"))
        for file in ["README.md", "LICENSE"] {
            try manager.copyItem(at: Self.repository.appendingPathComponent(file), to: release.appendingPathComponent(file))
        }
        tarball = workspace.appendingPathComponent("\(name).tar.gz")
        let made = try Self.shell("tar -czf '\(tarball.path)' -C '\(release.deletingLastPathComponent().path)' '\(name)'", in: workspace, environment: [:])
        XCTAssertEqual(made.status, 0, made.err)
        let curl =
            "#!/bin/sh\nfor a; do url=$a; done\ncase \"$url\" in\n  https://*/\(name).tar.gz) exec cat '\(tarball.path)' ;;\nesac\necho \"curl: unexpected address $url\" >&2\nexit 22\n"
        try Data(curl.utf8).write(to: fakeBin.appendingPathComponent("curl"))
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeBin.appendingPathComponent("curl").path)
    }

    func remove() { try? FileManager.default.removeItem(at: workspace) }

    /// A copy of the sample project (plainsite.yml, content/, themes/) in its own folder.
    func sampleProject(_ name: String) throws -> URL {
        let root = workspace.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for entry in ["plainsite.yml", "content", "themes"] {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(entry), to: root.appendingPathComponent(entry))
        }
        return root
    }

    /// The PATH of a CI job: the fake `curl`, then the system's; never the folder of the built `plainsite`.
    var systemPath: String { fakeBin.path + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }

    /// Runs a script as GitHub Actions and GitLab run a step: bash that stops at the first failure.
    static func shell(_ script: String, in folder: URL, environment: [String: String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--noprofile", "--norc", "-eo", "pipefail", "-c", script]
        process.currentDirectoryURL = folder
        var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GITHUB_") && !$0.key.hasPrefix("CI") }
        base["NO_COLOR"] = "1"
        process.environment = base.merging(environment) { $1 }
        let outFile = folder.appendingPathComponent("../stdout-\(UUID().uuidString)").standardizedFileURL
        let errFile = folder.appendingPathComponent("../stderr-\(UUID().uuidString)").standardizedFileURL
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outFile); try? FileManager.default.removeItem(at: errFile) }
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: outFile, encoding: .utf8), try String(contentsOf: errFile, encoding: .utf8))
    }

    /// Runs every `run:` step of a GitHub Actions job in order but the one installing Debian
    /// packages, as the runner would (GITHUB_PATH, GITHUB_WORKSPACE, the workflow's env), until one fails.
    func runGitHubJob(_ workflow: [String: Any], job: String, in project: URL) throws -> (status: Int32, out: String, err: String) {
        let steps = Self.map(Self.map(workflow["jobs"])[job])["steps"] as? [Any] ?? []
        let githubPath = project.appendingPathComponent("../github-path-\(UUID().uuidString)").standardizedFileURL
        _ = FileManager.default.createFile(atPath: githubPath.path, contents: nil)
        var environment = Self.map(workflow["env"]).mapValues { "\($0)" }
        environment["GITHUB_ACTIONS"] = "true"
        environment["GITHUB_WORKSPACE"] = project.path
        environment["GITHUB_PATH"] = githubPath.path
        var out = "", err = ""
        for step in steps.map(Self.map) {
            guard let script = step["run"] as? String, !script.contains("apt-get") else { continue }
            let added = try String(contentsOf: githubPath, encoding: .utf8).split(separator: "\n").reversed()
            environment["PATH"] = (added.map(String.init) + [systemPath]).joined(separator: ":")
            let result = try Self.shell(script, in: project, environment: environment)
            out += result.out
            err += result.err
            if result.status != 0 { return (result.status, out, err) }
        }
        return (0, out, err)
    }

    /// Runs a GitLab job's `before_script` (from `default:`) and `script` as one shell, as the
    /// runner does, but the lines installing Debian packages; with the file's `variables:`.
    func runGitLabJob(_ pipeline: [String: Any], job: String, in project: URL) throws -> (status: Int32, out: String, err: String) {
        let before = Self.map(pipeline["default"])["before_script"] as? [String] ?? []
        let script = Self.map(pipeline[job])["script"] as? [String] ?? []
        XCTAssertFalse(script.isEmpty, "the \(job) job has a script")
        var environment = Self.map(pipeline["variables"]).mapValues { "\($0)" }
        environment["GITLAB_CI"] = "true"
        environment["PATH"] = systemPath
        let lines = (before + script).filter { !$0.contains("apt-get") }
        return try Self.shell(lines.joined(separator: "\n"), in: project, environment: environment)
    }
}
