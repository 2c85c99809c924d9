import Content
import Diagnostics
import Foundation
import LinkCheck
import Output
import PageCache
import Project
import Support

/// What the sites' builds gave, before the checks across them and publishing.
struct SitesBuilt {
    var diagnostics: [Diagnostic] = []
    var counts: [String: Int] = [:]
    /// Every page written, for the checks across the sites.
    var pages: [BuiltPage] = []
    var files: [String: Set<String>] = [:]
    var summaries: [PageSummary] = []
    var cacheHits = 0, cacheMisses = 0
    var cacheWarnings: [String] = []
    var staged: [StagedSite] = []
}

extension Builder {
    /// Each site built into its staging folder, one after another.
    func buildSites(_ sites: [SiteConfiguration], options: BuildOptions, output: OutputFolder, cacheRoot: URL) -> SitesBuilt {
        let monitor = options.monitor
        let shared = monitor.time("read shared data and snippets") {
            SharedContent(root: configuration.root, exampleValuesAllowed: configuration.allowsExampleValues)
        }
        let lintRunner = monitor.time("prepare the plain-English rules") { LintRunner(project: configuration, root: configuration.root) }
        var built = SitesBuilt(diagnostics: shared.diagnostics)
        for site in sites {
            var builder = SitePipeline(site: site, project: configuration, shared: shared, lint: lintRunner, today: options.today)
            builder.monitor = monitor
            builder.serial = options.serial
            if options.useCache {
                if let store = options.pageStores[site.id] ?? DiskPageStore(root: cacheRoot, site: site.id) {
                    builder.cache = BuildCache(store: store, site: site, project: configuration, today: options.today)
                } else {
                    built.cacheWarnings.append("The build cache \(cacheRoot.path) could not be created, so every page was built afresh.")
                }
            }
            // The site this build replaces was kept by the last build (not deleted): the new one is
            // written over it, so unchanged files and folders need not be created again.
            let recycle = output.recycleFolder(for: site.id)
            let staged = StagedSite(folder: output.stagingFolder(for: site.id), recycle: output.takeRecycled(site.id) ? recycle : nil)
            let result = builder.build(into: staged)
            monitor.time("remove files the site no longer has") { staged.sweep() }
            built.staged.append(staged)
            built.add(result, site: site.id)
        }
        return built
    }

    /// The report, with the new sites swapped into place when the build has no errors.
    func publish(_ built: SitesBuilt, sites: [SiteConfiguration], output: OutputFolder, monitor: BuildMonitor?) -> BuildReport {
        func report(published: Bool, setupError: String?) -> BuildReport {
            BuildReport(
                diagnostics: built.diagnostics, pageCounts: built.counts, published: published, setupError: setupError,
                pages: built.summaries, cacheHits: built.cacheHits, cacheMisses: built.cacheMisses,
                cacheWarnings: built.cacheWarnings, heldValues: [built.pages])
        }
        if let failure = built.staged.lazy.compactMap(\.systemFailure).first {
            output.discardStaging()
            var failed = BuildReport(diagnostics: [], pageCounts: [:], published: false, setupError: failure.description)
            failed.systemFailure = true
            return failed
        }
        guard !built.diagnostics.hasErrors else {
            output.discardStaging()
            return report(published: false, setupError: nil)
        }
        do {
            try monitor.time("publish the new sites") {
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

extension SitesBuilt {
    /// One site's result added to the build's.
    mutating func add(_ result: SitePipeline.Result, site: String) {
        cacheHits += result.cacheHits
        cacheMisses += result.cacheMisses
        cacheWarnings += result.cacheWarnings
        diagnostics += result.diagnostics
        counts[site] = result.pages
        pages += result.built
        files[site] = result.files
        summaries += result.infos.map {
            PageSummary(
                site: site, urlPath: $0.urlPath, sourcePath: $0.sourcePath, title: $0.title, layout: $0.layout,
                readingAge: $0.readingAge)
        }
    }
}
