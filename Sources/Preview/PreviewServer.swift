import Diagnostics
import Foundation
import Markdown
import Project
import SiteBuilder
import Synchronization

/// `plainsite serve`: builds one site into a private folder (never `site/`), serves it on
/// 127.0.0.1, rebuilds when a file it reads changes (into a new folder, served whole once the
/// build is done), and tells open pages to reload. Every page shows the problems of its own
/// Markdown file in a panel; a build with errors shows the errors instead of the page, and
/// the server keeps running until they are fixed.
public final class PreviewServer: Sendable {
    public struct Options: Sendable {
        public var configuration: URL
        public var site: String?
        public var port: UInt16
        public var today: SimpleDate?
        /// How often to look for changed files when they are scanned rather than watched.
        public var interval: Duration
        /// Scan for changes even where inotify is available.
        public var polling: Bool

        public init(
            configuration: URL, site: String?, port: UInt16, today: SimpleDate?, interval: Duration = .milliseconds(200),
            polling: Bool = false
        ) {
            self.configuration = configuration
            self.site = site
            self.port = port
            self.today = today
            self.interval = interval
            self.polling = polling
        }
    }

    public enum Problem: Error, CustomStringConvertible {
        case unknownSite(String, [String])
        case configuration([Diagnostic])

        public var description: String {
            switch self {
            case let .unknownSite(site, known):
                "There is no site called '\(site)'. Sites in plainsite.yml: \(known.joined(separator: ", "))."
            case let .configuration(diagnostics):
                TextReporter(useColour: false).report(diagnostics)
            }
        }
    }

    let options: Options
    let state = PreviewState()
    /// The HTTP server, from the moment `run` starts listening.
    private let server = Mutex<LocalHTTPServer?>(nil)
    /// Set by `stop`, for `run` to end.
    private let stopping = Mutex(false)
    /// The site being served, fixed when the server starts.
    public let siteID: String

    /// Checks the configuration and the site; the first build happens in `run`.
    public init(options: Options) throws {
        self.options = options
        let (loaded, diagnostics) = ProjectConfiguration.load(from: options.configuration)
        guard let configuration = loaded else { throw Problem.configuration(diagnostics) }
        let ids = configuration.sites.map(\.id)
        if let site = options.site, !ids.contains(site) { throw Problem.unknownSite(site, ids) }
        siteID = options.site ?? ids[0]
    }

    /// Builds, then serves and watches until the task is cancelled or `stop` is called, and
    /// removes its private folder before it returns (a build under way is finished first, so
    /// nothing is written after). `ready` is called with the address once the server is
    /// listening; throws when the port cannot be listened on.
    public func run(ready: @escaping @Sendable (String) -> Void) async throws {
        let folder = try PreviewFolder()
        defer { folder.remove() }
        // Watching starts before the first build, so that no save during it is missed.
        let watcher = watcher()
        await rebuild(into: folder, changed: [])
        guard !isStopping else { return }
        let listening = try LocalHTTPServer(port: options.port)
        defer { listening.stop() }
        server.withLock { $0 = listening }
        listening.start(handler())
        ready("http://127.0.0.1:\(listening.port)/")
        while !isStopping {
            let changed = await watcher.changes(timeout: .milliseconds(250))
            guard !changed.isEmpty, !isStopping else { continue }
            await rebuild(into: folder, changed: changed)
        }
    }

    /// Stops listening and tells `run` to end; `run` removes the private folder as it returns.
    public func stop() {
        stopping.withLock { $0 = true }
        server.withLock { $0 }?.stop()
    }

    private var isStopping: Bool { Task.isCancelled || stopping.withLock { $0 } }

    /// The configuration file and every folder a build reads from.
    func watcher() -> FileWatcher {
        let root = options.configuration.deletingLastPathComponent()
        var paths = [
            options.configuration, root.appendingPathComponent("content"), root.appendingPathComponent("themes"),
            root.appendingPathComponent(".plainsite-baseline.json"),
        ]
        if let configuration = ProjectConfiguration.load(from: options.configuration).0 {
            for site in configuration.sites { paths.append(root.appendingPathComponent(site.contentFolder)) }
        }
        return FileWatcher(paths: paths, interval: options.interval, polling: options.polling)
    }

    /// Builds the site again into a new folder inside `folder`, served in place of the last
    /// once the build is done; a broken configuration or content becomes the page to show.
    /// `changed` (absolute paths; none for the first build) is not used yet: the build session
    /// will rebuild only what depends on them.
    func rebuild(into folder: PreviewFolder, changed: [String]) async {
        let (loaded, configDiagnostics) = ProjectConfiguration.load(from: options.configuration)
        guard let configuration = loaded else {
            await state.update(PreviewBuild(diagnostics: configDiagnostics, published: false, pages: [], basePath: "/"))
            return
        }
        guard let site = configuration.sites.first(where: { $0.id == siteID }) else {
            await state.update(
                PreviewBuild(
                    diagnostics: [
                        Diagnostic(
                            rule: "config/sites", severity: .error, file: configuration.file, line: 1,
                            message: "The site '\(siteID)' being previewed is no longer in plainsite.yml.",
                            suggestion: "Put it back, or stop the preview and start it with another --site.")
                    ],
                    published: false, pages: [], basePath: "/"))
            return
        }
        let generation: Generation
        do {
            generation = try folder.nextGeneration(site: siteID)
        } catch {
            await state.update(
                PreviewBuild(
                    diagnostics: [Diagnostic(rule: "output/write", severity: .error, file: configuration.file, line: 1, message: "\(error)")],
                    published: false, pages: [], basePath: site.basePath))
            return
        }
        let report = Builder(configuration: configuration).build(
            BuildOptions(siteIDs: [siteID], outputFolder: generation.folder, today: options.today))
        var diagnostics = configDiagnostics + report.diagnostics
        if let setupError = report.setupError {
            diagnostics.append(Diagnostic(rule: "output/write", severity: .error, file: configuration.file, line: 1, message: setupError))
        }
        // The new build replaces the last as a whole; the last one's folder goes when its requests are done.
        await state.update(
            PreviewBuild(
                diagnostics: diagnostics, published: report.published, pages: report.pages,
                basePath: site.basePath, generation: report.published ? generation : nil))
    }

    /// Answers the preview's own files (the reload script, the panel's styles, the long poll for
    /// the next build) and every other path from the built site.
    func handler() -> LocalHTTPServer.Handler {
        let state = state
        return { request in
            switch request.path {
            case "/_plainsite/changes":
                let since = Int(request.query["since"] ?? "") ?? 0
                let version = await state.waitForChange(after: since, timeout: .seconds(25))
                return PreviewResponse(
                    status: 200, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                    body: Data("{\"version\":\(version)}".utf8))
            case "/_plainsite/live.js":
                return PreviewResponse(
                    status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8"), ("Cache-Control", "no-store")],
                    body: Data(PreviewPage.script.utf8))
            case "/_plainsite/panel.css":
                return PreviewResponse(
                    status: 200, headers: [("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "no-store")],
                    body: Data(PreviewPage.stylesheet.utf8))
            default:
                // The build (and so its folder) is held until the response has its file open.
                let (version, build) = await state.current
                return PreviewServer.respond(to: request.path, build: build, version: version, folder: build.generation?.site)
            }
        }
    }

    /// The response for a path of the site: the built file (sent from disk in chunks, unless it
    /// is a page), with the preview panel on pages; the error page when there is no build to show.
    static func respond(to path: String, build: PreviewBuild, version: Int, folder: URL?) -> PreviewResponse {
        let headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")]
        guard let folder, !build.diagnostics.hasErrors, build.published else {
            return PreviewResponse(
                status: 500, headers: headers,
                body: Data(PreviewPage.errorPage(build.diagnostics, version: version).utf8))
        }
        var relative = Substring(path)
        if relative.hasPrefix(build.basePath) { relative = relative.dropFirst(build.basePath.count) }
        relative = relative.drop { $0 == "/" }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) {
            return PreviewResponse(status: 404, headers: headers)
        }
        var file = folder.appendingPathComponent(String(relative))
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), isFolder.boolValue {
            if !relative.isEmpty && !relative.hasSuffix("/") { return redirect(to: build.basePath + relative + "/") }
            file = file.appendingPathComponent("index.html")
        }
        var status = 200
        if !FileManager.default.fileExists(atPath: file.path) {
            status = 404
            file = folder.appendingPathComponent("404.html")
        }
        guard file.pathExtension == "html" else {
            guard let opened = OpenFile(path: file.path) else { return PreviewResponse(status: 404, headers: headers) }
            return PreviewResponse(
                status: status,
                headers: [
                    ("Content-Type", PreviewPage.contentType(of: file.pathExtension)),
                    ("Cache-Control", "no-store"),
                ], file: opened)
        }
        guard let data = try? Data(contentsOf: file) else {
            return PreviewResponse(status: 404, headers: headers, body: Data("Not found".utf8))
        }
        // The Markdown file behind the page, whose problems the panel lists.
        let urlPath = relative.hasSuffix("index.html") ? String(relative.dropLast("index.html".count)) : String(relative)
        let source = status == 200 ? build.pages.first { $0.urlPath == urlPath }?.sourcePath : nil
        let html = PreviewPage.inject(
            into: String(decoding: data, as: UTF8.self), source: source, diagnostics: build.diagnostics,
            version: version)
        return PreviewResponse(status: status, headers: headers, body: Data(html.utf8))
    }

    /// A redirect to a path of this preview. Its Location is one slash and a percent-encoded
    /// path, never "//host" or "/\host", which a browser would follow to another site.
    static func redirect(to path: String) -> PreviewResponse {
        let rest = path.drop { $0 == "/" || $0 == "\\" }
        let location = "/" + (rest.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")
        return PreviewResponse(status: 301, headers: [("Location", location)])
    }
}

/// One build's results, as the server shows them.
struct PreviewBuild: Sendable {
    var diagnostics: [Diagnostic]
    var published: Bool
    var pages: [PageSummary]
    var basePath: String
    /// The folder of a published build, kept while this build is the one served.
    var generation: Generation?
}

/// The latest build and its version number; pages wait here for the next one.
actor PreviewState {
    private(set) var version = 0
    private var build = PreviewBuild(diagnostics: [], published: false, pages: [], basePath: "/")

    var current: (Int, PreviewBuild) { (version, build) }

    func update(_ build: PreviewBuild) {
        self.build = build
        version += 1
    }

    /// Returns as soon as the version passes `since`, or after `timeout` with the same version.
    func waitForChange(after since: Int, timeout: Duration) async -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while version <= since && clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            if Task.isCancelled { break }
        }
        return version
    }
}
