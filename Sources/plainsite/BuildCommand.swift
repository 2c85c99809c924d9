import ArgumentParser
import Diagnostics
import Foundation
import Markdown
import Project
import Report
import SiteBuilder
import Support

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the sites into the output folder.",
        discussion: """
            Each site in plainsite.yml is built from its content folder into <output>/<site id>/.
            The new sites replace the old ones only when the whole build has no errors, so a
            mistake never leaves a half-written site.

            Examples:
              plainsite build
              plainsite build --site council --site townhall
              plainsite build --output public
              plainsite build --report             Also write site/_report/index.html
              plainsite build --ci-artifacts ci    CI files in ci/ (see docs/ci.md)
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: ArgumentHelp("Build only this site (repeat for several).", valueName: "ID"))
    var site: [String] = []

    @Option(name: .long, help: ArgumentHelp("The folder to write the sites into. Default: site/ beside plainsite.yml.", valueName: "DIR"))
    var output: String?

    @Option(name: .long, help: "How to print problems: text (to standard error), or json, github, sarif or junit (to standard output).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Exit with 1 when there are findings at this level or above: error, warning or never. Errors always stop publishing.")
    var failOn: FailLevel = .error

    @Flag(
        name: .long,
        help:
            "Write into --output even if it holds files Plainsite did not write: the folder is marked as Plainsite's, and only the sites' own folders in it are replaced. Never the project folder, and never through a symbolic link."
    )
    var force = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Build as if today were this date (YYYY-MM-DD), for review dates and upcoming events. Default: SOURCE_DATE_EPOCH, else today.", valueName: "DATE"))
    var date: String?

    @Flag(name: .long, help: "Also write the HTML report of every page and its problems into <output>/_report/ (even when the build fails).")
    var report = false

    @Option(
        name: .customLong("ci-artifacts"),
        help: ArgumentHelp(
            "For CI: also write report.sarif, junit.xml, findings.json and the HTML report (report/) into this folder, even when the build fails, before exiting; on GitHub Actions also print annotations. See docs/ci.md.",
            valueName: "DIR"))
    var ciArtifacts: String?

    @Flag(name: .long, help: "Print how long each stage of the build took.")
    var verbose = false

    @Flag(name: .long, help: "Build every page afresh, without reading or writing the incremental-build cache (.plainsite-cache/).")
    var noCache = false

    func validate() throws {
        try ProjectOptions.validateDate(date)
    }

    /// The rule of pages past their review date, which the build lists after its report.
    static let reviewDue = "content/review-due"

    func run() throws {
        let (loaded, configDiagnostics) = ProjectConfiguration.load(from: project.configURL)
        let reporter = TextReporter(useColour: Terminal.useColour(for: STDERR_FILENO))
        guard let configuration = loaded else {
            Terminal.printReport(reporter.report(configDiagnostics))
            if let ciArtifacts { try writeConfigArtifacts(CIArtifacts(ciArtifacts, configFile: project.configURL), configDiagnostics) }
            throw ExitCode(ExitStatus.usage)
        }
        let outputURL =
            output.map {
                URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
            } ?? configuration.root.appendingPathComponent("site")
        // Whether an earlier build is there to keep, for the message when this one fails.
        let hadBuild =
            SafeFiles.kind(outputURL.appendingPathComponent(OwnedFolder.marker).path) == .file
            && (configuration.sites.contains { SafeFiles.kind(outputURL.appendingPathComponent($0.id).path) == .folder })
        let artifacts = ciArtifacts.map { CIArtifacts($0, projectRoot: configuration.root, sources: configuration.sourceFolders) }
        try artifacts?.check()
        let today = date.flatMap(SimpleDate.init) ?? BuildOptions.defaultToday()
        let result = build(configuration, into: outputURL, today: today)
        if let setupError = result.setupError {
            Terminal.printError("plainsite: \(setupError)")
            throw ExitCode(result.systemFailure ? ExitStatus.internalError : ExitStatus.usage)
        }
        if report {
            try ReportWriter.write(result, configuration: configuration, today: today, to: outputURL.appendingPathComponent("_report"))
        }
        // What the build held is freed with the process, not value by value (see `LintCommand`).
        defer { _ = Unmanaged.passRetained(KeptUntilExit(result)) }
        let worst = try printFindings(result, configDiagnostics: configDiagnostics, reporter: reporter) { diagnostics in
            guard let artifacts else { return }
            try artifacts.write(
                diagnostics, checked: result.pages.map(\.sourcePath),
                report: ReportWriter.content(result, diagnostics: diagnostics, configuration: configuration, today: today))
            CIArtifacts.printAnnotations(diagnostics, besides: format)
        }
        printOverdue(result)
        if result.published {
            let pages = result.pageCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let summary = "Built \(result.pageCounts.values.reduce(0, +)) pages (\(pages)) into \(outputURL.path)."
            if format == .text { Terminal.printLine(summary) } else { Terminal.printError(summary) }
            if failOn.fails(worst: worst) { throw ExitCode(ExitStatus.contentErrors) }
        } else {
            let kept = hadBuild ? " \(outputURL.path) still has the last good build." : ""
            Terminal.printError("Nothing was published: fix the errors above and build again.\(kept)")
            throw ExitCode(ExitStatus.contentErrors)
        }
    }

    /// Builds the sites, showing progress on a terminal and, with --verbose, each stage's time.
    private func build(_ configuration: ProjectConfiguration, into outputURL: URL, today: SimpleDate) -> BuildReport {
        let progress = ProgressDisplay()
        let monitor = progress.monitor()
        let started = DispatchTime.now().uptimeNanoseconds
        let result = Builder(configuration: configuration).build(
            BuildOptions(
                siteIDs: site.isEmpty ? nil : site, outputFolder: outputURL, today: today, monitor: monitor,
                useCache: !noCache, force: force))
        progress.finish()
        for warning in result.cacheWarnings { Terminal.printError("plainsite: warning: \(warning)") }
        if verbose {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            Terminal.printReport(ProgressDisplay.stageTable(monitor.stages, total: seconds))
        }
        return result
    }

    /// Prints the findings in `--format` and hands them, as one list, to `artifacts` (which
    /// writes them for CI); returns the most serious.
    private func printFindings(
        _ result: BuildReport, configDiagnostics: [Diagnostic], reporter: TextReporter,
        artifacts: ([Diagnostic]) throws -> Void
    ) throws -> Severity? {
        let diagnostics = configDiagnostics + result.diagnostics
        // A clean build prints no text report, unless it writes CI artefacts.
        if format == .text && diagnostics.isEmpty && ciArtifacts == nil { return nil }
        if format == .text {
            Terminal.printError(parts: reporter.reportParts(diagnostics))
        } else {
            Terminal.printOutput(parts: format.renderParts(diagnostics, colour: false, files: Array(Set(diagnostics.map(\.file))), suite: "build"))
        }
        try artifacts(diagnostics)
        return diagnostics.map(\.severity).max()
    }

    /// Lists the pages past their review date after the report.
    private func printOverdue(_ result: BuildReport) {
        let overdue = result.diagnostics.filter { $0.rule == BuildCommand.reviewDue }
        guard !overdue.isEmpty else { return }
        var list = "\(overdue.count) page\(overdue.count == 1 ? " is" : "s are") past \(overdue.count == 1 ? "its" : "their") review date:"
        for diagnostic in overdue {
            list += "\n  \(diagnostic.file) (\(diagnostic.message.replacingOccurrences(of: "This page was due for review on ", with: "due ").dropLast()))"
        }
        if format == .text { Terminal.printLine(list) } else { Terminal.printError(list) }
    }

    /// Writes the CI artefacts of a plainsite.yml that could not be read: its findings, and no pages.
    private func writeConfigArtifacts(_ artifacts: CIArtifacts, _ diagnostics: [Diagnostic]) throws {
        try artifacts.check()
        let today = date.flatMap(SimpleDate.init) ?? BuildOptions.defaultToday()
        let report = ContentReport(
            organisation: project.configURL.lastPathComponent, date: today.longForm, pages: [], diagnostics: diagnostics,
            sources: ContentReport.readSources(of: diagnostics, root: artifacts.projectRoot))
        try artifacts.write(diagnostics, checked: [], report: report)
        CIArtifacts.printAnnotations(diagnostics, besides: format)
    }
}
