import Content
import Diagnostics
import Foundation
import LinkCheck
import Markdown
import Output
import PageBuild
import PageCache
import Project
import Support
import Synchronization
import Theme

/// One site built in memory again and again (`plainsite serve`): it keeps what it has read
/// (configuration, shared data and snippets, plain-English rules, theme, pages) and every page's
/// output, so an update reads only the files that changed and builds only the pages whose
/// inputs changed. Each update gives a whole new snapshot of the site.
public final class BuildSession: Sendable {
    public let configuration: ProjectConfiguration
    public let site: SiteConfiguration
    private let state: Mutex<SessionState>

    /// A session for one site of `configuration`; nothing is read until the first `update`.
    public init(configuration: ProjectConfiguration, site: SiteConfiguration, today: SimpleDate, monitor: BuildMonitor? = nil) {
        self.configuration = configuration
        self.site = site
        state = Mutex(SessionState(project: configuration, site: site, today: today, monitor: monitor))
    }

    /// Reads what `changed` names (absolute paths; a folder stands for everything in it, and no
    /// paths at all for everything) and builds the site again.
    public func update(changed: [String]) -> SessionBuild {
        state.withLock { $0.update(changed: changed) }
    }
}

/// What one update of a build session made.
public struct SessionBuild: Sendable {
    /// Every finding of the site (each page's, kept from the build that made the page), sorted.
    public var diagnostics: [Diagnostic]
    /// Every content page, for the preview's panel.
    public var pages: [PageSummary]
    /// The whole site.
    public var snapshot: SiteSnapshot
    /// Content pages built afresh by this update; the others were reused.
    public var rebuiltPages: Int
    public var reusedPages: Int
}

/// What a session keeps between updates.
struct SessionState {
    let project: ProjectConfiguration
    let site: SiteConfiguration
    let today: SimpleDate
    let monitor: BuildMonitor?
    var shared: SharedContent?
    var lint: LintRunner?
    var theme: Theme?
    var content: SiteContent?
    let store = RecordingPageStore()
    /// The site key of the last update: pages keep their keys only while it is the same.
    var siteKey: CacheKey?

    init(project: ProjectConfiguration, site: SiteConfiguration, today: SimpleDate, monitor: BuildMonitor?) {
        self.project = project
        self.site = site
        self.today = today
        self.monitor = monitor
    }

    mutating func update(changed: [String]) -> SessionBuild {
        let reread = monitor.time("session: read what changed") { read(changed) }
        let cache = BuildCache(store: store, site: site, project: project, today: today)
        var pipeline = SitePipeline(site: site, project: project, shared: shared!, lint: lint!, today: today)
        pipeline.monitor = monitor
        pipeline.cache = cache
        // Other pages' contexts are the same when only page bodies changed: their keys still hold.
        if !reread.contexts, siteKey == cache.siteKey {
            pipeline.knownKeys = store.keys.filter { !reread.pages.contains($0.key) }
        }
        siteKey = cache.siteKey
        store.startRecording()
        let output = SnapshotOutput()
        let result = pipeline.build(theme: theme!, content: content!, into: output)
        let links = monitor.time("check links across the site") {
            SiteChecks(sites: project.sites, built: result.built, files: [site.id: result.files]).run()
        }
        let diagnostics = monitor.time("sort the findings") {
            Diagnostic.sortedWithoutRepeats(shared!.diagnostics + result.diagnostics + links)
        }
        let pages = result.infos.map {
            PageSummary(
                site: site.id, urlPath: $0.urlPath, sourcePath: $0.sourcePath, title: $0.title, layout: $0.layout, readingAge: $0.readingAge)
        }
        return SessionBuild(
            diagnostics: diagnostics, pages: pages, snapshot: output.snapshot(), rebuiltPages: result.cacheMisses,
            reusedPages: result.cacheHits)
    }

    /// What an update had to read again.
    struct Reread {
        /// True when more than page bodies may have changed, so any page's context may have.
        var contexts = false
        /// Pages read again, by source path.
        var pages: Set<String> = []
    }

    /// Reads again what the changed paths name (everything on the first update).
    mutating func read(_ changed: [String]) -> Reread {
        let root = project.root
        var reread = Reread()
        let relatives = changed.map { SessionState.relative($0, to: root) }
        func touches(_ folder: String) -> Bool {
            shared == nil || changed.isEmpty
                || relatives.contains { $0.isEmpty || $0 == folder || $0.hasPrefix(folder + "/") || folder.hasPrefix($0 + "/") }
        }
        if touches("content/_data") || touches("content/_snippets") || touches(Baseline.fileName) {
            shared = SharedContent(root: root, exampleValuesAllowed: project.allowsExampleValues)
            lint = LintRunner(project: project, root: root)
            reread.contexts = true
        }
        if theme == nil || touches("themes") {
            theme = Theme(site: site, root: root)
            reread.contexts = true
        }
        guard content != nil, !changed.isEmpty else {
            content = SiteContent(site: site, root: root)
            reread.contexts = true
            return reread
        }
        let folder = site.contentFolder
        for relative in relatives where relative.isEmpty || relative == folder || relative.hasPrefix(folder + "/") || folder.hasPrefix(relative + "/") {
            let inside = relative.count > folder.count ? String(relative.dropFirst(folder.count + 1)) : ""
            // Shared data, snippets and hidden files are not pages.
            if !inside.isEmpty, !SiteContent.isPublishable(inside) { continue }
            if !inside.isEmpty, rereadPage(relative, &reread) { continue }
            content = SiteContent(site: site, root: root)
            reread.contexts = true
            return reread
        }
        return reread
    }

    /// Reads one page again when it is a page the site already has, still a UTF-8 file; false
    /// otherwise (a new, deleted or unreadable page, or another kind of file), when the whole
    /// content folder is read again.
    mutating func rereadPage(_ sourcePath: String, _ reread: inout Reread) -> Bool {
        guard sourcePath.hasSuffix(".md"), let index = content?.pages.firstIndex(where: { $0.sourcePath == sourcePath }),
            SafeFiles.kind(project.root.appendingPathComponent(sourcePath).path) == .file,
            let data = FileManager.default.contents(atPath: project.root.appendingPathComponent(sourcePath).path),
            let text = String(data: data, encoding: .utf8), let old = content?.pages[index]
        else { return false }
        let source = PageSource(text: text, file: sourcePath)
        content?.pages[index] = ContentPage(
            sourcePath: sourcePath, relativePath: old.relativePath, urlPath: old.urlPath, text: text, language: old.language, source: source)
        reread.pages.insert(sourcePath)
        // Front matter is what other pages take from a page (titles, menus, lists, aliases).
        if source.frontMatter != old.source.frontMatter || source.frontMatterIsUnreadable != old.source.frontMatterIsUnreadable {
            reread.contexts = true
        }
        return true
    }

    /// `path` inside `root` ("" for the root itself); the path as given when it is outside.
    static func relative(_ path: String, to root: URL) -> String {
        let base = root.standardizedFileURL.path
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        if standard == base { return "" }
        return standard.hasPrefix(base + "/") ? String(standard.dropFirst(base.count + 1)) : standard
    }
}

extension SitePipeline {
    /// A page the build session knows is unchanged, with its context, since its key was made:
    /// its entry is used without making and hashing its contexts again.
    func reuseKnown(_ page: ContentPage, writer: any SiteOutput) -> PageResult? {
        guard let key = knownKeys[page.sourcePath], let cache, let entry = cache.store.entry(key) else { return nil }
        return reuse(entry, key: key, writer: writer)
    }
}

/// Page entries kept in memory, noting which key each page was last built or found under, so
/// the next update can use a page without making its key again.
final class RecordingPageStore: PageStore {
    private let entries = MemoryPageStore()
    private let recorded = Mutex<[String: CacheKey]>([:])
    private let last = Mutex<[String: CacheKey]>([:])

    /// The key of each page of the last update, by source path.
    var keys: [String: CacheKey] { last.withLock { $0 } }

    /// Starts an update: the keys recorded from now on are its own.
    func startRecording() { recorded.withLock { $0 = [:] } }

    func entry(_ key: CacheKey) -> PageEntry? {
        let found = entries.entry(key)
        if let source = found?.outcome.built?.sourcePath { recorded.withLock { $0[source] = key } }
        return found
    }

    func save(_ entry: PageEntry, _ key: CacheKey) {
        entries.save(entry, key)
        if let source = entry.outcome.built?.sourcePath { recorded.withLock { $0[source] = key } }
    }

    func keep(only keys: Set<CacheKey>) -> Bool {
        let kept = recorded.withLock { $0 }.filter { keys.contains($0.value) }
        last.withLock { $0 = kept }
        return entries.keep(only: keys)
    }
}
