import Accessibility
import Content
import Diagnostics
import Foundation
import LinkCheck
import Markdown
import Output
import PageBuild
import PageCache
import Project
import Prose
import Support
import Synchronization
import Theme

public struct BuildOptions: Sendable {
    /// Sites to build; nil builds every site in the configuration.
    public var siteIDs: [String]?
    public var outputFolder: URL
    /// "Today", for review dates: from --date, else SOURCE_DATE_EPOCH, else the clock.
    public var today: SimpleDate
    /// Progress and stage times, for the command line's progress display and `--verbose`.
    public var monitor: BuildMonitor?
    /// Reuse pages whose inputs have not changed since an earlier build (see docs/performance.md).
    public var useCache: Bool
    /// Where the incremental-build cache lives; nil means `.plainsite-cache/` beside plainsite.yml.
    public var cacheFolder: URL?
    /// Build pages one after another instead of on every core (for tests and profiling).
    public var serial: Bool
    /// Page caches to use instead of the one on disk, by site id (the preview server keeps its
    /// pages in memory between builds).
    var pageStores: [String: any PageStore] = [:]
    /// Take over an output folder of files Plainsite did not write (`--force`): it is marked as
    /// Plainsite's, and only the sites' own folders in it are replaced.
    public var force = false

    public init(
        siteIDs: [String]? = nil, outputFolder: URL, today: SimpleDate? = nil, monitor: BuildMonitor? = nil,
        useCache: Bool = true, cacheFolder: URL? = nil, serial: Bool = false, force: Bool = false
    ) {
        self.siteIDs = siteIDs
        self.outputFolder = outputFolder
        self.today = today ?? BuildOptions.defaultToday()
        self.monitor = monitor
        self.useCache = useCache
        self.cacheFolder = cacheFolder
        self.serial = serial
        self.force = force
    }

    /// The default cache folder of a project.
    public static func defaultCacheFolder(root: URL) -> URL { root.appendingPathComponent(".plainsite-cache") }

    /// SOURCE_DATE_EPOCH's date, else today's; the commands refuse a SOURCE_DATE_EPOCH that is not a date first.
    public static func defaultToday() -> SimpleDate {
        if let date = try? SourceDate.fromEnvironment() { return date }
        return SourceDate.date(seconds: min(max(0, Int(Date().timeIntervalSince1970)), SourceDate.latestSeconds))
    }
}

public struct BuildReport: Sendable {
    /// Every finding of the build, sorted.
    public var diagnostics: [Diagnostic]
    /// Pages written per site id.
    public var pageCounts: [String: Int]
    /// True when the new sites replaced the old ones in the output folder.
    public var published: Bool
    /// A problem with the output folder or the request (not with content): exit code 2.
    public var setupError: String?
    /// True when `setupError` is a failure of the system (a full disk, no permission): exit code 3.
    public var systemFailure = false
    /// Every content page built, with its reading age, for reports and the preview server.
    public var pages: [PageSummary] = []
    /// Content pages taken from the incremental-build cache, and pages built afresh.
    public var cacheHits = 0
    public var cacheMisses = 0
    /// Problems with the cache itself (a folder that cannot be written). The build is still
    /// complete and correct: the pages concerned were built again.
    public var cacheWarnings: [String] = []
    /// What the build held (every page's links and anchors): a caller that ends soon after, as
    /// the command line does, may keep it until the process ends rather than free tens of
    /// thousands of values one by one.
    public var heldValues: [any Sendable] = []

    init(
        diagnostics: [Diagnostic], pageCounts: [String: Int], published: Bool, setupError: String?, pages: [PageSummary] = [],
        cacheHits: Int = 0, cacheMisses: Int = 0, cacheWarnings: [String] = [], heldValues: [any Sendable] = []
    ) {
        self.diagnostics = diagnostics
        self.pageCounts = pageCounts
        self.published = published
        self.setupError = setupError
        self.pages = pages
        self.cacheHits = cacheHits
        self.cacheMisses = cacheMisses
        self.cacheWarnings = cacheWarnings
        self.heldValues = heldValues
    }
}

/// What reports need to know about one built content page.
public struct PageSummary: Sendable, Equatable {
    public var site: String
    /// The page's address within its site, without the base path: "" for the home page, "bins/" …
    public var urlPath: String
    /// The Markdown file, relative to the project root.
    public var sourcePath: String
    public var title: String
    public var layout: String
    /// The UK reading age of the page's text, when it was measured.
    public var readingAge: Double?

    public init(site: String, urlPath: String, sourcePath: String, title: String, layout: String, readingAge: Double?) {
        self.site = site
        self.urlPath = urlPath
        self.sourcePath = sourcePath
        self.title = title
        self.layout = layout
        self.readingAge = readingAge
    }
}

/// Builds sites: content → front matter → Markdown → theme → staged output → swap into place.
public struct Builder {
    public let configuration: ProjectConfiguration

    public init(configuration: ProjectConfiguration) {
        self.configuration = configuration
    }

    public func build(_ options: BuildOptions) -> BuildReport {
        let sites: [SiteConfiguration]
        switch chooseSites(options.siteIDs) {
        case .success(let chosen): sites = chosen
        case .failure(let refusal): return refusal.report
        }
        let cacheRoot = options.cacheFolder ?? BuildOptions.defaultCacheFolder(root: configuration.root)
        let output: OutputFolder
        switch openOutput(options, sites: sites, cacheRoot: cacheRoot) {
        case .success(let opened): output = opened
        case .failure(let refusal): return refusal.report
        }
        var built = buildSites(sites, options: options, output: output, cacheRoot: cacheRoot)
        let monitor = options.monitor
        built.diagnostics += monitor.time("check links across the sites") {
            SiteChecks(sites: configuration.sites, built: built.pages, files: built.files).run()
        }
        // Findings reported twice (a template's problem on every page) are kept once. They come
        // in page order, so sorting them is nearly linear.
        built.diagnostics = monitor.time("sort the findings") { Diagnostic.sortedWithoutRepeats(built.diagnostics) }
        return publish(built, sites: sites, output: output, monitor: monitor)
    }

    /// A build that cannot start, with the report that says why.
    struct Refusal: Error {
        var report: BuildReport
    }

    /// The sites the options name (every site when they name none); refused when one is unknown.
    func chooseSites(_ ids: [String]?) -> Swift.Result<[SiteConfiguration], Refusal> {
        let sites = configuration.sites
        guard let ids else { return .success(sites) }
        let known = Set(sites.map(\.id))
        if let unknown = ids.first(where: { !known.contains($0) }) {
            return .failure(
                Refusal(
                    report: BuildReport(
                        diagnostics: [], pageCounts: [:], published: false,
                        setupError:
                            "There is no site called '\(unknown)'. Sites in \(configuration.file): \(sites.map(\.id).joined(separator: ", "))."
                    )))
        }
        return .success(sites.filter { ids.contains($0.id) })
    }

    /// The output folder, ready for staging; refused when it is not Plainsite's or cannot be used.
    func openOutput(_ options: BuildOptions, sites: [SiteConfiguration], cacheRoot: URL) -> Swift.Result<OutputFolder, Refusal> {
        do {
            // A link is refused; anything else in the cache's place only means no cache (a warning).
            if options.useCache { try SafeFiles.requireNotLink(cacheRoot.path) }
            return .success(
                try OutputFolder(
                    root: options.outputFolder, project: configuration, cache: cacheRoot, force: options.force,
                    sites: sites.map(\.id)))
        } catch let problem as OutputFolder.Problem {
            var report = BuildReport(diagnostics: [], pageCounts: [:], published: false, setupError: problem.description)
            report.systemFailure = problem.isSystemFailure
            return .failure(Refusal(report: report))
        } catch {
            return .failure(Refusal(report: BuildReport(diagnostics: [], pageCounts: [:], published: false, setupError: "\(error)")))
        }
    }
}
