import ArgumentParser
import Diagnostics
import Foundation
import Markdown
import SiteBuilder
import Support

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new page, news article or event, with its front matter filled in.",
        discussion: """
        Writes content/<site>/<folder>/<slug>.md, with the slug made from the title, today's date
        as 'updated' (and 'date' for news and events) and a review date a year ahead. It never
        overwrites a file.

        Examples:
          plainsite new page --site council "Report a blocked drain"
          plainsite new news --site council --folder news "Libraries open late in December"
          plainsite new event --site townhall --folder events --date 2027-02-14 "Valentine's dance"
        """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case page, news, event }

    @OptionGroup var project: ProjectOptions

    @Argument(help: "What to create: page, news or event.")
    var kind: Kind

    @Argument(help: "The title, in sentence case.")
    var title: String

    @Option(name: .long, help: ArgumentHelp("The site to add it to.", valueName: "ID"))
    var site: String

    @Option(name: .long, help: ArgumentHelp("A folder inside the site's content, such as news or events.", valueName: "FOLDER"))
    var folder: String?

    @Option(name: .long, help: ArgumentHelp("The date of the news or event (YYYY-MM-DD). Default: today.", valueName: "DATE"))
    var date: String?

    func validate() throws {
        if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("Give the page a title, for example \"Report a blocked drain\".") }
        try ProjectOptions.validateDate(date)
        if let bad = title.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw ValidationError("The title has an invisible control character (\(Diagnostic.visible(String(bad)))), which a page cannot hold. Type the title again without it.")
        }
        if let folder = folderPath, !Self.isPlainFolder(folder) {
            throw ValidationError("The folder '\(Diagnostic.visible(folder))' must be inside the site's content and named with letters, digits and hyphens, such as 'news' or 'news/2026'.")
        }
    }

    /// The folder as given, without a slash at its end ("news/" is "news").
    var folderPath: String? {
        guard let folder else { return nil }
        return folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
    }

    /// A folder path inside the content whose every part is a plain name: letters, digits,
    /// hyphens and underscores, not hidden, at most 100 characters (so addresses work).
    static func isPlainFolder(_ folder: String) -> Bool {
        let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            (1...100).contains(part.count) && part.first != "-" && part.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            }
        }
    }

    /// The title as a YAML double-quoted string: backslashes and quotes escaped.
    static func quoted(_ title: String) -> String {
        "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func slug(_ title: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in title.lowercased() {
            if character.isLetter || character.isNumber, character.isASCII {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                slug.append(character)
                pendingHyphen = false
            } else if character != "'" && character != "\u{2019}" {
                pendingHyphen = true
            }
        }
        // A long title would make a file name longer than the disk allows: keep whole words up to 80 characters.
        if slug.count > 80 {
            let cut = slug.prefix(81)
            slug = String(cut.lastIndex(of: "-").map { cut[..<$0] } ?? cut.prefix(80))
        }
        return slug.isEmpty ? "page" : slug
    }

    func run() throws {
        guard let configuration = try ProjectLoader.load(project, required: true) else { return }
        guard let target = configuration.sites.first(where: { $0.id == site }) else {
            Terminal.printError("plainsite: there is no site called '\(site)'. Sites: \(configuration.sites.map(\.id).joined(separator: ", ")).")
            throw ExitCode(ExitStatus.usage)
        }
        let today = BuildOptions.defaultToday()
        // A year ahead, and no later than 9999, the last year a date can be written with four digits.
        let reviewBy = SimpleDate(String(format: "%04d-%02d-%02d", min(today.year + 1, 9999), today.month,
                                         today.month == 2 && today.day == 29 ? 28 : today.day)) ?? today
        let pageDate = date.flatMap(SimpleDate.init) ?? today
        let relative = [folderPath, Self.slug(title) + ".md"].compactMap { $0 }.joined(separator: "/")
        let file = configuration.root.appendingPathComponent(target.contentFolder).appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: file.path) {
            Terminal.printError("plainsite: \(target.contentFolder)/\(relative) already exists, so nothing was written. Choose another title, or edit that file.")
            throw ExitCode(ExitStatus.usage)
        }
        var lines = ["---", "title: \(Self.quoted(title))", "description: One sentence saying what this page helps people do."]
        switch kind {
        case .page: break
        case .news: lines += ["layout: news", "date: \(pageDate)"]
        case .event: lines += ["layout: event", "date: \(pageDate)", "time: 7pm to 9pm", "venue: Where it happens", "access: Step-free access"]
        }
        lines += ["updated: \(today)", "review_by: \(reviewBy)", "---", "", "Write the most important thing first, in short sentences.", ""]
        // Folders and the file are made without following links, and never over anything already there.
        try Terminal.failing { () throws(FileSafetyError) in
            let contentPath = (target.contentFolder as NSString).appendingPathComponent((relative as NSString).deletingLastPathComponent)
            try SafeFiles.makeFolders(contentPath, under: configuration.root.path)
            try SafeFiles.createFile(file.path, with: Data(lines.joined(separator: "\n").utf8))
        }
        Terminal.printLine("Wrote \(target.contentFolder)/\(relative). Edit its description and text, then run 'plainsite lint \(target.contentFolder)/\(relative)'.")
    }
}
