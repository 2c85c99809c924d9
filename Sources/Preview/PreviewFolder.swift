import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The private folder `plainsite serve` builds into: made by mkdtemp (mode 0700, a name no
/// one else has) in the temporary folder, with one folder per build inside, and removed with
/// everything in it when the preview stops. Nothing outside it is ever removed.
final class PreviewFolder: Sendable {
    let root: URL
    private let builds = Mutex(0)

    /// Creates the folder, named plainsite-serve-XXXXXX.
    init() throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-serve-XXXXXX").path
        var path = Array(template.utf8CString)
        let made = path.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!).map { String(cString: $0) } }
        guard let made else {
            throw LocalHTTPServer.Failure(description: "could not create a private folder in \(template): \(String(cString: strerror(errno)))")
        }
        root = URL(fileURLWithPath: made, isDirectory: true)
    }

    /// A new, empty folder for the next build (mode 0700), served as a whole once the build is done.
    func nextGeneration(site: String) throws -> Generation {
        let number = builds.withLock { count in
            count += 1
            return count
        }
        let folder = root.appendingPathComponent("build-\(number)", isDirectory: true)
        guard mkdir(folder.path, 0o700) == 0 else {
            throw LocalHTTPServer.Failure(description: "could not create \(folder.path): \(String(cString: strerror(errno)))")
        }
        return Generation(folder: folder, site: site)
    }

    /// Removes the folder and every build in it.
    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// One build's output folder. Requests hold it while they read from it, and the build that
/// replaces it lets it go, so its files are removed only once no request can still want them.
final class Generation: Sendable {
    /// The build's output folder, which this object made and so may remove.
    let folder: URL
    /// The built site inside it, which is served.
    let site: URL

    init(folder: URL, site: String) {
        self.folder = folder
        self.site = folder.appendingPathComponent(site, isDirectory: true)
    }

    deinit {
        // Off the thread letting it go (perhaps the build state's), as a large site takes a while.
        let folder = folder
        DispatchQueue.global(qos: .utility).async { try? FileManager.default.removeItem(at: folder) }
    }
}
