import ArgumentParser
import Diagnostics
import Foundation
import LinkCheck

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check HTML pages for accessibility (WCAG 2.2 AA) and broken internal links.",
        discussion: """
            Checks any HTML files or folders, also pages Plainsite did not build. A folder is read
            as a site: '/assets/site.css' in a page means FOLDER/assets/site.css. Each problem names
            its WCAG 2.2 success criterion. 'plainsite build' runs the same checks on every page it
            writes, and points problems at the Markdown line or template they came from.

            Examples:
              plainsite check site/council
              plainsite check old-site/contact.html --format json

            Exit codes: 0 no errors, 1 errors found, 2 a mistake in the command.
            """)

    @Argument(help: ArgumentHelp("HTML files or folders to check.", valueName: "PATH"))
    var paths: [String]

    @Option(name: .long, help: "Output format: text, json, github (workflow annotations), sarif or junit.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Exit with 1 when there are findings at this level or above: error, warning or never.")
    var failOn: FailLevel = .error

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one HTML file or folder to check, for example: plainsite check site/council") }
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let urls = paths.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
        let result = HTMLCheckRunner.check(urls, displayRoot: cwd)
        if !result.missing.isEmpty {
            Terminal.printError("plainsite: there is no file or folder at \(result.missing.joined(separator: ", ")).")
            throw ExitCode(ExitStatus.usage)
        }
        Terminal.printOutput(
            parts: format.renderParts(
                result.diagnostics, colour: Terminal.useColour(for: STDOUT_FILENO),
                files: result.files, suite: "check"))
        if failOn.fails(result.diagnostics) { throw ExitCode(ExitStatus.contentErrors) }
    }
}
