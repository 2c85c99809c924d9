import ArgumentParser
import BuiltIn
import Foundation
import SiteBuilder
import Support

/// `plainsite theme`: the council theme is built into Plainsite; these commands show its files
/// and copy one out to edit, which then replaces the built-in file.
struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "List the built-in theme's files, or copy one into the project to change it.",
        discussion: """
            The council theme is built into Plainsite, so a project needs no theme folder. A file in
            themes/<theme>/ replaces the built-in file of the same path for every site, and a file in
            themes/<site>/ replaces it for one site.

            Examples:
              plainsite theme list
              plainsite theme copy templates/base.mustache
              plainsite theme copy components/header --site townhall
            """,
        subcommands: [ThemeListCommand.self, ThemeCopyCommand.self])
}

struct ThemeListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the files of a built-in theme, and which of them the project replaces.")

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: ArgumentHelp("The built-in theme.", valueName: "NAME"))
    var theme = "council"

    func run() throws {
        let files = try BuiltInTheme.files(theme)
        // The project's own copies, when there is a project here.
        let configuration = try ProjectLoader.load(project, required: false)
        var folders = ["themes/\(theme)"]
        for site in configuration?.sites ?? [] where site.theme == theme { folders.append("themes/\(site.id)") }
        let root = configuration?.root ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for file in files {
            let replaced = folders.filter { SafeFiles.kind(root.appendingPathComponent("\($0)/\(file)").path) == .file }
            Terminal.printLine(replaced.isEmpty ? file : "\(file)  (replaced by \(replaced.map { "\($0)/\(file)" }.joined(separator: ", ")))")
        }
    }
}

struct ThemeCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy built-in theme files (or a folder of them) into the project to edit.",
        discussion: """
            Copies to themes/<theme>/FILE, which then replaces the built-in file for every site of
            that theme, or with --site to themes/<site>/FILE for one site. It never overwrites a file:
            if any copy is already there, nothing is written.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: ArgumentHelp("Files or folders of the theme, such as templates/base.mustache or components/header.", valueName: "FILE"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("Copy for one site only, into themes/<site>/.", valueName: "ID"))
    var site: String?

    @Option(name: .long, help: ArgumentHelp("The built-in theme. Default: the theme of --site, or council.", valueName: "NAME"))
    var theme: String?

    func run() throws {
        guard let configuration = try ProjectLoader.load(project, required: true) else { return }
        var themeName = theme ?? "council"
        var folder = "themes/\(themeName)"
        if let site {
            guard let chosen = configuration.sites.first(where: { $0.id == site }) else {
                Terminal.printError("plainsite: there is no site called '\(site)'. Sites: \(configuration.sites.map(\.id).joined(separator: ", ")).")
                throw ExitCode(ExitStatus.usage)
            }
            themeName = theme ?? chosen.theme
            folder = "themes/\(site)"
        }
        let chosen = try files.flatMap { try BuiltInTheme.resolve($0, theme: themeName) }
        let root = configuration.root
        let existing = chosen.filter { SafeFiles.kind(root.appendingPathComponent("\(folder)/\($0)").path) != .missing }
        guard existing.isEmpty else {
            Terminal.printError(
                "plainsite: \(existing.map { "\(folder)/\($0)" }.joined(separator: ", ")) already there, so nothing was copied. Edit the file you have, or remove it first to start again from the built-in one."
            )
            throw ExitCode(ExitStatus.usage)
        }
        // Folders and files are made without following links, and never over anything already there.
        try Terminal.failing { () throws(FileSafetyError) in
            for file in chosen {
                let target = "\(folder)/\(file)"
                try SafeFiles.makeFolders((target as NSString).deletingLastPathComponent, under: root.path)
                try SafeFiles.createFile(root.appendingPathComponent(target).path, with: BuiltInFiles.data("theme/\(themeName)/\(file)") ?? Data())
            }
        }
        for file in chosen { Terminal.printLine("Copied \(file) to \(folder)/\(file).") }
        let scope = site.map { "the site '\($0)'" } ?? "every site with the \(themeName) theme"
        Terminal.printLine(
            "Your copy now replaces the built-in file for \(scope). A newer Plainsite never changes it, so compare it with 'plainsite theme list' after updating."
        )
    }
}

/// The files of the themes built into Plainsite, by the paths editors use.
enum BuiltInTheme {
    /// Every file of a built-in theme, relative to it; a usage error when there is no such theme.
    static func files(_ theme: String) throws -> [String] {
        let files = BuiltInFiles.files(under: "theme/\(theme)")
        if files.isEmpty {
            Terminal.printError("plainsite: there is no built-in theme called '\(theme)'. Built-in themes: \(BuiltInFiles.themeNames.joined(separator: ", ")).")
            throw ExitCode(ExitStatus.usage)
        }
        return files
    }

    /// The theme's files a name stands for: a file, or every file of a folder. The name may be
    /// written as a message shows it (themes/council/templates/base.mustache).
    static func resolve(_ name: String, theme: String) throws -> [String] {
        let all = try files(theme)
        var path = name.hasPrefix("./") ? String(name.dropFirst(2)) : name
        for prefix in ["themes/\(theme)/", "theme/\(theme)/"] where path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
        while path.hasSuffix("/") { path.removeLast() }
        if all.contains(path) { return [path] }
        let inside = all.filter { $0.hasPrefix(path + "/") }
        if !path.isEmpty, !inside.isEmpty { return inside }
        let last = path.split(separator: "/").last.map(String.init) ?? path
        let near = all.filter { !last.isEmpty && $0.contains(last) }.prefix(5)
        let hint = near.isEmpty ? "Run 'plainsite theme list' to see them." : "Did you mean \(near.joined(separator: " or "))?"
        Terminal.printError("plainsite: the built-in \(theme) theme has no file or folder '\(name)'. \(hint)")
        throw ExitCode(ExitStatus.usage)
    }
}
