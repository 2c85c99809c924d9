import Accessibility
import Content
import Diagnostics
import Foundation
import LinkCheck
import Markdown
import Output
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
        var sites = configuration.sites
        if let ids = options.siteIDs {
            let known = Set(sites.map(\.id))
            if let unknown = ids.first(where: { !known.contains($0) }) {
                return BuildReport(
                    diagnostics: [], pageCounts: [:], published: false,
                    setupError: "There is no site called '\(unknown)'. Sites in \(configuration.file): \(sites.map(\.id).joined(separator: ", ")).")
            }
            sites = sites.filter { ids.contains($0.id) }
        }
        let monitor = options.monitor
        let cacheRoot = options.cacheFolder ?? BuildOptions.defaultCacheFolder(root: configuration.root)
        let output: OutputFolder
        do {
            // A link is refused; anything else in the cache's place only means no cache (a warning).
            if options.useCache { try SafeFiles.requireNotLink(cacheRoot.path) }
            output = try OutputFolder(
                root: options.outputFolder, project: configuration, cache: cacheRoot, force: options.force,
                sites: sites.map(\.id))
        } catch let problem as OutputFolder.Problem {
            var report = BuildReport(diagnostics: [], pageCounts: [:], published: false, setupError: problem.description)
            report.systemFailure = problem.isSystemFailure
            return report
        } catch {
            return BuildReport(diagnostics: [], pageCounts: [:], published: false, setupError: "\(error)")
        }
        let shared = monitor.time("read shared data and snippets") {
            SharedContent(root: configuration.root, exampleValuesAllowed: configuration.allowsExampleValues)
        }
        let lintRunner = monitor.time("prepare the plain-English rules") { LintRunner(project: configuration, root: configuration.root) }
        var diagnostics = shared.diagnostics
        var counts: [String: Int] = [:]
        var builtPages: [BuiltPage] = []
        var siteFiles: [String: Set<String>] = [:]
        var summaries: [PageSummary] = []
        var cacheHits = 0, cacheMisses = 0
        var cacheWarnings: [String] = []
        var stagedSites: [StagedSite] = []
        for site in sites {
            var builder = SitePipeline(site: site, project: configuration, shared: shared, lint: lintRunner, today: options.today)
            builder.monitor = monitor
            builder.serial = options.serial
            if options.useCache {
                if let store = options.pageStores[site.id] ?? DiskPageStore(root: cacheRoot, site: site.id) {
                    builder.cache = BuildCache(store: store, site: site, project: configuration, today: options.today)
                } else {
                    cacheWarnings.append("The build cache \(cacheRoot.path) could not be created, so every page was built afresh.")
                }
            }
            // The site this build replaces was kept by the last build (not deleted): the new one is
            // written over it, so unchanged files and folders need not be created again.
            let recycle = output.recycleFolder(for: site.id)
            let staged = StagedSite(folder: output.stagingFolder(for: site.id), recycle: output.takeRecycled(site.id) ? recycle : nil)
            let result = builder.build(into: staged)
            monitor.time("remove files the site no longer has") { staged.sweep() }
            stagedSites.append(staged)
            cacheHits += result.cacheHits
            cacheMisses += result.cacheMisses
            cacheWarnings += result.cacheWarnings
            diagnostics += result.diagnostics
            counts[site.id] = result.pages
            builtPages += result.built
            siteFiles[site.id] = result.files
            summaries += result.infos.map {
                PageSummary(
                    site: site.id, urlPath: $0.urlPath, sourcePath: $0.sourcePath, title: $0.title, layout: $0.layout,
                    readingAge: $0.readingAge)
            }
        }
        let linkFindings = monitor.time("check links across the sites") {
            SiteChecks(sites: configuration.sites, built: builtPages, files: siteFiles).run()
        }
        diagnostics += linkFindings
        // Findings reported twice (a template's problem on every page) are kept once. They come
        // in page order, so sorting them is nearly linear.
        diagnostics = monitor.time("sort the findings") { Diagnostic.sortedWithoutRepeats(diagnostics) }
        func report(published: Bool, setupError: String?) -> BuildReport {
            BuildReport(
                diagnostics: diagnostics, pageCounts: counts, published: published, setupError: setupError, pages: summaries,
                cacheHits: cacheHits, cacheMisses: cacheMisses, cacheWarnings: cacheWarnings,
                heldValues: [builtPages])
        }
        if let failure = stagedSites.lazy.compactMap(\.systemFailure).first {
            output.discardStaging()
            var failed = BuildReport(diagnostics: [], pageCounts: [:], published: false, setupError: failure.description)
            failed.systemFailure = true
            return failed
        }
        guard !diagnostics.hasErrors else {
            output.discardStaging()
            return report(published: false, setupError: nil)
        }
        do {
            try options.monitor.time("publish the new sites") {
                for site in sites { output.keepForRecycling(site.id) }
                try output.publish(sites.map(\.id))
            }
        } catch {
            output.discardStaging()
            var failed = report(published: false, setupError: "\(error)")
            failed.systemFailure = (error as? FileSafetyError)?.isSystemFailure ?? false
            return failed
        }
        return report(published: true, setupError: nil)
    }
}

/// Builds one site into a staging folder.
struct SitePipeline {
    let site: SiteConfiguration
    let project: ProjectConfiguration
    let shared: SharedContent
    let lint: LintRunner
    let today: SimpleDate
    var monitor: BuildMonitor?
    /// The incremental-build cache of this site, when in use.
    var cache: BuildCache?
    var serial = false
    /// Every page of the site, for section lists.
    var allPages: [ContentPage] = [] {
        didSet {
            pagesByFolder = Dictionary(grouping: allPages, by: \.folder)
            pageByURL = Dictionary(allPages.map { ($0.urlPath, $0) }, uniquingKeysWith: { first, _ in first })
            eventsByFolder = Dictionary(grouping: allPages.filter { $0.source.frontMatter.layout == "event" }, by: \.folder)
            hasNewsFeed = allPages.contains { $0.source.frontMatter.layout == "news" && $0.source.frontMatter.date != nil }
        }
    }
    /// The same pages by folder and by address, so per-page lookups do not scan every page.
    var pagesByFolder: [String: [ContentPage]] = [:]
    var pageByURL: [String: ContentPage] = [:]
    /// Event pages by folder, for the upcoming and past events of each page.
    var eventsByFolder: [String: [ContentPage]] = [:]
    /// True when the site has dated news articles, so it has feeds to link to.
    var hasNewsFeed = false
    /// The theme's words in each of the site's languages, read once per build.
    var words: [String: [String: String]] = [:]

    struct Result {
        var diagnostics: [Diagnostic]
        var pages: Int
        /// What the site-wide checks need from each written page.
        var built: [BuiltPage] = []
        /// Files other than pages: assets and content files, as paths inside the site.
        var files: Set<String> = []
        /// The content pages, for reports.
        var infos: [PageInfo] = []
        var cacheHits = 0
        var cacheMisses = 0
        var cacheWarnings: [String] = []
    }

    func build(into writer: StagedSite) -> Result {
        let root = project.root
        // The theme is read on another thread while the content is read (on every core).
        let (theme, content) = monitor.time("read content and theme") {
            let theme = Background { Theme(site: site, root: root) }
            let content = SiteContent(site: site, root: root)
            return (theme.take(), content)
        }
        var diagnostics = theme.diagnostics + content.diagnostics
        guard !theme.diagnostics.hasErrors else { return Result(diagnostics: diagnostics, pages: 0) }
        if site.id == project.sites.first?.id, let missing = FeedbackAddress.missing(theme: theme, data: shared.data) { diagnostics.append(missing) }

        let (snippets, snippetFindings) = renderSnippets()
        diagnostics += snippetFindings

        var pipeline = self
        pipeline.allPages = content.pages
        for code in site.languages { pipeline.words[code] = theme.translations(for: code) }
        return pipeline.buildPages(content: content, theme: theme, snippets: snippets, diagnostics: diagnostics, writer: writer)
    }

    /// Snippets are rendered once per site, so their links use this site's base path. Their
    /// plain-English findings are reported once, with the first site.
    func renderSnippets() -> (html: [String: String], diagnostics: [Diagnostic]) {
        let resolver = LinkResolver(basePath: site.basePath, pageFolder: "")
        // Snippets may place other snippets: each is rendered after the ones it uses.
        let nested = NestedSnippets(
            sources: shared.snippetSources,
            context: RenderContext(data: shared.data, rewriteURL: { resolver.resolve($0) }, rawHTML: site.rawHTML))
        var snippets: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let isFirstSite = site.id == project.sites.first?.id
        if isFirstSite { diagnostics += nested.diagnostics }
        for (name, source) in shared.snippetSources.sorted(by: { $0.key < $1.key }) {
            guard let rendered = nested.rendered[name] else { continue }
            snippets[name] = rendered.html
            if isFirstSite {
                let text = (try? String(contentsOf: project.root.appendingPathComponent(source.file), encoding: .utf8)) ?? ""
                diagnostics += lint.lint(file: source.file, text: text, page: source, rendered: rendered).diagnostics
            }
        }
        return (snippets, diagnostics)
    }

    /// Sitemap, robots.txt and open data are made from the content pages' facts (and the A to Z page).
    func siteFiles(_ infos: [PageInfo]) -> SiteFiles {
        SiteFiles(
            site: site, organisation: project.organisation,
            pages: infos + [
                PageInfo(
                    title: "A to Z of services", urlPath: "a-to-z/", description: "", layout: "a-to-z",
                    services: [], sourcePath: "")
            ])
    }

    func buildPages(content: SiteContent, theme: Theme, snippets: [String: String], diagnostics: [Diagnostic], writer: StagedSite) -> Result {
        var diagnostics = diagnostics
        var built: [BuiltPage] = []
        var files: Set<String> = []
        let checker = AccessibilityChecker()
        let navigation = Navigation(pages: content.pages, basePath: site.basePath)
        // Pages go through the pipeline on every core; results are gathered in page order,
        // so diagnostics and output do not depend on which core finished first.
        let outcomes = parallelMap(content.pages, serial: serial) { page in
            let outcome = buildPage(page, theme: theme, snippets: snippets, navigation: navigation, checker: checker, writer: writer)
            monitor?.pageDone(site: site.id, total: content.pages.count)
            return outcome
        }
        var written = 0
        var searchEntries: [SearchEntry] = []
        var infos: [PageInfo] = []
        var documents: [NonAccessibleDocument] = []
        // (Pages and outcomes are read by index, field by field, here and below: iterating
        // them by value copied 10,000 large values twice over, on one core.)
        var shapes: [String: PageShape] = [:]
        shapes.reserveCapacity(outcomes.count)
        for index in outcomes.indices { shapes[content.pages[index].relativePath] = outcomes[index].shape }
        // A translation should match its original: the same number of headings and links.
        for index in content.pages.indices where content.pages[index].language != nil {
            let relativePath = content.pages[index].relativePath
            let original = ContentPage.twinKey(of: relativePath, language: content.pages[index].language)
            guard let mine = shapes[relativePath], let theirs = shapes[original] else { continue }
            if mine.headings != theirs.headings || mine.links != theirs.links {
                diagnostics.append(
                    Diagnostic(
                        rule: "content/translation-parity", severity: .warning, file: content.pages[index].sourcePath, line: 1,
                        message:
                            "This translation has \(mine.headings) headings and \(mine.links) links; \(site.contentFolder)/\(original) has \(theirs.headings) and \(theirs.links).",
                        suggestion: "Check that both versions say the same things, with the same sections and links."))
            }
        }
        var cacheHits = 0, cacheMisses = 0
        var cacheWarnings: [String] = []
        infos.reserveCapacity(outcomes.count)
        built.reserveCapacity(outcomes.count)
        searchEntries.reserveCapacity(outcomes.count)
        for index in outcomes.indices {
            switch outcomes[index].cache {
            case .hit: cacheHits += 1
            case .miss: cacheMisses += 1
            case nil: break
            }
            documents += outcomes[index].documents
            if let info = outcomes[index].info { infos.append(info) }
            diagnostics += outcomes[index].diagnostics
            if let page = outcomes[index].built { built.append(page) }
            built += outcomes[index].extraBuilt
            if outcomes[index].written { written += 1 }
            if let entry = outcomes[index].searchEntry { searchEntries.append(entry) }
        }
        // Pages every site gets from the theme: an A to Z of services and a search page.
        func generate(_ urlPath: String, layout: String, title: String, description: String, extra: TemplateContext) {
            guard theme.hasLayout(layout) else { return }
            var pageValues: TemplateContext = [
                "title": .text(title), "description": .text(description), "url": .text(site.basePath + urlPath),
                "canonical": .text(site.baseURL + urlPath), "layout": .text(layout),
            ]
            if let body = extra["body"] { pageValues["body"] = body }
            var context: TemplateContext = [
                "lang": .text(SitePipeline.htmlLang(site.languages[0])),
                "t": TemplateValue(words[site.languages[0]] ?? theme.translations(for: site.languages[0])),
                "page": .object(pageValues),
                "site": .object(siteValues()),
                "head_title": .text("\(title) - \(site.title)"),
                "data": TemplateValue(shared.data),
                "nav": .list(navigation.items(current: urlPath)),
                "has_nav": .bool(!navigation.entries.isEmpty),
                "breadcrumbs": [["title": "Home", "url": .text(site.basePath)]],
                "has_breadcrumbs": true,
            ]
            for (key, value) in extra { context[key] = value }
            let result = publish(
                context, layout: layout, urlPath: urlPath, file: theme.sources["layouts/\(layout)"] ?? layout,
                markdownFile: nil, titleLine: 1, theme: theme, checker: checker, writer: writer)
            diagnostics += result.diagnostics
            built.append(result.built)
        }
        // A folder of pages without an index.md gets a generated section page listing them.
        let folders = Set(content.pages.map(\.folder)).filter { !$0.isEmpty }
        let listed = folders.sorted().filter { folder in !content.pages.contains(where: { $0.urlPath == folder + "/" }) }
        if let first = listed.first, !theme.hasLayout("section") { diagnostics.append(TemplateChecks.missingSectionLayout(site: site, folder: first)) }
        for folder in listed {
            let children = content.pages.filter { $0.folder == folder }.sorted { $0.title < $1.title }.map { child -> TemplateValue in
                [
                    "title": .text(child.title), "url": .text(site.basePath + child.urlPath),
                    "description": .text(child.source.frontMatter.description ?? ""),
                ]
            }
            let name = String(folder.split(separator: "/").last ?? "").replacingOccurrences(of: "-", with: " ")
            let title = name.prefix(1).uppercased() + name.dropFirst()
            generate(
                folder + "/", layout: "section", title: title, description: "Pages about \(name.lowercased()).",
                extra: ["section_pages": .list(children), "has_section_pages": .bool(!children.isEmpty)])
        }
        generate(
            "a-to-z/", layout: "a-to-z", title: "A to Z of services",
            description: "Every service on this site, from A to Z.", extra: ["letters": .list(AToZ(pages: content.pages, basePath: site.basePath).letters)])
        generate("search/", layout: "search", title: "Search", description: "Search this site.", extra: [:])
        // The accessibility statement, from this build's advisory findings and the facts in plainsite.yml.
        let statement = AccessibilityStatement(
            site: site, organisation: project.organisation, settings: site.statement,
            problems: diagnostics.filter { $0.rule.hasPrefix("a11y/") && $0.severity == .warning }, documents: documents)
        if theme.hasLayout("accessibility-statement") { diagnostics += statement.diagnostics(file: project.file) }
        if statement.settings.missing.isEmpty {
            let body = theme.render("partials/accessibility-statement", ["statement": .object(statement.context)])
            generate(
                "accessibility/", layout: "accessibility-statement", title: "Accessibility statement for \(site.title)",
                description: "How accessible this website is, and how to report a problem.", extra: ["body": .text(body)])
        }
        generate("404.html", layout: "404", title: "Page not found", description: "", extra: ["has_breadcrumbs": false])
        // Old addresses (front-matter aliases) redirect to their pages.
        let redirects = Redirects(pages: content.pages, site: site)
        diagnostics += redirects.diagnostics
        do {
            for redirect in redirects.all {
                try writer.write(Data(redirect.html.utf8), to: redirect.from + "index.html", from: redirect.source)
                files.insert(redirect.from + "index.html")
                built.append(
                    BuiltPage(
                        site: site.id, urlPath: redirect.from, sourcePath: redirect.source, titleLine: 1,
                        title: "", anchors: [], links: []))
            }
            if !redirects.all.isEmpty {
                try writer.write(Data(redirects.netlifyFile().utf8), to: "_redirects", from: "generated:redirects file (_redirects)")
                files.insert("_redirects")
            }
            // What static hosts and web servers read: security headers, redirects, the 404 page, cache lifetimes.
            let hosting = hostingFiles(redirects: redirects, theme: theme)
            diagnostics += hosting.diagnostics
            if let made = hosting.files { files.formUnion(try writeHostingFiles(made, writer: writer)) }
        } catch {
            diagnostics.append(writeFailure(error, "The redirect pages or hosting files could not be written"))
        }
        // Sitemap, robots.txt, news feeds, calendar files and open data, and the search index: made at once.
        let siteFiles = siteFiles(infos)
        let entries = searchEntries
        let (made, searchIndex) = inParallel(
            { () -> Swift.Result<[(String, Data)], any Error> in
                Swift.Result {
                    var generated: [(String, Data)] =
                        siteFiles.sitemaps().map { ($0.path, Data($0.text.utf8)) } + [
                            ("robots.txt", Data(siteFiles.robots().utf8)),
                            ("data/pages.json", try siteFiles.pagesJSON()), ("data/pages.csv", siteFiles.pagesCSV()),
                            ("data/services.json", try siteFiles.servicesJSON()),
                        ]
                    if !siteFiles.news.isEmpty {
                        generated += [("news.xml", Data(siteFiles.rss().utf8)), ("news.atom", Data(siteFiles.atom().utf8))]
                    }
                    for info in siteFiles.pages {
                        if let ics = siteFiles.calendar(for: info) { generated.append((info.urlPath + "event.ics", Data(ics.utf8))) }
                    }
                    return generated
                }
            },
            { () -> (index: SearchIndex, json: Data, rows: [Range<Int>]) in
                let index = SearchIndex(entries: entries.sorted { $0.url < $1.url })
                let (json, rows) = index.jsonWithRows()
                return (index, json, rows)
            })
        do {
            for (path, data) in try made.get() {
                do {
                    try writer.write(data, to: path, from: "generated:\(path)")
                    files.insert(path)
                } catch let collision as OutputCollision {
                    diagnostics.append(collision.diagnostic(site: site))
                }
            }
        } catch {
            diagnostics.append(writeFailure(error, "The site's sitemap, feeds or data files could not be written"))
        }
        do {
            try writer.write(searchIndex.json, to: "search-index.json", from: "generated:search index (search-index.json)")
            files.insert("search-index.json")
        } catch {
            diagnostics.append(writeFailure(error, "The search index could not be written"))
        }
        do {
            for (relative, asset) in theme.assets().sorted(by: { $0.key < $1.key }) {
                switch asset {
                case .file(let file): try writer.copy(file, to: "assets/" + relative, from: "theme:assets/\(relative)")
                case .builtIn(let data): try writer.write(data, to: "assets/" + relative, from: "theme:assets/\(relative)")
                }
                files.insert("assets/" + relative)
            }
            try writer.write(Data(brandStylesheet().utf8), to: "assets/brand.css", from: "theme:assets/brand.css")
            files.insert("assets/brand.css")
            try writer.write(Data(theme.componentStylesheet().utf8), to: "assets/components.css", from: "theme:assets/components.css")
            files.insert("assets/components.css")
            for (relative, file) in content.staticFiles {
                do {
                    try writer.copy(file, to: relative, from: site.contentFolder + "/" + relative)
                    files.insert(relative)
                } catch let collision as OutputCollision {
                    diagnostics.append(collision.diagnostic(site: site))
                }
            }
        } catch {
            diagnostics.append(writeFailure(error, "A file could not be copied"))
        }
        if let logo = site.logo, theme.assets()[logo] == nil {
            diagnostics.append(
                Diagnostic(
                    rule: "config/logo", severity: .error, file: project.file, line: 1,
                    message: "The logo '\(logo)' of site '\(site.id)' is not in themes/\(site.id)/assets/ or themes/\(site.theme)/assets/.",
                    suggestion: "Put the logo file in themes/\(site.id)/assets/ and set 'logo:' to its name."))
        }
        var colours: [String: String] = [:]
        for (key, value) in site.colours.all { colours[key] = value }
        diagnostics += Contrast.check(colours: colours, site: site.id, file: project.file, lines: site.colourLines)
        // Entries no page used any more are dropped, so the cache holds about one entry per page.
        if let cache, !cache.store.keep(only: Set(outcomes.compactMap(\.cacheKey))) {
            cacheWarnings.append("The build cache for site '\(site.id)' could not be written, so the next build will build these pages again.")
        }
        return Result(
            diagnostics: diagnostics, pages: written, built: built, files: files, infos: infos,
            cacheHits: cacheHits, cacheMisses: cacheMisses, cacheWarnings: cacheWarnings)
    }

    /// What a content page's build gives the site-wide steps; kept in its cache entry.
    struct PageOutcome: Sendable {
        var diagnostics: [Diagnostic] = []
        var built: BuiltPage?
        var written = false
        var searchEntry: SearchEntry?
        /// Further pages of a long section list.
        var extraBuilt: [BuiltPage] = []
        var info: PageInfo?
        /// Headings and links, to compare a page with its translation.
        var shape = PageShape()
        /// Documents without an HTML alternative: listed in the accessibility statement.
        var documents: [NonAccessibleDocument] = []
        /// How the incremental-build cache served this page, when it is in use.
        var cache: CacheUse?
        var cacheKey: CacheKey?
    }

    enum CacheUse: Sendable {
        case hit, miss
    }

    /// How many headings and links a page has, to compare it with its translation.
    struct PageShape: Sendable, Equatable {
        var headings = 0
        var links = 0
    }

    /// One page: front matter checks, Markdown, lint, theme, accessibility check, write; or,
    /// when the cache has an entry for the page's key, its files and findings from the entry.
    func buildPage(
        _ page: ContentPage, theme: Theme, snippets: [String: String], navigation: Navigation,
        checker: AccessibilityChecker, writer: any SiteOutput
    ) -> PageOutcome {
        var outcome = PageOutcome()
        let frontMatter = page.source.frontMatter
        // A page whose front matter could not be read reports that mistake alone, not what follows from it.
        let settingsRead = !page.source.frontMatterIsUnreadable
        if settingsRead, frontMatter.title?.isEmpty ?? true {
            outcome.diagnostics.append(
                Diagnostic(
                    rule: "front-matter/title", severity: .error, file: page.sourcePath, line: 1,
                    message: "This page has no title, so it has no heading and no name in search results.",
                    suggestion: "Add a line 'title: ...' to the front matter, between the '---' lines at the top."))
        }
        if settingsRead, frontMatter.description?.isEmpty ?? true {
            outcome.diagnostics.append(
                Diagnostic(
                    rule: "front-matter/description", severity: .warning, file: page.sourcePath, line: 1,
                    message: "This page has no description, which search engines show under its title.",
                    suggestion: "Add 'description:' with one sentence saying what the page helps people do."))
        }
        let layout = frontMatter.layout ?? (page.urlPath.isEmpty && theme.hasLayout("home") ? "home" : "page")
        guard theme.hasLayout(layout) else {
            outcome.diagnostics.append(
                Diagnostic(
                    rule: "front-matter/layout", severity: .error, file: page.sourcePath,
                    line: frontMatter.keyLines["layout"] ?? 1,
                    message: "There is no layout called '\(layout)'.",
                    suggestion: "Use one of: \(theme.layouts.joined(separator: ", "))."))
            outcome.diagnostics += page.source.diagnostics
            return outcome
        }
        // The template context of each HTML file the page becomes, without the rendered
        // Markdown: it holds all the page takes from other pages, so it is part of the cache key.
        let contexts = pageContexts(page: page, layout: layout, navigation: navigation, theme: theme)
        if let cache {
            let key = cache.pageKey(page: page, layout: layout, contexts: contexts)
            if let entry = cache.store.entry(key), let reused = reuse(entry, key: key, writer: writer) { return reused }
            outcome.cache = .miss
            outcome.cacheKey = key
        }
        let resolver = LinkResolver(basePath: site.basePath, pageFolder: page.folder)
        let rendered = monitor.time(Stage.markdown, perPage: true) {
            MarkdownRenderer.render(
                page.source.body, file: page.sourcePath,
                context: RenderContext(
                    data: shared.data, snippets: snippets, rewriteURL: { resolver.resolve($0) }, rawHTML: site.rawHTML,
                    reservedIDs: theme.reservedIDs(layout: layout)),
                sourcePositions: true)
        }
        // Front matter, Markdown and plain-English problems, with the baseline applied.
        let linted = monitor.time(Stage.lint, perPage: true) {
            lint.lint(
                file: page.sourcePath, text: page.text, page: page.source, rendered: rendered, layout: layout,
                language: page.language)
        }
        outcome.diagnostics += linted.diagnostics
        outcome.info = PageInfo(
            title: frontMatter.title ?? "", urlPath: page.urlPath, description: frontMatter.description ?? "",
            layout: layout, date: frontMatter.date, updated: frontMatter.updated, reviewBy: frontMatter.reviewBy,
            services: frontMatter.services, venue: frontMatter.venue, readingAge: linted.readability?.readingAge,
            sourcePath: page.sourcePath)
        outcome.shape = PageShape(
            headings: rendered.textBlocks.filter { if case .heading = $0.kind { true } else { false } }.count, links: rendered.links.count)
        // Links to PDF and Office files need an HTML alternative, or a stated reason for having none.
        for link in rendered.links where DocumentFormats.isDocument(link.url) {
            let note = frontMatter.documents.first { $0.file == link.url || resolver.resolve($0.file) == resolver.resolve(link.url) }
            if note?.html == nil {
                outcome.documents.append(NonAccessibleDocument(file: link.url, page: page.sourcePath, reason: note?.reason))
            }
            if note == nil {
                outcome.diagnostics.append(
                    Diagnostic(
                        rule: "content/document-alternative", severity: .warning, file: page.sourcePath, line: link.line,
                        message: "The link to '\(link.url)' opens a document with no HTML alternative and no reason given.",
                        suggestion:
                            "Publish the document as a page and add to the front matter: documents: [{ file: \(link.url), html: /its-page/ }], or give a reason: documents: [{ file: \(link.url), reason: \"…\" }]."
                    ))
            }
        }
        let reviewSeverity = site.lint.severities.first { Linter.matches($0.key, "content/review-due") }.map(\.value) ?? .warning
        if let reviewBy = frontMatter.reviewBy, reviewBy < today, let reviewSeverity {
            outcome.diagnostics.append(
                Diagnostic(
                    rule: "content/review-due", severity: reviewSeverity, file: page.sourcePath, line: frontMatter.keyLines["review_by"] ?? 1,
                    message: "This page was due for review on \(reviewBy.longForm).",
                    suggestion: "Check the page is still right, then set 'review_by:' to a date up to a year ahead (and 'updated:' if you changed it)."))
        }
        outcome.searchEntry = SearchEntry(
            title: frontMatter.title ?? "", url: site.basePath + page.urlPath,
            description: frontMatter.description ?? "", blocks: rendered.textBlocks)

        let titleLine = frontMatter.keyLines["title"] ?? 1
        // Every page is checked before it is written; problems point at the Markdown line or the template.
        // The first context is the page itself; a long section list continues on /section/page/2/…
        var files: [PageFile] = []
        var allWritten = true
        let structuredData = StructuredData(site: site, organisation: project.organisation).json(
            page: page, layout: layout, breadcrumbs: contexts.first?.context["breadcrumbs"])
        for (index, item) in contexts.enumerated() {
            var context = item.context
            if case .object(var values)? = context["page"] {
                values["body"] = .text(rendered.html)
                values["json_ld"] = .text(structuredData)
                context["page"] = .object(values)
            }
            let result = publish(
                context, layout: layout, urlPath: item.urlPath, file: page.sourcePath, markdownFile: page.sourcePath,
                titleLine: titleLine, theme: theme, checker: checker, writer: writer)
            if settingsRead { outcome.diagnostics += result.diagnostics }
            if index == 0 {
                outcome.built = result.built
                outcome.written = result.written
            } else {
                outcome.extraBuilt.append(result.built)
            }
            files.append(PageFile(path: result.file.path, html: result.file.data))
            allWritten = allWritten && result.written
        }
        if let cache, let key = outcome.cacheKey, allWritten {
            cache.store.save(PageEntry(outcome: outcome, files: files), key)
        }
        return outcome
    }

    /// A page from the cache: its files are written again and its findings reported again.
    /// Nil when a file cannot be written, so the page is built afresh and the problem reported.
    func reuse(_ entry: PageEntry, key: CacheKey, writer: any SiteOutput) -> PageOutcome? {
        var outcome = entry.outcome
        do {
            try monitor.time(Stage.write, perPage: true) {
                for file in entry.files { try writer.write(file.html, to: file.path, from: entry.outcome.built?.sourcePath ?? file.path) }
            }
        } catch {
            return nil
        }
        outcome.written = true
        outcome.cache = .hit
        outcome.cacheKey = key
        return outcome
    }

    /// Renders a page's layout inside the base template, checks the result for accessibility,
    /// and writes it without source positions or template markers. The one path every page
    /// (content, list continuation or generated) goes through.
    func publish(
        _ context: TemplateContext, layout: String, urlPath: String, file: String, markdownFile: String?, titleLine: Int,
        theme: Theme, checker: AccessibilityChecker, writer: any SiteOutput
    )
        -> (diagnostics: [Diagnostic], built: BuiltPage, written: Bool, file: (path: String, data: Data))
    {
        var full = context
        // The page stays UTF-8 bytes from the templates to the file.
        let marked = monitor.time(Stage.theme, perPage: true) {
            full["content"] = .text(theme.render("layouts/\(layout)", context))
            return theme.renderBytes("base", full)
        }
        let checked = monitor.time(Stage.accessibility, perPage: true) {
            checker.check(utf8: marked, file: file, locator: SourceLocator(markdownFile: markdownFile, templates: theme.texts))
        }
        var diagnostics = checked.diagnostics
        let built = BuiltPage(
            site: site.id, urlPath: urlPath, sourcePath: file, titleLine: titleLine, title: checked.title,
            anchors: checked.anchors, links: checked.links)
        let output = urlPath.isEmpty || urlPath.hasSuffix("/") ? urlPath + "index.html" : urlPath
        let html = Data(marked.withUnsafeBufferPointer { SourceLocator.strip(utf8: $0) })
        do {
            try monitor.time(Stage.write, perPage: true) { try writer.write(html, to: output, from: file) }
            return (diagnostics, built, true, (output, html))
        } catch let collision as OutputCollision {
            diagnostics.append(collision.diagnostic(site: site))
            return (diagnostics, built, false, (output, html))
        } catch {
            diagnostics.append(
                Diagnostic(
                    rule: "output/write", severity: .error, file: file, line: 1,
                    message: "The page /\(urlPath) could not be written: \(error.localizedDescription)."))
            return (diagnostics, built, false, (output, html))
        }
    }

    /// The finding for a file that could not be written: a collision names both writers.
    func writeFailure(_ error: any Error, _ what: String) -> Diagnostic {
        if let collision = error as? OutputCollision { return collision.diagnostic(site: site) }
        return Diagnostic(
            rule: "output/write", severity: .error, file: site.contentFolder, line: 1,
            message: "\(what): \(error.localizedDescription).")
    }

    /// Names of the stages each page goes through, for `--verbose`.
    enum Stage {
        static let markdown = "pages: Markdown to HTML"
        static let lint = "pages: plain English and readability"
        static let theme = "pages: theme templates"
        static let accessibility = "pages: accessibility checks"
        static let write = "pages: write files"
    }

    func brandStylesheet() -> String {
        var css = "/* Generated by Plainsite from the colours of site '\(site.id)' in plainsite.yml. */\n:root {\n"
        for (key, value) in site.colours.all {
            css += "  --ps-\(key.replacingOccurrences(of: "_", with: "-")): \(value);\n"
        }
        return css + "}\n"
    }
}
