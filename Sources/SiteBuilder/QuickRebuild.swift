import Accessibility
import Content
import Diagnostics
import Foundation
import Markdown
import Output
import Project
import Support
import Synchronization

/// A build in which only the text of a few pages changed: those pages are built again and
/// written into the published sites, with the few site-wide files that depend on their text
/// (the search index and the open data's reading ages); nothing else is read or written.
///
/// It is taken only when it gives exactly what a full build would (the tests compare the two
/// byte for byte), which the last build's `BuildState` shows:
/// - the same sites, output folder, configuration, theme, data, snippets, baseline, "today"
///   and Plainsite (the site keys), and the same files in every content folder;
/// - every other content file unchanged (its signature, or its bytes when the signature is
///   too recent to trust), and every file of the published sites as the last build left it;
/// - each changed page's front matter unchanged, so its title, dates, menu order and so on,
///   and so every other page, are unchanged; its template context comes from its last cache entry;
/// - the rebuilt page gives the site-wide steps the same as before: its links and anchors
///   (so every link check stands), headings and links count, documents, accessibility
///   warnings (for the accessibility statement) and facts other than its reading age;
///   and it has no errors (a build with errors publishes nothing, which the full build reports).
/// Otherwise (or when anything cannot be read) the full build runs, as if this had not been tried.
extension Builder {
    /// Changed pages above this many are built by the full build, which uses every core.
    static let quickRebuildLimit = 32

    struct ChangedPage {
        let site: Int
        let page: ContentPage
        let state: BuildState.PageState
        /// Its place in the content folder's listing.
        let listed: Int
        let signature: FileSignature
        let textHash: UInt64
    }

    func quickRebuild(
        _ options: BuildOptions, sites: [SiteConfiguration], output: OutputFolder, cacheRoot: URL,
        stateFile: URL
    ) -> BuildReport? {
        let listedAt = FileSignature.now()
        // Three things at once: read the state; open each site's cache (its key reads the
        // theme, data and configuration); list the content folders and take each file's
        // signature (on every core free).
        let project = configuration, today = options.today, monitor = options.monitor
        // What rebuilding a page needs (the plain-English rules, the themes) is made on other
        // cores, the two at once, from the moment the signing meets a file changed since the last
        // build wrote its state (a hint only: what changed is decided below, from the state);
        // a build with nothing to rebuild never makes it.
        let tools = RebuildTools(project: project, sites: sites)
        // Without a state there is nothing to rebuild from: the full build, at once (rather than
        // after listing the content and starting the rules and themes for nothing).
        guard FileSignature(path: stateFile.path) != nil else { return nil }
        let lastBuild = [stateFile.path, BuildJournal(stateFile: stateFile).path].compactMap { FileSignature(path: $0)?.modified }.max()
        let (loaded, scans, prepared) = monitor.time("quick: read the state, list and sign the content, open the caches") {
            let loading = Background { monitor.time("quick: (core time) read the state") { BuildState.load(from: stateFile, checkFindings: false) } }
            let opening = Background {
                monitor.time("quick: (core time) open the caches") {
                    (
                        sites.map { BuildCache(root: cacheRoot, site: $0, project: project, today: today) },
                        SharedContent(root: project.root, exampleValuesAllowed: project.allowsExampleValues)
                    )
                }
            }
            var scans = monitor.time("quick: (core time) list the content") {
                sites.map { ContentScan(listing: project.root.appendingPathComponent($0.contentFolder)) }
            }
            // Signed on every core: the one reading the state joins in when it is done.
            monitor.time("quick: sign the content files") {
                for index in scans.indices {
                    scans[index].sign(project.root.appendingPathComponent(sites[index].contentFolder), changedSince: lastBuild, tools: tools)
                }
            }
            return (loading.take(), scans, opening.take())
        }
        guard var state = loaded, state.sites.map(\.id) == sites.map(\.id) else { return nil }
        // The findings are checked on another core while the files are checked and pages rebuilt
        // (they are not decoded: see `FindingGroups`).
        let readFindings = state.findings
        let findingsChecked = Background { monitor.time("quick: (core time) check the findings") { readFindings.check() } }
        // The text report saved for this state, read and checked meanwhile (see `SavedTextReport`).
        let savedReportPath = SavedTextReport.path(forState: stateFile), stateChecksum = state.checksum
        let savedReport = Background {
            monitor.time("quick: (core time) read the saved report") {
                SavedTextReport(path: savedReportPath, stateChecksum: stateChecksum)
            }
        }
        // Every change to the state is applied to it here and kept for its journal.
        var stateChanges: [StateChange] = []
        func record(_ change: StateChange) -> Bool {
            stateChanges.append(change)
            return state.apply(change)
        }
        var caches: [BuildCache] = []
        var changed: [ChangedPage] = []
        var publishedChecks: [Background<Bool>] = []
        var touched = false
        for (index, site) in sites.enumerated() {
            let old = state.sites[index]
            guard let cache = prepared.0[index], cache.siteKey == old.siteKey, !cache.pack.indexWasDamaged else { return nil }
            caches.append(cache)
            let scan = scans[index]
            guard scan.isFolder, scan.links == old.links, scan.files == old.listing else { return nil }
            let base = configuration.root.appendingPathComponent(site.contentFolder).path + "/"
            for (number, (relative, signature)) in zip(old.listing, scan.signatures).enumerated() {
                guard let signature else { return nil }
                // A file changed within a second of the last listing may have changed again
                // without its signature changing (file times are not that fine): read it.
                let recent = signature.modified >= state.listedAt - 1_000_000_000
                guard signature != old.signatures[number] || recent else { continue }
                guard let pageIndex = old.pageIndex(relative), changed.count < Builder.quickRebuildLimit,
                    let data = FileManager.default.contents(atPath: base + relative),
                    let text = String(data: data, encoding: .utf8)
                else { return nil }
                let pageState = old.pages[pageIndex]
                let textHash = data.withUnsafeBytes { XXH64.hash($0, seed: 0) }
                if textHash == pageState.textHash {
                    if signature != old.signatures[number] {
                        guard record(.contentSignature(site: index, listed: number, signature)) else { return nil }
                        touched = true
                    }
                    continue
                }
                let language = ContentPage.language(of: relative, languages: site.languages)
                let page = ContentPage(
                    sourcePath: site.contentFolder + "/" + relative, relativePath: relative,
                    urlPath: ContentPage.urlPath(for: relative, language: language), text: text, language: language,
                    source: PageSource(text: text, file: site.contentFolder + "/" + relative))
                guard BuildState.frontMatterHash(page) == pageState.frontMatterHash else { return nil }
                changed.append(ChangedPage(site: index, page: page, state: pageState, listed: number, signature: signature, textHash: textHash))
                tools.start()
            }
            // The published site must be as the last build left it: checked on other cores while
            // the changed pages are rebuilt in memory, and known before anything is written.
            let outputs = old.outputs, folder = output.root.appendingPathComponent(site.id).path
            publishedChecks.append(
                Background {
                    monitor.time("quick: (core time) check the published files") {
                        let live = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                        guard live >= 0 else { return false }
                        defer { close(live) }
                        let found = parallelMap(outputs.map(\.path)) { FileSignature(folder: live, relative: $0) }
                        return !zip(outputs, found).contains { $0.0.signature != $0.1 }
                    }
                })
        }

        // Each file to write, and whether it is known to differ from the published one (else
        // it is compared first and left alone when it is the same).
        var rewrites: [(site: Int, path: String, pieces: [FilePiece], differs: Bool)] = []
        var keys: [[CacheKey]] = state.sites.map { $0.pages.map(\.key) }
        var started = DispatchTime.now().uptimeNanoseconds
        if !changed.isEmpty {
            let (_, shared) = prepared
            guard let (lint, themes) = monitor.time("quick: wait for the rules and themes", { tools.take() }) else { return nil }
            let checker = AccessibilityChecker()
            for (index, site) in sites.enumerated() {
                let pages = changed.filter { $0.site == index }
                guard !pages.isEmpty else { continue }
                let theme = themes[index]
                guard !theme.diagnostics.hasErrors else { return nil }
                var pipeline = SitePipeline(site: site, project: configuration, shared: shared, lint: lint, today: options.today)
                pipeline.cache = caches[index]
                for code in site.languages { pipeline.words[code] = theme.translations(for: code) }
                let snippets = pipeline.renderSnippets().html
                let live = output.root.appendingPathComponent(site.id)
                // The changed rows of the search index, as ranges of the published file (the
                // state's rows as the last build left them) and their new bytes.
                let searchRows = state.sites[index].pages.map(\.searchRow)
                var searchEdits: [(range: Range<Int>, bytes: [UInt8])] = []
                // Pages whose row of the open data changes (their reading age, to one decimal place).
                var openDataRows: [(old: PageInfo, new: PageInfo)] = []
                for change in pages {
                    let language = change.page.language ?? site.languages[0]
                    guard case let .hit(entry) = caches[index].load(change.state.key),
                        let contexts = BuildCache.decodeContexts(
                            entry.contexts, data: TemplateValue(shared.data),
                            words: TemplateValue(pipeline.words[language] ?? theme.translations(for: language)))
                    else { return nil }
                    let memory = MemoryOutput()
                    let outcome = pipeline.buildPage(
                        change.page, theme: theme, snippets: snippets, navigation: nil, checker: checker,
                        writer: memory, contexts: (contexts, entry.contexts))
                    guard let key = outcome.cacheKey, outcome.written,
                        Builder.sameForOtherPages(entry.outcome, outcome, file: change.page.sourcePath),
                        !outcome.diagnostics.hasErrors
                    else { return nil }
                    let findings = Builder.findings(of: change.page.sourcePath, page: outcome.diagnostics, siteFindings: state.siteDiagnostics)
                    guard record(.findings(file: change.page.sourcePath, findings)),
                        let pageIndex = state.sites[index].pageIndex(change.page.relativePath),
                        record(.contentSignature(site: index, listed: change.listed, change.signature))
                    else { return nil }
                    keys[index][pageIndex] = key
                    for (path, data) in memory.files.sorted(by: { $0.key < $1.key }) { rewrites.append((index, path, [.bytes([UInt8](data))], false)) }
                    // Its reading age, in the open data (to one decimal place) and reports.
                    if let info = outcome.info, let at = state.sites[index].infos.firstIndex(where: { $0.sourcePath == info.sourcePath }) {
                        func published(_ age: Double?) -> Double? { age.map { ($0 * 10).rounded() / 10 } }
                        if published(state.sites[index].infos[at].readingAge) != published(info.readingAge) {
                            openDataRows.append((state.sites[index].infos[at], info))
                        }
                        guard record(.info(site: index, index: at, info)) else { return nil }
                    }
                    // Its row of the search index.
                    guard let entry = outcome.searchEntry else { return nil }
                    let row = state.sites[index].pages[pageIndex].searchRow
                    let replacement = SearchIndex.row(entry)
                    searchEdits.append((searchRows[pageIndex], replacement))
                    // Rows after it move by the difference in length (see `BuildState.apply`).
                    guard
                        record(
                            .page(
                                site: index, page: pageIndex, textHash: change.textHash, key: key,
                                searchRow: row.lowerBound..<row.lowerBound + replacement.count))
                    else { return nil }
                }
                // The new search index: the published one (mapped, not copied) with the rows replaced.
                guard let search = MappedFile(live.appendingPathComponent("search-index.json").path),
                    let pieces = search.edited(searchEdits)
                else { return nil }
                // Unchanged rows (the page's words, title and summary as they were) leave it as it is.
                if searchEdits.contains(where: { !search.bytes[$0.range].elementsEqual($0.bytes) }) {
                    rewrites.append((index, "search-index.json", pieces, true))
                }
                if !openDataRows.isEmpty {
                    // The changed rows replaced in the files as published (checked with the
                    // rest), or, when a row cannot be placed for certain, the files written whole.
                    let data = live.appendingPathComponent("data")
                    if let json = MappedFile(data.appendingPathComponent("pages.json").path),
                        let csv = MappedFile(data.appendingPathComponent("pages.csv").path),
                        let replaced = SiteFiles.replacingRows(json: json, csv: csv, baseURL: site.baseURL, changes: openDataRows)
                    {
                        rewrites.append((index, "data/pages.json", replaced.json, true))
                        rewrites.append((index, "data/pages.csv", replaced.csv, true))
                    } else {
                        let files = pipeline.siteFiles(state.sites[index].infos)
                        let (json, csv) = inParallel({ try? files.pagesJSON() }, { files.pagesCSV() })
                        guard let json else { return nil }
                        rewrites.append((index, "data/pages.json", [.bytes([UInt8](json))], false))
                        rewrites.append((index, "data/pages.csv", [.bytes([UInt8](csv))], false))
                    }
                }
            }
        }

        monitor.record("quick: rebuild the changed pages", since: started)
        started = DispatchTime.now().uptimeNanoseconds
        // Every file to replace is one the last build wrote.
        let outputIndices = rewrites.compactMap { state.sites[$0.site].outputIndex($0.path) }
        guard outputIndices.count == rewrites.count else { return nil }
        // The new files are written beside the published ones while the checks finish (a
        // temporary file changes nothing published), and renamed into place only after them.
        let liveFolders = sites.map { output.root.appendingPathComponent($0.id).path + "/" }
        let publishedSizes = zip(rewrites, outputIndices).map { state.sites[$0.site].outputs[$1].signature.size }
        let staged = monitor.time("quick: write the changed files beside the published ones") {
            parallelMap(Array(zip(rewrites, publishedSizes))) { rewrite, size -> StagedFile in
                let path = liveFolders[rewrite.site] + rewrite.path
                if !rewrite.differs, size == Int64(rewrite.pieces.reduce(0) { $0 + $1.count }),
                    FileIO.readAll(path) == FilePiece.joined(rewrite.pieces)
                {
                    return .unchanged
                }
                // Never through a link: each folder on the way must be a real one.
                if let problem = Builder.linkOnTheWay(to: rewrite.path, under: liveFolders[rewrite.site]) { return .failed(problem) }
                guard let temporary = FileIO.writeTemporary(beside: path, with: rewrite.pieces) else {
                    return .failed("Could not write \(path): \(String(cString: strerror(errno))).")
                }
                return .written(temporary)
            }
        }
        var temporaries = staged.compactMap { if case let .written(temporary) = $0 { temporary } else { nil } }
        defer { for temporary in temporaries { unlink(temporary) } }
        guard monitor.time("quick: wait for the findings' check", { findingsChecked.take() }) else { return nil }
        guard monitor.time("quick: wait for the published files' check", { publishedChecks.allSatisfy { $0.take() } }) else { return nil }
        for case let .failed(problem) in staged {
            output.discardStaging()
            return BuildReport(findings: state.findings, pageCounts: state.pageCounts, published: false, setupError: problem)
        }
        // Nothing published is changed until here; from here the state no longer describes it
        // until the journal's record of these changes is written (or the state is written whole,
        // when the journal is long or cannot be written).
        let journal = BuildJournal(stateFile: stateFile)
        var journaling = options.journalLimit > 0 && journal.size <= options.journalLimit
        if !rewrites.isEmpty || touched {
            if journaling && !journal.appendPending(stateChecksum: state.checksum) { journaling = false }
            if !journaling { BuildState.remove(stateFile) }
        }
        for ((rewrite, file), at) in zip(zip(rewrites, staged), outputIndices) {
            guard case let .written(temporary) = file else { continue }
            let path = liveFolders[rewrite.site] + rewrite.path
            guard rename(temporary, path) == 0, let signature = FileSignature(path: path) else {
                output.discardStaging()
                return BuildReport(
                    findings: state.findings, pageCounts: state.pageCounts, published: false,
                    setupError: "Could not write \(path): \(String(cString: strerror(errno))).")
            }
            temporaries.removeAll { $0 == temporary }
            guard record(.output(site: rewrite.site, index: at, signature)) else { return nil }
        }
        monitor.record("quick: publish the changed files", since: started)
        started = DispatchTime.now().uptimeNanoseconds
        // The cache's index and the new state are written at once; a state whose cache index
        // could not be written is removed again (its pages' entries may be missing).
        guard record(.listedAt(listedAt)) else { return nil }
        let finished = state, rebuilt = !changed.isEmpty, needsState = !rewrites.isEmpty || touched || rebuilt
        let openCaches = caches, pageKeys = keys, changes = stateChanges, useJournal = journaling
        let (unwritten, stateWritten) = inParallel(
            { rebuilt ? zip(openCaches, pageKeys).filter { !$0.0.finish(keeping: $0.1) }.map(\.0.folder.path) : [] },
            { () -> Bool in
                guard needsState else { return true }
                if useJournal { return journal.append(changes, stateChecksum: finished.checksum) }
                return finished.save(to: stateFile)
            })
        let stateKept = unwritten.isEmpty && stateWritten
        if !stateKept { BuildState.remove(stateFile) }
        monitor.record("quick: save the cache index and the state", since: started)
        let warnings = unwritten.map { "The build cache \($0) could not be written, so the next build will build these pages again." }
        output.discardStaging()
        let total = state.sites.reduce(0) { $0 + $1.pages.count }
        var report = BuildReport(
            findings: state.findings, pageCounts: state.pageCounts, published: true, setupError: nil,
            pages: state.pages, cacheHits: total - changed.count, cacheMisses: changed.count, cacheWarnings: warnings,
            savedReport: SavedReportSlot(
                path: savedReportPath, stateChecksum: stateChecksum, loading: savedReport,
                writable: stateKept && (!needsState || useJournal)))
        report.quick = true
        report.heldValues = [state, caches]
        return report
    }

    /// A changed file of a quick rebuild, before the checks allow it to be published.
    enum StagedFile: Sendable {
        /// The same bytes as the published file: nothing to write.
        case unchanged
        /// Written to this temporary file beside the published one.
        case written(String)
        /// Could not be written (the message says where and why).
        case failed(String)
    }

    /// A content folder's publishable files and symbolic links, as a full build lists them, and
    /// each file's signature.
    struct ContentScan: Sendable {
        var isFolder = false
        var files: [String] = []
        var links: [String] = []
        var signatures: [FileSignature?] = []

        /// The folder listed; its files are signed by `sign`.
        init(listing folder: URL) {
            // The content folder itself must still be a folder (never a link).
            guard let info = FileSignature(path: folder.path), info.mode & Int64(S_IFMT) == Int64(S_IFDIR) else { return }
            isFolder = true
            let listing = Theme.filesAndLinks(under: folder)
            files = listing.files.filter(SiteContent.isPublishable)
            links = listing.links
        }

        /// Each file's signature, taken on every core (10,000 `lstat`s were half of listing the
        /// content, on one core while the other read the state). `tools` are started at the
        /// first file modified after `changedSince` (or within a second before it: file times
        /// are not that fine).
        mutating func sign(_ folder: URL, changedSince: Int64?, tools: RebuildTools) {
            guard isFolder else { return }
            let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { isFolder = false; return }
            defer { close(descriptor) }
            let since = changedSince.map { $0 - 1_000_000_000 } ?? .min
            let started = Atomic<Bool>(false)
            signatures = parallelMap(files) { relative in
                let signature = FileSignature(folder: descriptor, relative: relative)
                if let signature, signature.modified >= since || signature.changed >= since,
                    !started.load(ordering: .relaxed), !started.exchange(true, ordering: .relaxed)
                {
                    tools.start()
                }
                return signature
            }
        }
    }

    /// The plain-English rules and the themes a quick rebuild needs, made on two other threads
    /// from the first call to `start` (from any thread).
    final class RebuildTools: Sendable {
        private let made = Mutex<(Background<LintRunner>, Background<[Theme]>)?>(nil)
        private let project: ProjectConfiguration
        private let sites: [SiteConfiguration]

        init(project: ProjectConfiguration, sites: [SiteConfiguration]) {
            self.project = project
            self.sites = sites
        }

        func start() {
            made.withLock { made in
                guard made == nil else { return }
                let project = project, sites = sites
                made = (
                    Background { LintRunner(project: project, root: project.root) },
                    Background { sites.map { Theme(site: $0, root: project.root) } }
                )
            }
        }

        /// The rules and themes (waiting for them); nil when `start` was never called.
        func take() -> (LintRunner, [Theme])? {
            guard let (lint, themes) = made.withLock({ $0 }) else { return nil }
            return (lint.take(), themes.take())
        }
    }

    /// True when a rebuilt page gives the site-wide steps what it gave before (see above).
    static func sameForOtherPages(_ old: SitePipeline.PageOutcome, _ new: SitePipeline.PageOutcome, file: String) -> Bool {
        func encoded(_ outcome: SitePipeline.PageOutcome) -> [UInt8] {
            var writer = ByteWriter()
            if let built = outcome.built { writer.builtPage(built) }
            for built in outcome.extraBuilt { writer.builtPage(built) }
            writer.int(outcome.shape.headings); writer.int(outcome.shape.links)
            for document in outcome.documents { writer.string(document.file); writer.string(document.page); writer.optionalString(document.reason) }
            if var info = outcome.info {
                info.readingAge = nil
                var single = SitePipeline.PageOutcome()
                single.info = info
                writer.outcome(single)
            }
            if let entry = outcome.searchEntry { writer.string(entry.title); writer.string(entry.url); writer.string(entry.description) }
            return writer.buffer
        }
        func elsewhere(_ outcome: SitePipeline.PageOutcome) -> Set<Diagnostic> {
            Set(outcome.diagnostics.filter { $0.file != file || ($0.rule.hasPrefix("a11y/") && $0.severity == .warning) })
        }
        return old.built != nil && new.built != nil && encoded(old) == encoded(new) && elsewhere(old) == elsewhere(new)
    }

    /// A rebuilt page's file's findings as a full build has them: its page's findings and the
    /// site-wide ones about it, without repeats, sorted (they replace the file's old findings,
    /// see `BuildState.apply`).
    static func findings(of file: String, page: [Diagnostic], siteFindings: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return Diagnostic.sorted((page.filter { $0.file == file } + siteFindings.filter { $0.file == file }).filter { seen.insert($0).inserted })
    }
}
