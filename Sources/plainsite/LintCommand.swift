import Accessibility
import ArgumentParser
import Content
import Diagnostics
import Foundation
import Project
import Prose
import Support

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check Markdown for plain English, following GOV.UK and Plain English Campaign style.",
        discussion: """
            With no paths, lints every page of every site in plainsite.yml. Paths may be Markdown
            files or folders, inside or outside content/. Each site's 'lint:' settings apply to its pages.

            Turn rules off in a page with <!-- plainsite-disable RULE --> … <!-- plainsite-enable RULE -->,
            <!-- plainsite-disable-next-line RULE -->, or in front matter: lint: { disable: [RULE] }.
            'plainsite rules' lists every rule.

            Examples:
              plainsite lint
              plainsite lint content/council/parking
              plainsite lint --format json > lint.json
              plainsite lint --stats               Readability scores for every page
              plainsite lint --fix content/townhall/weddings/index.md
              plainsite lint --write-baseline

            Exit codes: 0 no errors, 1 errors found, 2 a mistake in the command or in plainsite.yml.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: ArgumentHelp("Markdown files or folders to lint. Default: every site.", valueName: "PATH"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Lint only this site (repeat for several).", valueName: "ID"))
    var site: [String] = []

    @Option(name: .long, help: "Output format: text, json, github (workflow annotations), sarif or junit.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Exit with 1 when there are findings at this level or above: error, warning or never.")
    var failOn: FailLevel = .error

    @Flag(name: .long, help: "Apply safe one-to-one replacements (such as 'utilise' → 'use') and report what changed.")
    var fix = false

    @Flag(name: .long, help: "Record today's findings in .plainsite-baseline.json; later runs report only new ones.")
    var writeBaseline = false

    @Flag(name: .long, help: "Report every finding, ignoring .plainsite-baseline.json.")
    var noBaseline = false

    @Flag(name: .long, help: "Also show readability scores for each page (with --format json: an object with 'diagnostics' and 'files').")
    var stats = false

    func run() throws {
        let loaded = try ProjectLoader.load(project, required: false)
        let root = loaded?.root ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let known = loaded?.sites.map(\.id), let unknown = site.first(where: { !known.contains($0) }) {
            Terminal.printError("plainsite: there is no site called '\(unknown)'. Sites: \(known.joined(separator: ", ")).")
            throw ExitCode(ExitStatus.usage)
        }
        let runner = LintRunner(project: loaded, root: root, useBaseline: !(noBaseline || writeBaseline))
        var files: [URL]
        if paths.isEmpty {
            guard loaded != nil else {
                Terminal.printError(
                    "plainsite: there is no plainsite.yml here, so there are no sites to lint. Name the files or folders to lint, for example: plainsite lint pages/"
                )
                throw ExitCode(ExitStatus.usage)
            }
            files = runner.defaultFiles(sites: site.isEmpty ? nil : site)
        } else {
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let found = LintRunner.markdownFiles(under: paths.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL })
            if !found.missing.isEmpty {
                Terminal.printError("plainsite: there is no file or folder at \(found.missing.joined(separator: ", ")).")
                throw ExitCode(ExitStatus.usage)
            }
            files = found.files
        }

        // Only --fix needs each file's text again.
        var results = runner.lint(files, keepSources: fix)
        var fixFailed = false
        if writeBaseline {
            let count = try Terminal.failing { () throws(FileSafetyError) in try Baseline.write(results, root: root) }
            print("Recorded \(count) finding\(count == 1 ? "" : "s") in \(Baseline.fileName). Later runs report only new findings.")
            return
        }
        if fix {
            var changes: [String] = []
            var skipped = false
            for (index, result) in results.enumerated() where !result.fixes.isEmpty {
                let (text, applied) = ProseFixes.apply(result.fixes, to: result.text)
                guard !applied.isEmpty, text != result.text else { continue }
                do {
                    try LintCommand.replace(files[index], with: text, read: result.text, root: root)
                } catch {
                    Terminal.printError("plainsite: \(error)")
                    skipped = true
                    continue
                }
                for change in applied {
                    // Text from the page is printed with its control characters shown, never raw.
                    changes.append(Diagnostic.visible("\(result.file):\(change.line): '\(change.original)' → '\(change.replacement)' (\(change.rule))"))
                }
                results[index] = runner.lint(files[index])
            }
            let summary =
                changes.isEmpty
                ? "Nothing to fix automatically." : "Fixed \(changes.count) problem\(changes.count == 1 ? "" : "s"):\n" + changes.joined(separator: "\n")
            if format == .json { Terminal.printError(summary) } else { print(summary + "\n") }
            if skipped { fixFailed = true }
        }
        // A mistake in a shared data file is reported once, not as an unknown value on each page using it.
        let sharedFindings = runner.sharedDataDiagnostics
        let diagnostics = results.flatMap(\.diagnostics) + sharedFindings
        if stats && format == .json {
            print(StatsReport.json(results), terminator: "")
        } else {
            if stats { print(StatsReport.table(results)) }
            Terminal.printOutput(
                parts: format.renderParts(
                    diagnostics, colour: Terminal.useColour(for: STDOUT_FILENO),
                    files: results.map(\.file) + Set(sharedFindings.map(\.file)).sorted(), suite: "lint"))
        }
        // The results of every page (their text, blocks and findings) are left for the end of
        // the process to free at once, which is quicker than freeing them one by one.
        _ = Unmanaged.passRetained(KeptUntilExit((results, diagnostics)))
        if failOn.fails(diagnostics) || fixFailed { throw ExitCode(ExitStatus.contentErrors) }
    }

    /// Writes a fixed page, only when the file still holds the text that was linted (an edit
    /// saved meanwhile is never overwritten) and never through a symbolic link, neither the page
    /// nor a folder on the way to it from the project folder.
    static func replace(_ file: URL, with text: String, read: String, root: URL) throws(FileSafetyError) {
        guard let current = FileManager.default.contents(atPath: file.path) else { throw .changedSinceRead(file.path) }
        // The linter reads past a byte order mark (as Windows editors write), so it is set aside and kept.
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let markSetAside = current.starts(with: mark) && !read.hasPrefix("\u{FEFF}")
        guard (markSetAside ? current.dropFirst(mark.count) : current[...]).elementsEqual(read.utf8) else { throw .changedSinceRead(file.path) }
        try SafeFiles.replaceFile(
            file.standardizedFileURL.path, with: Data((markSetAside ? mark : []) + Array(text.utf8)),
            expected: current, within: root.standardizedFileURL.path)
    }
}

/// Holds a value that is never released (see `LintCommand.run`).
final class KeptUntilExit<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every plain-English rule with its level, source and examples.",
        discussion: """
            Examples:
              plainsite rules
              plainsite rules --format markdown > docs/rules.md
              plainsite rules --kind accessibility
            """)

    enum Format: String, ExpressibleByArgument { case text, markdown, table }
    enum Kind: String, ExpressibleByArgument { case prose, accessibility }

    @Option(name: .long, help: "text, markdown (full reference) or table (one line per rule).")
    var format: Format = .text

    @Option(name: .long, help: "prose (the plain-English rules of 'lint') or accessibility (the checks of 'build' and 'check').")
    var kind: Kind = .prose

    func run() {
        switch (kind, format) {
        case (.accessibility, .text): print(AccessibilityReference.text(), terminator: "")
        case (.accessibility, _): print(AccessibilityReference.markdown(), terminator: "")
        case (.prose, .text): print(RuleReference.text(), terminator: "")
        case (.prose, .markdown): print(RuleReference.markdown(), terminator: "")
        case (.prose, .table): print(RuleReference.table(), terminator: "")
        }
    }
}
