import ArgumentParser
import Diagnostics
import Foundation
import Markdown
import SiteBuilder
import Support

/// `plainsite init`: starts a council's project in a new or empty folder, never over anything.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new council's project: plainsite.yml, the pages every council site needs and its shared facts.",
        discussion: """
            Writes into FOLDER, which must be new or empty (hidden files such as .git may be there). It never overwrites a file, and refuses a folder that already holds a project. The council theme is built into Plainsite, so there is no theme folder to copy.

            Facts only the council knows (its email address, phone number, address, who tested the website) are written as reserved example values or '[Replace: …]' placeholders, and every build and lint warns about each one until it is replaced.

            Examples:
              plainsite init wensleydale --name "Wensleydale District Council"
              plainsite init --name "Wensleydale District Council"
            """)

    @Argument(help: ArgumentHelp("The folder to start the project in: a new or empty folder.", valueName: "FOLDER"))
    var folder: String = "."

    @Option(name: .long, help: ArgumentHelp("The council's name, as residents know it.", valueName: "NAME"))
    var name: String

    func validate() throws {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { throw ValidationError("Give the council's name, for example --name \"Wensleydale District Council\".") }
        if trimmed.count > 150 {
            throw ValidationError("The name is \(trimmed.count) characters long. Give the council's name as residents know it, in at most 150 characters.")
        }
        if let bad = name.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw ValidationError("The name has an invisible control character (\(Diagnostic.visible(String(bad)))). Type the name again without it.")
        }
    }

    func run() throws {
        let council = name.trimmingCharacters(in: .whitespaces)
        let target = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        try Self.checkFolder(target.path, shown: folder)
        let files = ProjectFiles(name: council, today: BuildOptions.defaultToday()).files
        let keepsGitignore = SafeFiles.kind(target.appendingPathComponent(".gitignore").path) != .missing
        try Terminal.failing { () throws(FileSafetyError) in
            if SafeFiles.kind(target.path) == .missing {
                try SafeFiles.makeFolders(target.lastPathComponent, under: target.deletingLastPathComponent().path)
            }
            for (relative, text) in files where !(relative == ".gitignore" && keepsGitignore) {
                let folderPath = (relative as NSString).deletingLastPathComponent
                if !folderPath.isEmpty { try SafeFiles.makeFolders(folderPath, under: target.path) }
                try SafeFiles.createFile(target.appendingPathComponent(relative).path, with: Data(text.utf8))
            }
        }
        Terminal.printLine(Self.nextSteps(folder: folder, council: council, files: files.map(\.path), keptGitignore: keepsGitignore))
    }

    /// Refuses a link, a file, a folder that holds a project, or one with anything but hidden files in it (exit 2).
    static func checkFolder(_ path: String, shown: String) throws {
        func refuse(_ message: String) throws -> Never {
            Terminal.printError("plainsite: \(message)")
            throw ExitCode(ExitStatus.usage)
        }
        switch SafeFiles.kind(path) {
        case .missing:
            let parent = (path as NSString).deletingLastPathComponent
            if SafeFiles.kind(parent) != .folder && SafeFiles.kind(parent) != .link {
                try refuse("the folder '\(parent)' that would hold '\(shown)' does not exist. Make it first, or choose another place.")
            }
            return
        case .link:
            try refuse(
                "'\(shown)' is a symbolic link (to \(SafeFiles.linkTarget(path))), so nothing was written. Give the real folder it points to, or a new folder name."
            )
        case .file, .other:
            try refuse("'\(shown)' is a file, not a folder, so nothing was written. Give a new folder name.")
        case .folder:
            let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
            if entries.contains("plainsite.yml") || entries.contains("content") {
                try refuse(
                    "'\(shown)' already holds a Plainsite project (\(entries.contains("plainsite.yml") ? "plainsite.yml" : "a content folder")), so nothing was changed. Edit that project, or give a new folder name."
                )
            }
            let visible = entries.filter { !$0.hasPrefix(".") }
            if !visible.isEmpty {
                let listed = visible.prefix(3).joined(separator: ", ") + (visible.count > 3 ? " and \(visible.count - 3) more" : "")
                try refuse("'\(shown)' is not empty (it holds \(listed)), so nothing was written. Start the project in a new or empty folder.")
            }
        }
    }

    static func nextSteps(folder: String, council: String, files: [String], keptGitignore: Bool) -> String {
        let cd = folder == "." ? "" : "  cd \(folder.contains(" ") ? "'\(folder)'" : folder)\n"
        return """
            Started \(council)'s website in \(folder == "." ? "this folder" : folder):
            \(files.filter { !(keptGitignore && $0 == ".gitignore") }.map { "  " + $0 }.joined(separator: "\n"))
            \(keptGitignore ? "\nThere was already a .gitignore, so it was left as it is: add the line 'site/' to it.\n" : "")
            Next:
            \(cd)  plainsite serve     preview the site at http://127.0.0.1:4000/ while you edit
              plainsite build     write the site into site/council/

            Before the site goes live, replace what only the council knows. Each one is listed as a warning
            (placeholder/marker or placeholder/example-value) until it is replaced:
              plainsite.yml               base_url, and the accessibility statement's facts
              content/_data/council.yml   the phone number, email address, address and opening hours
              content/council/            each '[Replace: …]' in the pages
            """
    }
}
