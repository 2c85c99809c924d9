import Foundation

/// The build output folder. Sites are written to a staging folder inside it and
/// moved into place only when the whole build succeeds, so a failed or interrupted
/// build leaves the last good sites untouched.
struct OutputFolder {
    static let marker = ".plainsite-output"
    let root: URL
    var staging: URL { root.appendingPathComponent(".plainsite-staging") }
    var retired: URL { root.appendingPathComponent(".plainsite-old") }

    enum Problem: Error, CustomStringConvertible {
        case notPlainsiteOutput(String)
        case io(String)

        var description: String {
            switch self {
            case let .notPlainsiteOutput(path):
                "\(path) already holds files that Plainsite did not write, so it will not replace them. Choose an empty or new folder with --output."
            case let .io(message): message
            }
        }
    }

    /// Makes sure the folder exists and is Plainsite's own, and clears any staging left by an interrupted build.
    func prepare() throws {
        let manager = FileManager.default
        let markerFile = root.appendingPathComponent(OutputFolder.marker)
        if manager.fileExists(atPath: root.path) {
            let entries = (try? manager.contentsOfDirectory(atPath: root.path)) ?? []
            if !entries.isEmpty && !manager.fileExists(atPath: markerFile.path) {
                throw Problem.notPlainsiteOutput(root.path)
            }
        }
        do {
            try manager.createDirectory(at: root, withIntermediateDirectories: true)
            try Data("This folder is written by Plainsite. Its contents are replaced on every build.\n".utf8)
                .write(to: markerFile)
            try? manager.removeItem(at: staging)
            try? manager.removeItem(at: retired)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw Problem.io("Could not prepare the output folder \(root.path): \(error.localizedDescription)")
        }
    }

    func stagingFolder(for site: String) -> URL { staging.appendingPathComponent(site) }

    /// Swaps each staged site into place: the old copy is moved aside, then removed.
    func publish(_ sites: [String]) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: retired, withIntermediateDirectories: true)
            for site in sites {
                let live = root.appendingPathComponent(site)
                if manager.fileExists(atPath: live.path) {
                    try manager.moveItem(at: live, to: retired.appendingPathComponent(site))
                }
                try manager.moveItem(at: stagingFolder(for: site), to: live)
            }
            try manager.removeItem(at: retired)
            try manager.removeItem(at: staging)
        } catch {
            throw Problem.io("Could not move the new site into \(root.path): \(error.localizedDescription)")
        }
    }

    func discardStaging() {
        try? FileManager.default.removeItem(at: staging)
    }
}

/// Writes files under one staged site folder, creating folders as needed.
struct SiteWriter {
    let folder: URL

    func write(_ contents: String, to relative: String) throws {
        try write(Data(contents.utf8), to: relative)
    }

    func write(_ data: Data, to relative: String) throws {
        let file = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    func copy(_ source: URL, to relative: String) throws {
        let file = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: file)
    }
}
