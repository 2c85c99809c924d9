import Content
import Diagnostics
import Foundation
import LinkCheck
import Output
import PageBuild
import PageCache
import Project
import Site
import Support
import Theme

/// A content page's outcome, with how the incremental-build cache served it.
struct PageResult: Sendable {
    var outcome = PageOutcome()
    var cache: CacheUse?
    var cacheKey: CacheKey?
}

enum CacheUse: Sendable {
    case hit, miss
}

/// What the site-wide steps gather from the content pages.
struct GatheredPages {
    var searchEntries: [SearchEntry] = []
    var documents: [NonAccessibleDocument] = []
}

extension SitePipeline {
    func buildPages(content: SiteContent, theme: Theme, snippets: [String: String], diagnostics: [Diagnostic], writer: any CopyingOutput) -> Result {
        let pages = PageBuilder(
            site: site, project: project, shared: shared, lint: lint, today: today, pages: content.pages, theme: theme,
            snippets: snippets, monitor: monitor)
        // Pages go through the pipeline on every core; results are gathered in page order,
        // so diagnostics and output do not depend on which core finished first.
        let outcomes = parallelMap(content.pages, serial: serial) { page in
            let outcome = buildPage(page, pages: pages, writer: writer)
            monitor?.pageDone(site: site.id, total: content.pages.count)
            return outcome
        }
        var result = Result(diagnostics: diagnostics, pages: 0)
        result.diagnostics += translationParity(content.pages, outcomes)
        let gathered = gather(outcomes, into: &result)
        let generator = SiteGenerator(pages: pages)
        writeGeneratedPages(
            generator.generatedPages(content: content, documents: gathered.documents, findings: result.diagnostics), into: &result, writer: writer)
        writeRedirectsAndHosting(content: content, generator: generator, into: &result, writer: writer)
        writeSiteFiles(searchEntries: gathered.searchEntries, generator: generator, into: &result, writer: writer)
        copyAssetsAndFiles(content: content, generator: generator, into: &result, writer: writer)
        result.diagnostics += siteSettingChecks(theme: theme)
        // Entries no page used any more are dropped, so the cache holds about one entry per page.
        if let cache, !cache.store.keep(only: Set(outcomes.compactMap(\.cacheKey))) {
            result.cacheWarnings.append("The build cache for site '\(site.id)' could not be written, so the next build will build these pages again.")
        }
        return result
    }

    /// Writes the generated pages; their findings are added to the site's.
    func writeGeneratedPages(_ made: GeneratedPages, into result: inout Result, writer: any SiteOutput) {
        result.diagnostics += made.diagnostics
        for page in made.files {
            result.diagnostics += write(page.file, urlPath: page.built.urlPath, from: page.built.sourcePath, writer: writer).diagnostics
            result.built.append(page.built)
        }
    }

    /// A translation should match its original: the same number of headings and links.
    func translationParity(_ pages: [ContentPage], _ outcomes: [PageResult]) -> [Diagnostic] {
        // (Pages and outcomes are read by index, field by field, here and below: iterating
        // them by value copied 10,000 large values twice over, on one core.)
        var shapes: [String: PageShape] = [:]
        shapes.reserveCapacity(outcomes.count)
        for index in outcomes.indices { shapes[pages[index].relativePath] = outcomes[index].outcome.shape }
        var diagnostics: [Diagnostic] = []
        for index in pages.indices where pages[index].language != nil {
            let relativePath = pages[index].relativePath
            let original = ContentPage.twinKey(of: relativePath, language: pages[index].language)
            guard let mine = shapes[relativePath], let theirs = shapes[original] else { continue }
            if mine.headings != theirs.headings || mine.links != theirs.links {
                diagnostics.append(
                    Diagnostic(
                        rule: "content/translation-parity", severity: .warning, file: pages[index].sourcePath, line: 1,
                        message:
                            "This translation has \(mine.headings) headings and \(mine.links) links; \(site.contentFolder)/\(original) has \(theirs.headings) and \(theirs.links).",
                        suggestion: "Check that both versions say the same things, with the same sections and links."))
            }
        }
        return diagnostics
    }

    /// The content pages' findings, built pages, facts and cache use, in page order.
    func gather(_ outcomes: [PageResult], into result: inout Result) -> GatheredPages {
        var gathered = GatheredPages()
        result.infos.reserveCapacity(outcomes.count)
        result.built.reserveCapacity(outcomes.count)
        gathered.searchEntries.reserveCapacity(outcomes.count)
        for index in outcomes.indices {
            switch outcomes[index].cache {
            case .hit: result.cacheHits += 1
            case .miss: result.cacheMisses += 1
            case nil: break
            }
            gathered.documents += outcomes[index].outcome.documents
            if let info = outcomes[index].outcome.info { result.infos.append(info) }
            result.diagnostics += outcomes[index].outcome.diagnostics
            if let page = outcomes[index].outcome.built { result.built.append(page) }
            result.built += outcomes[index].outcome.extraBuilt
            if outcomes[index].outcome.written { result.pages += 1 }
            if let entry = outcomes[index].outcome.searchEntry { gathered.searchEntries.append(entry) }
        }
        return gathered
    }

    /// One content page: built by PageBuild and written here; or, when the cache has an entry
    /// for the page's key, its files and findings from the entry.
    func buildPage(_ page: ContentPage, pages: PageBuilder, writer: any SiteOutput) -> PageResult {
        if let reused = reuseKnown(page, writer: writer) { return reused }
        let prepared: PreparedPage
        switch pages.prepare(page) {
        case .failure(let stopped): return PageResult(outcome: stopped.outcome)
        case .success(let ready): prepared = ready
        }
        var result = PageResult()
        if let cache {
            let key = cache.pageKey(page: page, layout: prepared.layout, contexts: prepared.contexts)
            if let entry = cache.store.entry(key), let reused = reuse(entry, key: key, writer: writer) { return reused }
            result.cache = .miss
            result.cacheKey = key
        }
        let built = pages.build(prepared)
        result.outcome = built.outcome
        var allWritten = true
        for index in built.files.indices {
            let written = write(built.files[index], urlPath: built.urlPaths[index], from: page.sourcePath, writer: writer)
            if prepared.settingsRead { result.outcome.diagnostics += written.diagnostics }
            if index == 0 { result.outcome.written = written.written }
            allWritten = allWritten && written.written
        }
        if let cache, let key = result.cacheKey, allWritten {
            cache.store.save(PageEntry(outcome: result.outcome, files: built.files), key)
        }
        return result
    }

    /// A page from the cache: its files are written again and its findings reported again.
    /// Nil when a file cannot be written, so the page is built afresh and the problem reported.
    func reuse(_ entry: PageEntry, key: CacheKey, writer: any SiteOutput) -> PageResult? {
        var outcome = entry.outcome
        do {
            try monitor.time(PageStage.write, perPage: true) {
                for file in entry.files { try writer.write(file.html, to: file.path, from: entry.outcome.built?.sourcePath ?? file.path) }
            }
        } catch {
            return nil
        }
        outcome.written = true
        return PageResult(outcome: outcome, cache: .hit, cacheKey: key)
    }
}
