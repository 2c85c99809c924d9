import ArgumentParser
import Dispatch
import Foundation
import Markdown
import Preview
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview a site in your browser while you edit it.",
        discussion: """
            Builds the site, serves it at http://127.0.0.1:PORT/ (only this computer can see it),
            and rebuilds it whenever you save a file in content/, themes/ or plainsite.yml. Open
            pages reload by themselves. Each page shows its problems in a panel at the bottom,
            with the line to change and what to write instead. If a change breaks the build,
            the page shows the errors until you fix them. Nothing is written to site/.
            Press Ctrl+C to stop.

            Examples:
              plainsite serve                         Preview the first site on port 4000
              plainsite serve --site townhall         Preview the Town Hall site
              plainsite serve --port 8080             Use another port
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: ArgumentHelp("The site to preview. Default: the first site in plainsite.yml.", valueName: "ID"))
    var site: String?

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "N"))
    var port: UInt16 = 4000

    @Option(name: .long, help: ArgumentHelp("Build as if today were this date (YYYY-MM-DD).", valueName: "DATE"))
    var date: String?

    func validate() throws {
        try ProjectOptions.validateDate(date)
    }

    func run() throws {
        let server: PreviewServer
        do {
            server = try PreviewServer(
                options: .init(
                    configuration: project.configURL, site: site, port: port,
                    today: date.flatMap(SimpleDate.init)))
        } catch {
            Terminal.printError("plainsite: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let finished = DispatchSemaphore(value: 0)
        let failure = ServeFailure()
        let task = Task {
            do {
                try await server.run { address in
                    FileHandle.standardOutput.write(
                        Data(
                            "Previewing \(server.siteID) at \(address)\nSave a file to see the change. Press Ctrl+C to stop.\n".utf8))
                }
            } catch {
                failure.set("\(error)")
            }
            finished.signal()
        }
        // Ctrl+C or a TERM signal stops the server; its task ends (finishing a build under
        // way) having removed its private build folder, and only then does the command exit.
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                task.cancel()
                server.stop()
            }
            source.resume()
            sources.append(source)
        }
        finished.wait()
        withExtendedLifetime(sources) {}
        if let message = failure.message {
            // (The port advice only when the port was the trouble.)
            let advice =
                message.hasPrefix("could not listen")
                ? " If another program (perhaps another preview) is using port \(port), stop it, or choose another port with --port (0 picks a free one)." : ""
            Terminal.printError("plainsite: the preview could not start: \(message).\(advice)")
            throw ExitCode(ExitStatus.usage)
        }
        print("Stopped the preview.")
    }
}

/// The error that ended the server, read after it stops.
final class ServeFailure: Sendable {
    private let stored = Mutex<String?>(nil)
    var message: String? { stored.withLock { $0 } }
    func set(_ message: String) { stored.withLock { $0 = message } }
}
