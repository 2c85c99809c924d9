import ArgumentParser
import Diagnostics
import Foundation
import Markdown
import Project
import Report
import SiteBuilder
import Support

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report of every page: reading age and problems, linked to their lines.",
        discussion: """
            Builds the sites with every check (without replacing the published sites) and writes a
            report you can open in a browser: each page with its reading age and its errors,
            warnings and suggestions, sortable and filterable, and each problem shown at its line.
            In CI, keep the report folder as an artefact.

            Examples:
              plainsite report                        Write site/_report/index.html
              plainsite report --output report        Write report/index.html
              plainsite report --site townhall        Only the Town Hall's pages
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: ArgumentHelp("Report only this site (repeat for several).", valueName: "ID"))
    var site: [String] = []

    @Option(name: .long, help: ArgumentHelp("The folder to write the report into. Default: site/_report/ beside plainsite.yml.", valueName: "DIR"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Check as if today were this date (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else today.", valueName: "DATE"))
    var date: String?

    @Option(name: .long, help: "Exit with 1 when there are findings at this level or above: error, warning or never.")
    var failOn: FailLevel = .never

    @Flag(
        name: .long,
        help:
            "Write into --output even if it holds files Plainsite did not write: the folder is marked as Plainsite's, and only the report's own files in it are replaced. Never the project folder, and never through a symbolic link."
    )
    var force = false

    func validate() throws {
        try ProjectOptions.validateDate(date)
    }

    func run() throws {
        guard let configuration = try ProjectLoader.load(project, required: true) else { throw ExitCode(ExitStatus.usage) }
        let folder =
            output.map {
                URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
            } ?? configuration.root.appendingPathComponent("site/_report")
        // Checked before the build, so a folder the report may not replace costs no time.
        if output == nil {
            try Terminal.failing { () throws(FileSafetyError) in
                _ = try OwnedFolder.claim(
                    folder.deletingLastPathComponent(), projectRoot: configuration.root,
                    sources: configuration.sourceFolders, entries: ["_report"])
            }
        }
        try ReportWriter.check(folder, configuration: configuration, force: force)
        // The sites are built into a folder of their own, so the published ones are untouched.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-report-\(UUID().uuidString)")
        defer { try? SafeFiles.removeTree(scratch.path) }
        let today = date.flatMap(SimpleDate.init) ?? BuildOptions.defaultToday()
        let progress = ProgressDisplay()
        let report = Builder(configuration: configuration).build(
            BuildOptions(siteIDs: site.isEmpty ? nil : site, outputFolder: scratch, today: today, monitor: progress.monitor()))
        progress.finish()
        if let setupError = report.setupError {
            Terminal.printError("plainsite: \(setupError)")
            throw ExitCode(ExitStatus.usage)
        }
        try ReportWriter.write(report, configuration: configuration, today: today, to: folder)
        Terminal.printLine(
            "Wrote the report of \(report.pages.count) pages (\(report.diagnostics.errorCount) errors, \(report.diagnostics.warningCount) warnings) to \(folder.path)/index.html."
        )
        if failOn.fails(report.diagnostics) { throw ExitCode(ExitStatus.contentErrors) }
    }
}

/// Turns a build's results into the HTML report; shared by `report` and `build --report`.
enum ReportWriter {
    /// The names a report writes at the top of its folder.
    static let entries = ["index.html", "report.css", "report.js", "favicon.svg", "source"]

    /// Fails (printing why) when the report may not be written into `folder`.
    static func check(_ folder: URL, configuration: ProjectConfiguration, force: Bool) throws {
        try Terminal.failing { () throws(FileSafetyError) in
            _ = try OwnedFolder.claim(
                folder, projectRoot: configuration.root, sources: configuration.sourceFolders, force: force,
                entries: entries)
        }
    }

    /// The report of a build's pages and findings (`diagnostics`, default: the build's own), with
    /// the text of each file that has findings.
    static func content(
        _ report: BuildReport, diagnostics: [Diagnostic]? = nil, configuration: ProjectConfiguration,
        today: SimpleDate
    ) -> ContentReport {
        let diagnostics = diagnostics ?? report.diagnostics
        return ContentReport(
            organisation: configuration.organisation, date: today.longForm, pages: report.pages, diagnostics: diagnostics,
            sources: ContentReport.readSources(of: diagnostics, root: configuration.root))
    }

    static func write(_ report: BuildReport, configuration: ProjectConfiguration, today: SimpleDate, to folder: URL) throws {
        let content = content(report, configuration: configuration, today: today)
        try Terminal.failing { () throws(FileSafetyError) in
            let owned = try OwnedFolder.claim(folder, projectRoot: configuration.root, sources: configuration.sourceFolders, entries: entries)
            let lock = try FolderLock(folder: owned.path)
            defer { lock.release() }
            try owned.clearInterrupted()
            try content.write(to: owned)
        }
    }
}
