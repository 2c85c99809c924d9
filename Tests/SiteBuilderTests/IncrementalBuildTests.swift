import Diagnostics
import Foundation
import Markdown
import Project
import SiteBuilder
import XCTest

/// The incremental-build cache: after any edit, a build that reuses cached pages writes
/// exactly what a clean build writes, and reports exactly the same problems.
final class IncrementalBuildTests: XCTestCase {
    var project: URL!
    let today = SimpleDate("2026-11-25")!

    /// A copy of the repository's sample project (four sites, news lists, events, sections,
    /// shared data and snippets, the real theme), plus a page with a warning.
    override func setUpWithError() throws {
        project = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-incremental-\(UUID().uuidString)")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        for item in ["plainsite.yml", "content", "themes"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(item), to: project.appendingPathComponent(item))
        }
        // The built-in theme's own files, copied out so that tests can edit them.
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("Sources/BuiltIn/theme/council"), to: project.appendingPathComponent("themes/council"))
        try write(
            "content/council/parking/warning-page.md",
            """
            ---
            title: Parking fines
            description: How to pay a parking fine.
            ---
            We utilise cameras to check parking in the city centre.
            """)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: project)
    }

    func write(_ path: String, _ text: String) throws {
        let file = project.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func replace(_ path: String, _ old: String, with new: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = project.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(path) does not contain '\(old)'", file: file, line: line)
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    func build(
        into folder: String, cache: Bool = true, serial: Bool = false, date: SimpleDate? = nil,
        journalLimit: Int? = nil
    ) throws -> BuildReport {
        let (configuration, _) = ProjectConfiguration.load(from: project.appendingPathComponent("plainsite.yml"))
        let builder = Builder(configuration: try XCTUnwrap(configuration))
        var options = BuildOptions(outputFolder: project.appendingPathComponent(folder), today: date ?? today, useCache: cache, serial: serial)
        if let journalLimit { options.journalLimit = journalLimit }
        return builder.build(options)
    }

    /// Every file under a folder, by relative path.
    func files(in folder: String) throws -> [String: Data] {
        let base = project.appendingPathComponent(folder).standardizedFileURL
        var found: [String: Data] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = String(url.standardizedFileURL.path.dropFirst(base.path.count + 1))
            // The previous sites, kept to be built over next time, are not part of the output.
            if path.hasPrefix(".plainsite-recycle/") { continue }
            found[path] = try Data(contentsOf: url)
        }
        return found
    }

    /// Both output folders hold the same files, byte for byte.
    func assertSameOutput(_ first: String, _ second: String, atLeast minimum: Int = 50, file: StaticString = #filePath, line: UInt = #line) throws {
        let a = try files(in: first), b = try files(in: second)
        XCTAssertGreaterThan(a.count, minimum, file: file, line: line)
        XCTAssertEqual(Set(a.keys), Set(b.keys), "different files", file: file, line: line)
        for (path, data) in a where b[path] != data {
            XCTFail("\(path) differs between \(first) and \(second)", file: file, line: line)
        }
    }

    /// Builds with the cache (warm), applies the edit, builds again with the cache and once
    /// without: the two outputs and their findings must be identical.
    @discardableResult
    func assertIncrementalMatchesClean(
        date: SimpleDate? = nil, atLeast minimum: Int = 50, file: StaticString = #filePath, line: UInt = #line,
        _ edit: () throws -> Void
    ) throws -> BuildReport {
        // Two builds, so the second keeps the first's sites to build over (recycled output).
        XCTAssertTrue(try build(into: "incremental").published, file: file, line: line)
        XCTAssertTrue(try build(into: "incremental").published, file: file, line: line)
        try edit()
        let incremental = try build(into: "incremental", date: date)
        let clean = try build(into: "clean", cache: false, date: date)
        XCTAssertEqual(incremental.published, clean.published, file: file, line: line)
        XCTAssertEqual(incremental.diagnostics, clean.diagnostics, file: file, line: line)
        XCTAssertEqual(incremental.pageCounts, clean.pageCounts, file: file, line: line)
        XCTAssertEqual(incremental.pages, clean.pages, file: file, line: line)
        XCTAssertEqual(incremental.cacheWarnings, [], file: file, line: line)
        try assertSameOutput("incremental", "clean", atLeast: minimum, file: file, line: line)
        return incremental
    }

    func testUnchangedProjectReusesEveryPageAndReportsTheSameFindings() throws {
        let first = try build(into: "site")
        XCTAssertGreaterThan(first.cacheMisses, 30)
        XCTAssertEqual(first.cacheHits, 0)
        let second = try build(into: "site")
        XCTAssertEqual(second.cacheMisses, 0)
        XCTAssertEqual(second.cacheHits, first.cacheMisses)
        // A warning in a cached page is still reported on every build.
        XCTAssertTrue(second.diagnostics.contains { $0.file == "content/council/parking/warning-page.md" && $0.severity == .warning })
        XCTAssertEqual(second.diagnostics, first.diagnostics)
        let clean = try build(into: "clean", cache: false)
        XCTAssertEqual(clean.cacheHits + clean.cacheMisses, 0)
        try assertSameOutput("site", "clean")
    }

    func testEditingOnePageRebuildsOnlyThatPage() throws {
        let report = try assertIncrementalMatchesClean {
            try replace("content/council/parking/warning-page.md", "in the city centre", with: "in the city centre and at the station")
        }
        XCTAssertEqual(report.cacheMisses, 1)
        XCTAssertGreaterThan(report.cacheHits, 30)
    }

    func testRenamingASectionUpdatesBreadcrumbsMenusAndListsElsewhere() throws {
        // A section's title appears in the menu of every page and in the breadcrumbs of its pages.
        let report = try assertIncrementalMatchesClean {
            try replace("content/council/parking/index.md", "title: Parking", with: "title: Parking and permits")
        }
        XCTAssertGreaterThan(report.cacheMisses, 1)
    }

    func testEditingANewsArticleUpdatesTheNewsList() throws {
        try assertIncrementalMatchesClean {
            try replace("content/council/news/free-food-caddy-liners.md", "date: 2026-10-05", with: "date: 2026-11-20")
        }
    }

    func testAddingAndRemovingPages() throws {
        try assertIncrementalMatchesClean {
            try write("content/council/parking/new-permit.md", "---\ntitle: New permits\ndescription: Apply for a new permit.\n---\nApply online.\n")
            try FileManager.default.removeItem(at: project.appendingPathComponent("content/council/parking/warning-page.md"))
        }
    }

    func testEditingATemplate() throws {
        let report = try assertIncrementalMatchesClean {
            let base = project.appendingPathComponent("themes/council/templates/base.mustache")
            var text = try String(contentsOf: base, encoding: .utf8)
            text = text.replacingOccurrences(of: "</body>", with: "<p>Edited footer note.</p></body>")
            try Data(text.utf8).write(to: base)
        }
        XCTAssertEqual(report.cacheHits, 0)
    }

    func testEditingAComponentTemplate() throws {
        let components = project.appendingPathComponent("themes/council/components")
        let names = try FileManager.default.contentsOfDirectory(atPath: components.path).sorted()
        let component = try XCTUnwrap(names.first { FileManager.default.fileExists(atPath: components.appendingPathComponent("\($0)/\($0).mustache").path) })
        try assertIncrementalMatchesClean {
            let file = components.appendingPathComponent("\(component)/\(component).mustache")
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data((text + "\n<!-- edited -->\n").utf8).write(to: file)
        }
    }

    func testEditingSharedData() throws {
        let report = try assertIncrementalMatchesClean {
            try replace("content/_data/council.yml", "01632 960000", with: "01632 960999")
        }
        XCTAssertEqual(report.cacheHits, 0)
    }

    func testEditingASnippet() throws {
        let snippets = project.appendingPathComponent("content/_snippets")
        let name = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: snippets.path).sorted().first)
        try assertIncrementalMatchesClean {
            let file = snippets.appendingPathComponent(name)
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data((text + "\nAsk at any library.\n").utf8).write(to: file)
        }
    }

    func testEditingTheConfiguration() throws {
        let report = try assertIncrementalMatchesClean {
            try replace("plainsite.yml", "title: Kestrelford Town Hall", with: "title: Kestrelford Town Hall and Gardens")
        }
        XCTAssertEqual(report.cacheHits, 0)
    }

    func testADifferentDayMovesEvents() throws {
        // "today" decides which events are upcoming and which pages are past their review date.
        try assertIncrementalMatchesClean(date: SimpleDate("2027-06-01")!) {}
    }

    /// The state a published build leaves for quick rebuilds: removed, the next build is a full one.
    func forgetQuickRebuildState() throws {
        let cacheFolder = project.appendingPathComponent(".plainsite-cache")
        let states = try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path).filter { $0.hasPrefix("state-") }
        XCTAssertEqual(states.count, 1)
        for name in states { try FileManager.default.removeItem(at: cacheFolder.appendingPathComponent(name)) }
    }

    /// The council site's pack of cache entries, and where each entry starts in it.
    func councilPack() throws -> (url: URL, starts: [Int]) {
        let folder = project.appendingPathComponent(".plainsite-cache/pages-v4/council")
        let packs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("pack-") }
        XCTAssertEqual(packs.count, 1)
        let url = folder.appendingPathComponent(try XCTUnwrap(packs.first))
        let bytes = [UInt8](try Data(contentsOf: url))
        let magic = Array("PSCACHE\u{0}".utf8)
        let starts = bytes.indices.filter { $0 + magic.count <= bytes.count && Array(bytes[$0..<$0 + magic.count]) == magic }
        return (url, starts)
    }

    func testDamagedCacheEntriesAreDiscardedAndRebuilt() throws {
        XCTAssertTrue(try build(into: "site").published)
        // A build with nothing changed reads no entries (see testQuickRebuild…): forget the
        // state so the next build takes every page from its entry.
        try forgetQuickRebuildState()
        let (pack, starts) = try councilPack()
        XCTAssertGreaterThan(starts.count, 30)
        // Entry layout: magic (8), format (8), key (16), payload length (8), checksum (8), payload.
        // One byte of a payload changed, a length, a key and a checksum.
        var bytes = try Data(contentsOf: pack)
        bytes[starts[0] + 48 + (starts[1] - starts[0] - 48) / 2] ^= 0x20
        bytes[starts[1] + 32] ^= 0x01
        bytes[starts[2] + 20] ^= 0x01
        bytes[starts[3] + 40] ^= 0x01
        try bytes.write(to: pack)
        let rebuilt = try build(into: "site")
        XCTAssertTrue(rebuilt.published)
        XCTAssertEqual(rebuilt.cacheMisses, 4)
        XCTAssertEqual(rebuilt.cacheWarnings.count, 4)
        let clean = try build(into: "clean", cache: false)
        XCTAssertEqual(rebuilt.diagnostics, clean.diagnostics)
        try assertSameOutput("site", "clean")
        // The damaged entries were replaced: the next build takes every page from the cache.
        try forgetQuickRebuildState()
        let again = try build(into: "site")
        XCTAssertEqual(again.cacheMisses, 0)
        XCTAssertEqual(again.cacheWarnings, [])
    }

    func testADamagedCacheIndexRebuildsEveryPage() throws {
        let first = try build(into: "site")
        try forgetQuickRebuildState()
        let index = project.appendingPathComponent(".plainsite-cache/pages-v4/council/index")
        var bytes = try Data(contentsOf: index)
        bytes[bytes.count - 3] ^= 0x01
        try bytes.write(to: index)
        let rebuilt = try build(into: "site")
        XCTAssertTrue(rebuilt.published)
        XCTAssertEqual(rebuilt.cacheWarnings, ["The build cache's index for site 'council' was damaged, so every page was built again."])
        XCTAssertEqual(rebuilt.diagnostics, first.diagnostics)
        _ = try build(into: "clean", cache: false)
        try assertSameOutput("site", "clean")
    }

    // MARK: Quick rebuilds (only the changed pages, into the published sites)

    func testQuickRebuildOfAnEditedPageEqualsACleanBuild() throws {
        let report = try assertIncrementalMatchesClean {
            try replace("content/council/parking/warning-page.md", "in the city centre.", with: "in the city centre. Bring a recent bill to the office.")
        }
        XCTAssertTrue(report.quick)
        XCTAssertEqual(report.cacheMisses, 1)
        // The search index has the new words, and the page's new warning is reported.
        let index = try String(contentsOf: project.appendingPathComponent("incremental/council/search-index.json"), encoding: .utf8)
        XCTAssertTrue(index.contains("recent bill office"), index.prefix(200).description)
    }

    /// A Welsh page rebuilt on its own keeps the theme's Welsh words (which the cache entry does
    /// not hold: they are put back in the page's language), and equals a clean build.
    func testQuickRebuildOfAWelshPageKeepsTheWelshWords() throws {
        try FileManager.default.removeItem(at: project)
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Tests/Fixtures/bilingual"), to: project)
        try FileManager.default.createDirectory(at: project.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("Sources/BuiltIn/theme/council"), to: project.appendingPathComponent("themes/council"))
        let report = try assertIncrementalMatchesClean(atLeast: 20) {
            try replace("content/cyngor/bins.cy.md", "Rhowch eich bin allan erbyn 7am.", with: "Rhowch eich bin allan erbyn 7am. Diolch.")
        }
        XCTAssertTrue(report.quick)
        XCTAssertEqual(report.cacheMisses, 1)
        let welsh = try String(contentsOf: project.appendingPathComponent("incremental/cyngor/cy/bins/index.html"), encoding: .utf8)
        XCTAssertTrue(welsh.contains("Diolch."), welsh)
        XCTAssertTrue(welsh.contains("Neidio i&#39;r prif gynnwys") || welsh.contains("Neidio i'r prif gynnwys"), welsh)
        XCTAssertTrue(welsh.contains("Read this page in English"), welsh)
    }

    /// A quick rebuild that changes a page's reading age replaces its row of the open data
    /// (pages.json and pages.csv, whose row for it is quoted) and equals a clean build; with a
    /// second page of the same site changed, both rows of its search index are replaced.
    func testQuickRebuildThatChangesAReadingAgeRewritesItsOpenDataRow() throws {
        try replace(
            "content/council/parking/warning-page.md", "description: How to pay a parking fine.",
            with: "description: 'How to pay a \"parking fine\", online or by phone.'")
        let secondPage = "---\ntitle: Parking permits\ndescription: How to get a permit.\n---\nYou can get a permit for your street."
        try write("content/council/parking/second-page.md", secondPage)
        XCTAssertTrue(try build(into: "incremental").published)
        let before = try files(in: "incremental")
        let report = try assertIncrementalMatchesClean {
            try replace(
                "content/council/parking/warning-page.md", "in the city centre.",
                with: "in the city centre. Notwithstanding any representations, enforcement documentation is retained indefinitely.")
            try write("content/council/parking/second-page.md", secondPage + " Quarterly.")
        }
        XCTAssertTrue(report.quick)
        XCTAssertEqual(report.cacheMisses, 2)
        let after = try files(in: "incremental")
        for file in ["council/data/pages.json", "council/data/pages.csv", "council/search-index.json"] {
            XCTAssertNotEqual(before[file], after[file], "\(file) has the new reading age")
        }
        let csv = String(decoding: try XCTUnwrap(after["council/data/pages.csv"]), as: UTF8.self)
        XCTAssertTrue(csv.contains("\"How to pay a \"\"parking fine\"\", online or by phone.\""), csv)
    }

    /// An edit that leaves a page's words as they were (here its punctuation) leaves the search
    /// index untouched: the file is not written again, and the site equals a clean build.
    func testQuickRebuildLeavesAnUnchangedSearchIndexAlone() throws {
        let index = project.appendingPathComponent("incremental/council/search-index.json").path
        func signature() throws -> [String] {
            let attributes = try FileManager.default.attributesOfItem(atPath: index)
            return ["\(attributes[.systemFileNumber] ?? "")", "\(attributes[.modificationDate] ?? "")"]
        }
        var before: [String]?
        let report = try assertIncrementalMatchesClean {
            before = try signature()
            try replace("content/council/parking/warning-page.md", "in the city centre.", with: "in the city centre!")
        }
        XCTAssertTrue(report.quick)
        XCTAssertEqual(report.cacheMisses, 1)
        XCTAssertNotNil(before)
        XCTAssertEqual(try signature(), before, "the search index was written again")
    }

    func testQuickRebuildOfSeveralPagesInTwoSitesWithNewProblems() throws {
        let report = try assertIncrementalMatchesClean {
            try replace("content/council/parking/warning-page.md", "We utilise cameras", with: "We utilise cameras and commence checks")
            try replace("content/townhall/index.md", "Anyone can hire our rooms.", with: "Anyone can hire our rooms. We endeavour to help.")
        }
        XCTAssertTrue(report.quick)
        XCTAssertEqual(report.cacheMisses, 2)
        XCTAssertTrue(report.diagnostics.contains { $0.file == "content/townhall/index.md" && $0.message.contains("endeavour") })
    }

    func testAPageWhoseHeadingsChangeIsBuiltWithTheFullBuild() throws {
        // Its anchors are what other pages' links are checked against.
        let report = try assertIncrementalMatchesClean {
            try replace("content/council/parking/warning-page.md", "We utilise", with: "## Cameras\n\nWe utilise")
        }
        XCTAssertFalse(report.quick)
    }

    func testAFrontMatterEditIsBuiltWithTheFullBuild() throws {
        let report = try assertIncrementalMatchesClean {
            try replace("content/council/parking/warning-page.md", "How to pay a parking fine.", with: "How to pay or challenge a parking fine.")
        }
        XCTAssertFalse(report.quick)
    }

    func testANewErrorIsReportedAndNothingPublished() throws {
        XCTAssertTrue(try build(into: "site").published)
        try replace("content/council/parking/warning-page.md", "We utilise", with: "See [the form](javascript:alert(1)). We utilise")
        let report = try build(into: "site")
        XCTAssertFalse(report.quick)
        XCTAssertFalse(report.published)
        XCTAssertTrue(report.diagnostics.hasErrors)
    }

    func testAnUnchangedButTouchedPageIsNotRebuilt() throws {
        let first = try build(into: "site")
        let page = project.appendingPathComponent("content/council/parking/warning-page.md")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: page.path)
        let second = try build(into: "site")
        XCTAssertTrue(second.quick)
        XCTAssertEqual(second.cacheMisses, 0)
        XCTAssertEqual(second.diagnostics, first.diagnostics)
        XCTAssertEqual(second.pages, first.pages)
    }

    func testAChangedOrMissingPublishedFileMeansAFullBuild() throws {
        XCTAssertTrue(try build(into: "site").published)
        let home = project.appendingPathComponent("site/council/index.html")
        try Data("<p>changed by hand</p>".utf8).write(to: home)
        try FileManager.default.removeItem(at: project.appendingPathComponent("site/council/sitemap.xml"))
        let rebuilt = try build(into: "site")
        XCTAssertFalse(rebuilt.quick)
        _ = try build(into: "clean", cache: false)
        try assertSameOutput("site", "clean")
    }

    /// The published files are checked while the changed page is rebuilt: a file changed by hand
    /// still means a full build, and the rebuilt page is not written before that is known.
    func testAPublishedFileChangedBesideAnEditMeansAFullBuild() throws {
        XCTAssertTrue(try build(into: "site").published)
        let home = project.appendingPathComponent("site/council/index.html")
        try Data("<p>changed by hand</p>".utf8).write(to: home)
        try replace("content/council/parking/warning-page.md", "in the city centre.", with: "in the city centre. Bring a bill.")
        let rebuilt = try build(into: "site")
        XCTAssertFalse(rebuilt.quick)
        XCTAssertNotEqual(try String(contentsOf: home, encoding: .utf8), "<p>changed by hand</p>")
        let clean = try build(into: "clean", cache: false)
        XCTAssertEqual(rebuilt.diagnostics, clean.diagnostics)
        try assertSameOutput("site", "clean")
    }

    func testADamagedStateMeansAFullBuild() throws {
        XCTAssertTrue(try build(into: "site").published)
        let cacheFolder = project.appendingPathComponent(".plainsite-cache")
        let state = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: cacheFolder.path).first { $0.hasPrefix("state-") })
        var bytes = try Data(contentsOf: cacheFolder.appendingPathComponent(state))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: cacheFolder.appendingPathComponent(state))
        try replace("content/council/parking/warning-page.md", "in the city centre.", with: "in the city centre. Bring a bill.")
        let rebuilt = try build(into: "site")
        XCTAssertFalse(rebuilt.quick)
        let clean = try build(into: "clean", cache: false)
        XCTAssertEqual(rebuilt.diagnostics, clean.diagnostics)
        try assertSameOutput("site", "clean")
        // The full build left a new state: the next edit is quick again.
        try replace("content/council/parking/warning-page.md", "Bring a bill.", with: "Bring a recent bill.")
        XCTAssertTrue(try build(into: "site").quick)
    }

    /// The quick-rebuild journal beside the state (see `BuildJournal`), if there is one.
    func journal() throws -> URL? {
        let cacheFolder = project.appendingPathComponent(".plainsite-cache")
        return try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path).first { $0.hasPrefix("journal-") }
            .map { cacheFolder.appendingPathComponent($0) }
    }

    /// A quick rebuild, then what the clean build gives: the same files, findings and pages.
    func assertQuickMatchesClean(journalLimit: Int? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let quick = try build(into: "site", journalLimit: journalLimit)
        XCTAssertTrue(quick.quick, file: file, line: line)
        let clean = try build(into: "clean", cache: false)
        // The text report too (from the report saved for the state, once there is one).
        let reporter = TextReporter(useColour: false)
        XCTAssertEqual(textReport(quick), reporter.report(clean.diagnostics), file: file, line: line)
        XCTAssertEqual(quick.diagnostics, clean.diagnostics, file: file, line: line)
        XCTAssertEqual(quick.pages, clean.pages, file: file, line: line)
        XCTAssertEqual(quick.pageCounts, clean.pageCounts, file: file, line: line)
        try assertSameOutput("site", "clean", file: file, line: line)
    }

    func textReport(_ report: BuildReport) -> String {
        String(decoding: report.textReportParts(TextReporter(useColour: false)).joined(), as: UTF8.self)
    }

    func savedReport() throws -> URL? {
        let cacheFolder = project.appendingPathComponent(".plainsite-cache")
        return try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path)
            .first { $0.hasPrefix("report-") && !$0.hasSuffix(".plainsite-tmp") }
            .map { cacheFolder.appendingPathComponent($0) }
    }

    /// The first quick rebuild of a state saves its text report beside it; later ones copy the
    /// unchanged files' lines from it and write the rebuilt pages' afresh, and report what a
    /// clean build reports. A damaged saved report is not used, and is saved again.
    func testQuickRebuildsCopyTheTextReportSavedForTheirState() throws {
        // Findings in files before and after the page edited.
        for name in ["a-fines", "z-fines"] {
            try write(
                "content/council/parking/\(name).md",
                """
                ---
                title: Parking fines \(name)
                description: How to pay a parking fine.
                ---
                We utilise cameras to check parking. Please note that fines must be paid in 28 days.
                """)
        }
        XCTAssertTrue(try build(into: "site").published)
        XCTAssertNil(try savedReport(), "a full build saves no text report")
        let page = "content/council/parking/warning-page.md"
        try replace(page, "in the city centre.", with: "in the city centre. Bring a bill.")
        try assertQuickMatchesClean()
        let file = try XCTUnwrap(try savedReport())
        let saved = try Data(contentsOf: file)
        XCTAssertTrue(String(decoding: saved, as: UTF8.self).contains("content/council/parking/a-fines.md\n"))
        XCTAssertTrue(String(decoding: saved, as: UTF8.self).contains("content/council/parking/z-fines.md\n"))
        // The page's new finding is reported; the saved report is used, not saved again.
        try replace(page, "Bring a bill.", with: "We will endeavour to help.")
        func inode(_ url: URL) throws -> Int { try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int) }
        let savedInode = try inode(file)
        try assertQuickMatchesClean()
        XCTAssertEqual(try Data(contentsOf: file), saved)
        XCTAssertEqual(try inode(file), savedInode, "used as it is, not saved again")
        XCTAssertTrue(textReport(try build(into: "site")).contains("endeavour"))
        // A byte of its text changed: not used (the report is still a clean build's), saved again.
        var damaged = saved
        damaged[damaged.count - 20] ^= 0x01
        try damaged.write(to: file)
        try replace(page, "We will endeavour to help.", with: "We can help.")
        try assertQuickMatchesClean()
        XCTAssertEqual(try Data(contentsOf: try XCTUnwrap(try savedReport())), saved)
        XCTAssertNotEqual(try inode(try XCTUnwrap(try savedReport())), savedInode)
        // A full build's new state does not use the last state's saved report.
        try replace("content/council/index.md", "title:", with: "title: New")
        let full = try build(into: "site")
        XCTAssertFalse(full.quick)
        try replace(page, "We can help.", with: "We help.")
        try assertQuickMatchesClean()
        XCTAssertNotEqual(try Data(contentsOf: try XCTUnwrap(try savedReport())), saved)
    }

    /// Quick rebuilds append their changes to a journal instead of writing the whole state; each
    /// later build reads the state with its journal and still equals a clean build (new and
    /// removed findings, moved search rows, reading ages, a touched page, an unchanged rebuild).
    func testQuickRebuildsInARowKeepAJournalAndEqualCleanBuilds() throws {
        XCTAssertTrue(try build(into: "site").published)
        XCTAssertTrue(try build(into: "site").published)
        XCTAssertNil(try journal(), "a full build leaves no journal")
        let page = "content/council/parking/warning-page.md"
        try replace(page, "in the city centre.", with: "in the city centre. Bring a recent bill to the office.")
        try assertQuickMatchesClean()
        let first = try XCTUnwrap(try journal())
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: first.path)[.size] as? Int)
        XCTAssertGreaterThan(size, 0)
        try replace(page, "We utilise cameras", with: "We use cameras")
        try replace("content/townhall/index.md", "Anyone can hire our rooms.", with: "Anyone can hire our rooms. We endeavour to help.")
        try assertQuickMatchesClean()
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 7200)],
            ofItemAtPath: project.appendingPathComponent("content/council/contact-us.md").path)
        try assertQuickMatchesClean()
        try replace(page, "Bring a recent bill to the office.", with: "Bring a bill.")
        try assertQuickMatchesClean()
        try assertQuickMatchesClean()
        let grown = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: try XCTUnwrap(try journal()).path)[.size] as? Int)
        XCTAssertGreaterThan(grown, size, "each quick rebuild adds a record")
    }

    /// Past its limit the journal is folded into the state, written whole; with no limit there is never one.
    func testAJournalPastItsLimitIsFoldedIntoTheState() throws {
        XCTAssertTrue(try build(into: "site").published)
        XCTAssertTrue(try build(into: "site").published)
        let page = "content/council/parking/warning-page.md"
        try replace(page, "in the city centre.", with: "in the city centre. Bring a bill.")
        try assertQuickMatchesClean(journalLimit: 1)
        XCTAssertNotNil(try journal())
        try replace(page, "Bring a bill.", with: "Bring a recent bill.")
        try assertQuickMatchesClean(journalLimit: 1)
        XCTAssertNil(try journal(), "the state was written whole")
        try replace(page, "Bring a recent bill.", with: "Bring a council tax bill.")
        try assertQuickMatchesClean(journalLimit: 0)
        XCTAssertNil(try journal())
        try replace(page, "Bring a council tax bill.", with: "Bring a bill.")
        try assertQuickMatchesClean()
        XCTAssertNotNil(try journal())
    }

    /// A damaged journal, or one left from an earlier state, is not trusted: the next build is a full one.
    func testADamagedOrStrayJournalMeansAFullBuild() throws {
        XCTAssertTrue(try build(into: "site").published)
        XCTAssertTrue(try build(into: "site").published)
        let page = "content/council/parking/warning-page.md"
        try replace(page, "in the city centre.", with: "in the city centre. Bring a bill.")
        try assertQuickMatchesClean()
        let journalFile = try XCTUnwrap(try journal())
        var bytes = try Data(contentsOf: journalFile)
        let kept = bytes
        bytes[bytes.count - 3] ^= 0x01
        try bytes.write(to: journalFile)
        try replace(page, "Bring a bill.", with: "Bring a recent bill.")
        let damaged = try build(into: "site")
        XCTAssertFalse(damaged.quick)
        XCTAssertNil(try journal(), "the full build removed it")
        XCTAssertEqual(damaged.diagnostics, try build(into: "clean", cache: false).diagnostics)
        try assertSameOutput("site", "clean")
        // The old journal put back beside the new state does not belong to it.
        try kept.write(to: journalFile)
        try replace(page, "Bring a recent bill.", with: "Bring a council tax bill.")
        let stray = try build(into: "site")
        XCTAssertFalse(stray.quick)
        _ = try build(into: "clean", cache: false)
        try assertSameOutput("site", "clean")
        // And the next edit is quick again.
        try replace(page, "Bring a council tax bill.", with: "Bring a bill.")
        try assertQuickMatchesClean()
    }

    func testAnUnwritableCacheStillBuildsCorrectly() throws {
        // The cache folder is a file: nothing can be cached, and the build is still right.
        try write(".plainsite-cache", "not a folder")
        let report = try build(into: "site")
        XCTAssertTrue(report.published)
        XCTAssertFalse(report.cacheWarnings.isEmpty)
        _ = try build(into: "clean", cache: false)
        try assertSameOutput("site", "clean")
    }

    /// The preview server and `plainsite report` build into temporary folders: the states left
    /// for folders that are gone are removed by the next full build; others are kept.
    func testStatesForOutputFoldersThatAreGoneAreRemoved() throws {
        let cacheFolder = project.appendingPathComponent(".plainsite-cache")
        func states() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path).filter { $0.hasPrefix("state-") }.count
        }
        XCTAssertTrue(try build(into: "preview-1").published)
        XCTAssertTrue(try build(into: "other").published)
        XCTAssertEqual(try states(), 2)
        try FileManager.default.removeItem(at: project.appendingPathComponent("preview-1"))
        XCTAssertTrue(try build(into: "site").published)
        XCTAssertEqual(try states(), 2, "the states of other/ and site/")
        // A quick rebuild into a folder that still has its state works as before.
        try replace("content/council/parking/warning-page.md", "in the city centre.", with: "in the city centre. Bring a bill.")
        XCTAssertTrue(try build(into: "other").quick)
    }

    func testRecycledOutputIsNeverTrusted() throws {
        XCTAssertTrue(try build(into: "site").published)
        try forgetQuickRebuildState()
        XCTAssertTrue(try build(into: "site").published)
        try forgetQuickRebuildState()
        let recycle = project.appendingPathComponent("site/.plainsite-recycle/council")
        let manager = FileManager.default
        // A file changed without changing its size, a stray file, a folder where a file goes,
        // and a symbolic link to a file outside the output folder.
        let home = recycle.appendingPathComponent("index.html")
        var bytes = try Data(contentsOf: home)
        bytes[bytes.count / 2] = bytes[bytes.count / 2] == 0x61 ? 0x62 : 0x61
        try bytes.write(to: home)
        try Data("stray".utf8).write(to: recycle.appendingPathComponent("stray.html"))
        let sitemap = recycle.appendingPathComponent("sitemap.xml")
        XCTAssertTrue(manager.fileExists(atPath: sitemap.path))
        try manager.removeItem(at: sitemap)
        try manager.createDirectory(at: sitemap.appendingPathComponent("inner"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: sitemap.appendingPathComponent("inner/file.xml"))
        let outside = project.appendingPathComponent("outside.txt")
        try Data("keep me".utf8).write(to: outside)
        let search = recycle.appendingPathComponent("search/index.html")
        try manager.removeItem(at: search)
        try manager.createSymbolicLink(at: search, withDestinationURL: outside)
        let rebuilt = try build(into: "site")
        XCTAssertTrue(rebuilt.published)
        XCTAssertEqual(try String(contentsOf: outside, encoding: .utf8), "keep me")
        _ = try build(into: "clean", cache: false)
        try assertSameOutput("site", "clean")
    }

    /// The attribute letters `lsattr -d` shows for a folder, or nil when it shows none (a
    /// filesystem without them).
    func attributes(of path: String) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/lsattr")
        process.arguments = ["-d", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return output.split(separator: " ").first.map(String.init)
    }

    /// Every site's folder has ext4's `T` attribute, so its page folders are spread over the
    /// disk's groups (`FileIO.spreadSubfolders`), whether built fresh or over a recycled copy;
    /// the page folders themselves do not (the attribute is not inherited).
    func testSiteFoldersSpreadTheirPageFolders() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/lsattr"), try attributes(of: project.path) != nil else {
            throw XCTSkip("lsattr shows no attributes here (not ext2/3/4)")
        }
        // Fresh, beside the live sites, then over the recycled copies (a full build each time).
        for round in 0..<3 {
            if round > 0 { try forgetQuickRebuildState() }
            XCTAssertTrue(try build(into: "site").published)
            for site in ["council", "townhall"] {
                let folder = project.appendingPathComponent("site/\(site)").path
                XCTAssertEqual(try attributes(of: folder)?.contains("T"), true, folder)
            }
            let page = project.appendingPathComponent("site/council/parking").path
            XCTAssertEqual(try attributes(of: page)?.contains("T"), false, page)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/.plainsite-recycle/council").path))
    }

    /// The base path is read without parsing a URL in the usual case; it must agree with URL.
    func testBasePathAgreesWithURLParsing() throws {
        for address in [
            "https://www.example.gov.uk/", "https://www.example.gov.uk", "https://example.org/townhall",
            "https://example.org/town/hall/", "http://localhost:8080/preview/", "https://example.org/a%20b/",
            "https://example.org/a/?x=1", "https://example.org/#top", "https://user@example.org/p/",
            "https://example.org//double/", "https://example.org/./dot/", "https://example.org/caf\u{e9}/",
        ] {
            let (configuration, _) = ProjectConfiguration.parse(
                "sites:\n  - id: main\n    title: Test\n    base_url: \"\(address)\"\n", file: "plainsite.yml", root: project)
            // Addresses without a final slash, or with a query, fragment or user, are refused.
            guard ProjectConfiguration.baseURLProblem(address) == nil else {
                XCTAssertNil(configuration, address)
                continue
            }
            let site = try XCTUnwrap(configuration?.sites.first, address)
            let path = URL(string: address).map { $0.path.isEmpty ? "/" : $0.path } ?? "/"
            XCTAssertEqual(site.basePath, path.hasSuffix("/") ? path : path + "/", address)
        }
    }

    func testParallelBuildEqualsSerialBuild() throws {
        let parallel = try build(into: "parallel", cache: false)
        let serial = try build(into: "serial", cache: false, serial: true)
        XCTAssertEqual(parallel.diagnostics, serial.diagnostics)
        XCTAssertEqual(parallel.pages, serial.pages)
        try assertSameOutput("parallel", "serial")
    }
}
