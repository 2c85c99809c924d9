import Diagnostics
import Foundation
import Markdown
import Output
import Project
import SiteBuilder
import Synchronization

/// `plainsite serve`: builds one site in memory (never into `site/`), serves it on 127.0.0.1,
/// rebuilds what a changed file affects (a new snapshot of the site, served whole once the build
/// is done), and tells open pages to reload. Every page shows the problems of its own
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
    /// The build session of the current configuration, once the first build has started.
    private let session = Mutex<Session?>(nil)
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

    /// Builds, then serves and watches until the task is cancelled or `stop` is called (a build
    /// under way is finished first). `ready` is called with the address once the server is
    /// listening; throws when the port cannot be listened on.
    public func run(ready: @escaping @Sendable (String) -> Void) async throws {
        // Watching starts before the first build, so that no save during it is missed.
        let watcher = watcher()
        await rebuild(changed: [])
        guard !isStopping else { return }
        let listening = try LocalHTTPServer(port: options.port)
        defer { listening.stop() }
        server.withLock { $0 = listening }
        listening.start(handler())
        ready("http://127.0.0.1:\(listening.port)/")
        while !isStopping {
            let changed = await watcher.changes(timeout: .milliseconds(250))
            guard !changed.isEmpty, !isStopping else { continue }
            await rebuild(changed: changed)
        }
    }

    /// Stops listening and tells `run` to end.
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

    /// Builds the site again from the files that changed (absolute paths; none for the first
    /// build), served in place of the last once the build is done; a broken configuration or
    /// content becomes the page to show. A changed plainsite.yml starts a new build session.
    func rebuild(changed: [String]) async {
        let configuration = options.configuration.standardizedFileURL.path
        let reload = changed.isEmpty || changed.contains { configuration == $0 || configuration.hasPrefix($0 + "/") }
        var current = session.withLock { $0 }
        if reload || current == nil {
            current = startSession()
            session.withLock { $0 = current }
        }
        switch current {
        case .none:
            return
        case .some(.failed(let build)):
            await state.update(build)
        case .some(.running(let running, let configDiagnostics)):
            let built = running.update(changed: reload ? [] : changed)
            let diagnostics = configDiagnostics + built.diagnostics
            // The new build replaces the last as a whole.
            await state.update(
                PreviewBuild(
                    diagnostics: diagnostics, published: !diagnostics.hasErrors, pages: built.pages,
                    basePath: running.site.basePath, files: built.snapshot))
        }
    }

    /// A build session for the site as plainsite.yml now describes it, or the build that shows why there is none.
    func startSession() -> Session {
        let (loaded, configDiagnostics) = ProjectConfiguration.load(from: options.configuration)
        guard let configuration = loaded else {
            return .failed(PreviewBuild(diagnostics: configDiagnostics, published: false, pages: [], basePath: "/"))
        }
        guard let site = configuration.sites.first(where: { $0.id == siteID }) else {
            return .failed(
                PreviewBuild(
                    diagnostics: [
                        Diagnostic(
                            rule: "config/sites", severity: .error, file: configuration.file, line: 1,
                            message: "The site '\(siteID)' being previewed is no longer in plainsite.yml.",
                            suggestion: "Put it back, or stop the preview and start it with another --site.")
                    ],
                    published: false, pages: [], basePath: "/"))
        }
        let today = options.today ?? BuildOptions.defaultToday()
        return .running(BuildSession(configuration: configuration, site: site, today: today), configDiagnostics)
    }

    /// The build session of the configuration in use, or the build showing why the configuration cannot be used.
    enum Session: Sendable {
        case running(BuildSession, [Diagnostic])
        case failed(PreviewBuild)
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
                let (version, build) = await state.current
                return PreviewServer.respond(to: request.path, build: build, version: version)
            }
        }
    }
}

/// One build's results, as the server shows them.
struct PreviewBuild: Sendable {
    var diagnostics: [Diagnostic] { didSet { index = PreviewIndex(diagnostics: diagnostics, pages: pages) } }
    var published: Bool
    var pages: [PageSummary] { didSet { index = PreviewIndex(diagnostics: diagnostics, pages: pages) } }
    var basePath: String
    /// The files of a published build.
    var files: SiteSnapshot?
    /// Each page's source and each file's findings, found once per build rather than on every request.
    private(set) var index: PreviewIndex

    init(diagnostics: [Diagnostic], published: Bool, pages: [PageSummary], basePath: String, files: SiteSnapshot? = nil) {
        self.diagnostics = diagnostics
        self.published = published
        self.pages = pages
        self.basePath = basePath
        self.files = files
        index = PreviewIndex(diagnostics: diagnostics, pages: pages)
    }
}

/// A build's pages by address and findings by file.
struct PreviewIndex: Sendable {
    /// The Markdown file of each page, by its address within the site (the first page with that address).
    var sources: [String: String] = [:]
    var findings: [String: [Diagnostic]] = [:]

    init(diagnostics: [Diagnostic], pages: [PageSummary]) {
        for page in pages where sources[page.urlPath] == nil { sources[page.urlPath] = page.sourcePath }
        findings = Dictionary(grouping: diagnostics, by: \.file)
    }
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
