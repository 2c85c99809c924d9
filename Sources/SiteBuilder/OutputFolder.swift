import Foundation

/// The build output folder. Sites are written to a staging folder inside it and
/// moved into place only when the whole build succeeds, so a failed or interrupted
/// build leaves the last good sites untouched.
struct OutputFolder {
    static let marker = ".plainsite-output"
    let root: URL
    var staging: URL { root.appendingPathComponent(".plainsite-staging") }
    var retired: URL { root.appendingPathComponent(".plainsite-old") }
    /// Holds the process id of the build writing into the folder, so two builds never write at once.
    var lock: URL { root.appendingPathComponent(".plainsite-lock") }

    enum Problem: Error, CustomStringConvertible {
        case notPlainsiteOutput(String)
        case locked(String, pid: Int32)
        case io(String)

        var description: String {
            switch self {
            case let .notPlainsiteOutput(path):
                "\(path) already holds files that Plainsite did not write, so it will not replace them. Choose an empty or new folder with --output."
            case let .locked(path, pid):
                "Another Plainsite build (process \(pid)) is writing into \(path). Wait for it to finish, or stop it, then build again. If no build is running, delete \(path)/.plainsite-lock."
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
        } catch {
            throw Problem.io("Could not prepare the output folder \(root.path): \(error.localizedDescription)")
        }
        try takeLock()
        do {
            try Data("This folder is written by Plainsite. Its contents are replaced on every build.\n".utf8)
                .write(to: markerFile)
            try? manager.removeItem(at: staging)
            restoreRetiredSites()
            try? manager.removeItem(at: retired)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            releaseLock()
            throw Problem.io("Could not prepare the output folder \(root.path): \(error.localizedDescription)")
        }
    }

    /// Creates the lock file holding this process's id. A lock left by a process that no longer
    /// runs (a build that was killed) is taken over; one held by a running build is an error.
    func takeLock() throws {
        let me = getpid()
        for _ in 0..<2 {
            let descriptor = open(lock.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if descriptor >= 0 {
                let text = "\(me)\n"
                _ = text.withCString { write(descriptor, $0, strlen($0)) }
                close(descriptor)
                return
            }
            guard errno == EEXIST else {
                throw Problem.io("Could not create the lock file \(lock.path): \(String(cString: strerror(errno))).")
            }
            let text = (try? String(contentsOf: lock, encoding: .utf8)) ?? ""
            if let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0, pid != me,
               kill(pid, 0) == 0 || errno == EPERM {
                throw Problem.locked(root.path, pid: pid)
            }
            // Stale (its process has ended), unreadable, or our own: take it over.
            try? FileManager.default.removeItem(at: lock)
        }
        throw Problem.io("Could not take the lock file \(lock.path): another build took it at the same moment. Build again.")
    }

    func releaseLock() {
        let text = (try? String(contentsOf: lock, encoding: .utf8)) ?? ""
        if Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) == getpid() {
            try? FileManager.default.removeItem(at: lock)
        }
    }

    /// A build stopped while swapping sites may have moved a live site aside: put it back.
    func restoreRetiredSites() {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: retired.path)) ?? [] {
            let live = root.appendingPathComponent(name)
            if !manager.fileExists(atPath: live.path) {
                try? manager.moveItem(at: retired.appendingPathComponent(name), to: live)
            }
        }
    }

    func stagingFolder(for site: String) -> URL { staging.appendingPathComponent(site) }

    /// Swaps each staged site into place: the old copy is moved aside, then removed.
    func publish(_ sites: [String]) throws {
        let manager = FileManager.default
        defer { releaseLock() }
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
        releaseLock()
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
