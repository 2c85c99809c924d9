import ArgumentParser
import Content
import Diagnostics
import Foundation
import Markdown
import Project
import SiteBuilder
import Support

/// The `plainsite` command. Exit codes: 0 clean, 1 content errors, 2 usage or configuration errors.
@main
struct Plainsite: ParsableCommand {
    static let version = PlainsiteVersion.current

    static let configuration = CommandConfiguration(
        commandName: "plainsite",
        abstract: "Build accessible council websites from Markdown, checked for plain English and accessibility.",
        discussion: """
            Run Plainsite in the folder that holds plainsite.yml.

            Examples:
              plainsite init wensleydale --name "Wensleydale District Council"
                                                   Start a new council's project in a new folder
              plainsite build                      Build every site into site/
              plainsite build --site townhall      Build only the Town Hall site
              plainsite build --output public      Build into another folder
              plainsite lint                       Check every page for plain English
              plainsite rules                      List the plain-English rules
              plainsite report                     Write an HTML report of every page's problems
              plainsite serve                      Preview the site while you edit it
              plainsite theme copy templates/base.mustache   Copy a built-in theme file to change it

            Exit codes: 0 no errors, 1 problems in the content, 2 a mistake in the command or in plainsite.yml,
            3 an internal error in Plainsite itself.
            """,
        version: version,
        subcommands: [
            InitCommand.self, BuildCommand.self, LintCommand.self, CheckCommand.self, RulesCommand.self, NewCommand.self, ReportCommand.self, ServeCommand.self,
            ThemeCommand.self,
        ])

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Terminal.printError(fullMessage(for: error))
                Foundation.exit(ExitStatus.usage)
            }
            if ExitStatus.isInternal(error) {
                Terminal.printError(ExitStatus.internalErrorMessage(error))
                Foundation.exit(ExitStatus.internalError)
            }
            exit(withError: error)
        }
    }
}

enum ExitStatus {
    static let clean: Int32 = 0
    static let contentErrors: Int32 = 1
    static let usage: Int32 = 2
    static let internalError: Int32 = 3

    /// Errors the commands do not expect (a failed write, a bug): everything but the
    /// argument parser's own errors and the exit codes the commands choose.
    static func isInternal(_ error: Error) -> Bool {
        if error is ExitCode || error is CleanExit || error is ValidationError { return false }
        return Plainsite.exitCode(for: error) == .failure
    }

    static func internalErrorMessage(_ error: Error) -> String {
        """
        plainsite: something went wrong inside Plainsite: \(error).
        This is not a problem with your content. Nothing was published: the last good build is still in place.
        Please report it to the Plainsite team with the command you ran.
        """
    }
}

/// Where to find the project, shared by commands that read plainsite.yml.
struct ProjectOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("The configuration file. Default: plainsite.yml in this folder.", valueName: "FILE"))
    var configFile: String?

    var config: String { configFile ?? "plainsite.yml" }
    var configGiven: Bool { configFile != nil }

    /// `--date` of build, report, serve and new (exactly YYYY-MM-DD, a real day), and
    /// SOURCE_DATE_EPOCH when it is set (whole seconds within 1970 to 9999): usage errors otherwise.
    static func validateDate(_ date: String?) throws {
        do {
            if let date { _ = try SourceDate.parse(option: date) }
            _ = try SourceDate.fromEnvironment()
        } catch {
            throw ValidationError(error.message)
        }
    }

    var configURL: URL {
        URL(fileURLWithPath: config, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
    }
}

/// Loads plainsite.yml, printing its problems. Returns nil when it is absent and not required.
enum ProjectLoader {
    static func load(_ options: ProjectOptions, required: Bool) throws -> ProjectConfiguration? {
        let url = options.configURL
        if !required && !options.configGiven && !FileManager.default.fileExists(atPath: url.path) { return nil }
        let (loaded, diagnostics) = ProjectConfiguration.load(from: url)
        if !diagnostics.isEmpty {
            Terminal.printReport(TextReporter(useColour: Terminal.useColour(for: STDERR_FILENO)).report(diagnostics))
        }
        guard let loaded else { throw ExitCode(ExitStatus.usage) }
        return loaded
    }
}

/// Decides whether to colour terminal output: only on a terminal, and never when NO_COLOR is set.
enum Terminal {
    /// Runs `body`; a file it may not or could not write is printed as the command's error, with
    /// exit code 2 (an unsafe place to write) or 3 (the system failed: full disk, no permission).
    static func failing<Value>(_ body: () throws(FileSafetyError) -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            printError("plainsite: \(error)")
            throw ExitCode(error.isSystemFailure ? ExitStatus.internalError : ExitStatus.usage)
        }
    }

    static func useColour(for handle: Int32) -> Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true ? isatty(handle) == 1 : false
    }

    /// Writes a message to standard error, with any control character from a path or an argument shown as `\u{…}`.
    static func printError(_ text: String) {
        let text = Diagnostic.visible(text, keepingNewlines: true)
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes a report that is already safe to show (its findings' text is escaped, colours are wanted) to standard error.
    static func printReport(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Prints a message to standard output, with any control character shown as `\u{…}`.
    static func printLine(_ text: String) {
        print(Diagnostic.visible(text, keepingNewlines: true))
    }

    /// Writes bytes that end with a line break (a text report) to standard error as they are.
    static func printError(parts: [[UInt8]]) {
        for part in parts { write(part, to: STDERR_FILENO) }
    }

    /// Writes a report's parts to standard output as they are (after anything `print` holds).
    static func printOutput(parts: [[UInt8]]) {
        fflush(nil)
        for part in parts { write(part, to: STDOUT_FILENO) }
    }

    private static func write(_ bytes: [UInt8], to handle: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(handle, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue } else { return } }
                offset += written
            }
        }
    }
}
