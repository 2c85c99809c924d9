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
            overwrites a file. The words only you know are '[Replace: …]' placeholders, which every
            lint and build warns about until you replace them.

            Without --folder, news goes into the folder whose index.md lists news (layout: news-list),
            or news/; events likewise (event-list, or events/). 'new page "Home"' is the home page, index.md.

            Examples:
              plainsite new page --site council "Report a blocked drain"
              plainsite new news --site council "Libraries open late in December"
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
            throw ValidationError(
                "The title has an invisible control character (\(Diagnostic.visible(String(bad)))), which a page cannot hold. Type the title again without it.")
        }
        if let folder = folderPath, !Self.isPlainFolder(folder) {
            throw ValidationError(
                "The folder '\(Diagnostic.visible(folder))' must be inside the site's content and named with letters, digits and hyphens, such as 'news' or 'news/2026'."
            )
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
        return !parts.isEmpty
            && parts.allSatisfy { part in
                (1...100).contains(part.count) && part.first != "-"
                    && part.unicodeScalars.allSatisfy {
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
        let reviewBy =
            SimpleDate(
                String(
                    format: "%04d-%02d-%02d", min(today.year + 1, 9999), today.month,
                    today.month == 2 && today.day == 29 ? 28 : today.day)) ?? today
        let pageDate = date.flatMap(SimpleDate.init) ?? today
        let contentFolder = configuration.root.appendingPathComponent(target.contentFolder)
        let isHome = kind == .page && folderPath == nil && ["home", "index", "home-page"].contains(Self.slug(title))
        let folder = folderPath ?? ListFolder.find(for: kind, in: contentFolder)
        let relative = isHome ? "index.md" : [folder, Self.slug(title) + ".md"].compactMap { $0 }.joined(separator: "/")
        let file = contentFolder.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: file.path) {
            Terminal.printError(
                isHome
                    ? "plainsite: the home page of site '\(target.id)' is \(target.contentFolder)/index.md, which already exists, so nothing was written. Edit that file, or give --folder to add a page called '\(title)' inside a folder."
                    : "plainsite: \(target.contentFolder)/\(relative) already exists, so nothing was written. Choose another title, or edit that file.")
            throw ExitCode(ExitStatus.usage)
        }
        let lines = Self.page(kind: kind, title: isHome ? target.title : title, isHome: isHome, date: pageDate, today: today, reviewBy: reviewBy)
        // Folders and the file are made without following links, and never over anything already there.
        try Terminal.failing { () throws(FileSafetyError) in
            let contentPath = (target.contentFolder as NSString).appendingPathComponent((relative as NSString).deletingLastPathComponent)
            try SafeFiles.makeFolders(contentPath, under: configuration.root.path)
            try SafeFiles.createFile(file.path, with: Data(lines.joined(separator: "\n").utf8))
        }
        let listed = kind == .page || folderPath != nil ? "" : " It is listed on \(target.basePath)\(folder.map { $0 + "/" } ?? "")."
        Terminal.printLine(
            "Wrote \(target.contentFolder)/\(relative)\(isHome ? ", the site's home page" : "").\(listed) Replace each '[Replace: …]' with your own words, then run 'plainsite lint \(target.contentFolder)/\(relative)'."
        )
    }

    /// The lines of a new page: front matter, and `[Replace: …]` placeholders (warned about until replaced) for the words only the editor knows.
    static func page(kind: Kind, title: String, isHome: Bool, date: SimpleDate, today: SimpleDate, reviewBy: SimpleDate) -> [String] {
        var lines = ["---", "title: \(quoted(title))", "description: \"[Replace: one sentence saying what this page helps people do]\""]
        switch kind {
        case .page: if isHome { lines.append("layout: home") }
        case .news: lines += ["layout: news", "date: \(date)"]
        case .event:
            lines += [
                "layout: event", "date: \(date)", "time: \"[Replace: when it starts and ends, such as 7pm to 9pm]\"",
                "venue: \"[Replace: where it happens]\"", "access: \"[Replace: how people get in, such as step-free access]\"",
            ]
        }
        return lines + ["updated: \(today)", "review_by: \(reviewBy)", "---", "", "[Replace: the most important thing first, in short sentences]", ""]
    }
}

/// Where `new news` and `new event` go without `--folder`: the folder whose index.md lists
/// them (layout news-list or event-list), so the new page appears there, or else news/ or events/.
enum ListFolder {
    static func find(for kind: NewCommand.Kind, in contentFolder: URL) -> String? {
        let (layout, fallback) =
            switch kind {
            case .page: ("", nil as String?)
            case .news: ("news-list", "news")
            case .event: ("event-list", "events")
            }
        guard fallback != nil else { return nil }
        let all = FileManager.default.enumerator(atPath: contentFolder.path)?.compactMap { $0 as? String } ?? []
        let lists = all.filter { $0 == "index.md" || $0.hasSuffix("/index.md") }.sorted().filter { relative in
            guard let text = try? String(contentsOf: contentFolder.appendingPathComponent(relative), encoding: .utf8) else { return false }
            return PageSource(text: text, file: relative).frontMatter.layout == layout
        }
        // The shallowest list (news/ before news/archive/); the home page's folder is the site itself.
        guard let first = lists.min(by: { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }) else { return fallback }
        let folder = (first as NSString).deletingLastPathComponent
        return folder.isEmpty ? nil : folder
    }
}
