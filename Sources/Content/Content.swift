import Diagnostics
import Foundation
import Markdown
import Project
import Support

/// A Markdown page of a site, read and split, not yet rendered.
public struct ContentPage: Sendable {
    /// Path from the project root, used in diagnostics: "content/council/bins.md".
    public let sourcePath: String
    /// Path inside the site's content folder: "bins.md".
    public let relativePath: String
    /// The page's address inside the site, without the base path: "bins/" ("" for the home page).
    public let urlPath: String
    /// The file as written, for the linter's positions, control comments and fixes.
    public let text: String
    /// The page's language when it is a translation ("cy" for `bins.cy.md`); nil for the main language.
    public var language: String? = nil
    public let source: PageSource

    public init(sourcePath: String, relativePath: String, urlPath: String, text: String, language: String? = nil, source: PageSource) {
        self.sourcePath = sourcePath
        self.relativePath = relativePath
        self.urlPath = urlPath
        self.text = text
        self.language = language
        self.source = source
    }

    public var folder: String {
        let parts = relativePath.split(separator: "/")
        return parts.dropLast().joined(separator: "/")
    }

    public var title: String { source.frontMatter.title ?? urlPath }

    /// The language code of a file named `page.cy.md` ("cy"), or nil for the site's main language.
    public static func language(of relativePath: String, languages: [String]) -> String? {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        let parts = name.dropLast(3).split(separator: ".")
        guard parts.count >= 2, let code = parts.last.map(String.init), languages.dropFirst().contains(code) else { return nil }
        return code
    }

    /// The file the page is a translation of, or itself: "bins.cy.md" → "bins.md".
    public static func twinKey(of relativePath: String, language: String?) -> String {
        guard let language else { return relativePath }
        return String(relativePath.dropLast(language.count + 4)) + ".md"
    }

    /// The URL of the page a Markdown file becomes: pretty URLs, one folder per page.
    public static func urlPath(for relativePath: String, language: String? = nil) -> String {
        if let language {
            return language + "/" + urlPath(for: twinKey(of: relativePath, language: language))
        }
        var parts = relativePath.split(separator: "/").map(String.init)
        guard let last = parts.popLast() else { return "" }
        let stem = String(last.dropLast(3))
        if stem != "index" { parts.append(stem) }
        return parts.map { $0 + "/" }.joined()
    }
}

/// What a site's content folder holds: pages, and other files copied as they are.
public struct SiteContent: Sendable {
    public var pages: [ContentPage] = []
    /// Files such as images and PDFs: path inside the site → file.
    public var staticFiles: [(String, URL)] = []
    public var diagnostics: [Diagnostic] = []
    /// Every publishable file (pages and static files) and symbolic link found, as listed.
    public var listing: [String] = []
    public var links: [String] = []

    public init(site: SiteConfiguration, root: URL) {
        let folder = root.appendingPathComponent(site.contentFolder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(
                Diagnostic(
                    rule: "content/missing", severity: .error, file: "plainsite.yml", line: 1,
                    message: "The content folder '\(site.contentFolder)' of site '\(site.id)' does not exist.",
                    suggestion: "Create \(site.contentFolder)/ with an index.md, or set 'content:' for the site in plainsite.yml."))
            return
        }
        let project = root.standardizedFileURL.resolvingSymlinksInPath().path
        let real = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard real.hasPrefix(project + "/") else {
            diagnostics.append(
                Diagnostic(
                    rule: "content/symlink", severity: .error, file: site.contentFolder, line: 1,
                    message:
                        "The content folder of site '\(site.id)' is a symbolic link to \(real), which is outside the project. Plainsite never publishes files from outside the project.",
                    suggestion: "Replace the link with the folder itself, inside the project."))
            return
        }
        // One readdir walk lists both the files and the symbolic links (which are never followed).
        let listing = FolderWalker.filesAndLinks(under: folder)
        diagnostics += SiteContent.symbolicLinks(
            listing.links, under: folder,
            contentFolder: site.contentFolder, root: root)
        let policy = FileTypePolicy(extra: site.fileTypes)
        var relatives: [String] = []
        for relative in listing.files where SiteContent.isPublishable(relative) {
            // A name that makes a broken address, or a type that could run script, is not published.
            if let problem = AddressName.problem(with: relative, contentFolder: site.contentFolder)
                ?? (relative.hasSuffix(".md") ? nil : policy.problem(with: relative, contentFolder: site.contentFolder))
            {
                diagnostics.append(problem)
            } else {
                relatives.append(relative)
            }
        }
        self.listing = relatives
        links = listing.links
        // Pages are read, decoded and split (front matter parsed) on every core; results are
        // kept in file order, so diagnostics and pages are exactly those of a serial read.
        enum Read: Sendable {
            case staticFile
            case unsafeSVG(line: Int, message: String)
            case unreadable
            case notUTF8(line: Int, column: Int)
            case page(text: String, source: PageSource)
        }
        let contentFolder = site.contentFolder
        let base = folder.path + "/"
        let reads = parallelMap(relatives) { relative -> Read in
            let path = base + relative
            if relative.lowercased().hasSuffix(".svg") {
                guard let data = FileManager.default.contents(atPath: path) else { return .unreadable }
                if let problem = SVGCheck.problem(in: data) { return .unsafeSVG(line: problem.line, message: problem.message) }
            }
            guard relative.hasSuffix(".md") else { return .staticFile }
            guard let data = FileManager.default.contents(atPath: path) else { return .unreadable }
            guard let text = String(data: data, encoding: .utf8) else {
                let offset = SiteContent.firstInvalidUTF8Offset(data)
                return .notUTF8(line: offset.line, column: offset.column)
            }
            return .page(text: text, source: PageSource(text: text, file: contentFolder + "/" + relative))
        }
        var byURL: [String: String] = [:]
        for (relative, read) in zip(relatives, reads) {
            let sourcePath = site.contentFolder + "/" + relative
            let text: String, source: PageSource
            switch read {
            case .staticFile:
                staticFiles.append((relative, folder.appendingPathComponent(relative)))
                continue
            case let .unsafeSVG(line, message):
                diagnostics.append(
                    Diagnostic(
                        rule: "content/unsafe-svg", severity: .error, file: sourcePath, line: line, message: message,
                        suggestion: "Export the picture again as plain SVG without scripts, links or embedded content, or save it as PNG."))
                continue
            case .unreadable:
                diagnostics.append(
                    Diagnostic(
                        rule: "content/unreadable", severity: .error, file: sourcePath, line: 1,
                        message: "This file could not be read.", suggestion: "Check the file's permissions."))
                continue
            case let .notUTF8(line, column):
                diagnostics.append(
                    Diagnostic(
                        rule: "content/encoding", severity: .error, file: sourcePath, line: line, column: column,
                        message: "This file is not UTF-8 text: the byte at line \(line), column \(column) is not valid UTF-8.",
                        suggestion: "Save the file as UTF-8 in your editor (often 'Save with encoding' > 'UTF-8')."))
                continue
            case let .page(pageText, pageSource):
                text = pageText
                source = pageSource
            }
            let language = ContentPage.language(of: relative, languages: site.languages)
            let urlPath = ContentPage.urlPath(for: relative, language: language)
            // Addresses that differ only by case are one address on most hosts.
            if let other = byURL[urlPath.lowercased()] {
                diagnostics.append(
                    Diagnostic(
                        rule: "content/duplicate-url", severity: .error, file: sourcePath, line: 1,
                        message: "This page and \(other) would both be published at /\(urlPath).",
                        suggestion: "Rename or remove one of them."))
                continue
            }
            byURL[urlPath.lowercased()] = sourcePath
            pages.append(ContentPage(sourcePath: sourcePath, relativePath: relative, urlPath: urlPath, text: text, language: language, source: source))
        }
        if byURL[""] == nil {
            diagnostics.append(
                Diagnostic(
                    rule: "content/no-home", severity: .error, file: site.contentFolder, line: 1,
                    message: "The site '\(site.id)' has no home page.",
                    suggestion: "Add \(site.contentFolder)/index.md with the site's top tasks."))
        }
    }

    /// Files under a folder in sorted order, skipping names that start with "_" or "."
    /// (shared data, snippets and hidden files are not pages).
    static func files(under folder: URL) -> [String] {
        FolderWalker.files(under: folder).filter(isPublishable)
    }

    /// False for paths inside or naming shared data, snippets or hidden files ("_" or "." first).
    /// False when any part of the path starts with "_" or "." (checked on bytes: every listing
    /// of 10,000 files asks).
    public static func isPublishable(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var atStart = true
            for byte in bytes {
                if atStart && (byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")) { return false }
                atStart = byte == UInt8(ascii: "/")
            }
            return true
        }
    }

    /// Symbolic links are never followed: one that points outside `content/` is an error (it could
    /// publish any file on the computer), one inside it a warning that it is skipped.
    static func symbolicLinks(_ links: [String], under folder: URL, contentFolder: String, root: URL) -> [Diagnostic] {
        guard !links.isEmpty else { return [] }
        let content = root.appendingPathComponent("content").standardizedFileURL.resolvingSymlinksInPath().path
        var found: [Diagnostic] = []
        for relative in links {
            let url = folder.appendingPathComponent(relative)
            let sourcePath = contentFolder + "/" + relative
            let destination = url.resolvingSymlinksInPath().path
            if destination == content || destination.hasPrefix(content + "/") {
                found.append(
                    Diagnostic(
                        rule: "content/symlink", severity: .warning, file: sourcePath, line: 1,
                        message: "This is a symbolic link, so Plainsite skips it and does not publish it.",
                        suggestion:
                            "Link to the page or file it points at (\(destination.dropFirst(content.count - "content".count))) instead, or replace the link with a copy."
                    ))
            } else {
                found.append(
                    Diagnostic(
                        rule: "content/symlink", severity: .error, file: sourcePath, line: 1,
                        message:
                            "This is a symbolic link to \(destination), which is outside the content/ folder. Plainsite never publishes files from outside content/.",
                        suggestion: "Delete the link, and copy the file into \(contentFolder)/ if it should be on the site."))
            }
        }
        return found.sorted { $0.file < $1.file }
    }

    static func firstInvalidUTF8Offset(_ data: Data) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        let bytes = [UInt8](data)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1; lineStart = index + 1 }
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let valid =
                length > 0 && index + length <= bytes.count
                && bytes[(index + 1)..<(index + length)].allSatisfy { $0 & 0xC0 == 0x80 }
            if !valid {
                let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
                return (line, column)
            }
            index += length
        }
        return (line, 1)
    }
}

/// Shared data (`content/_data/*.yml`) and snippets (`content/_snippets/*.md`), used by every site.
public struct SharedContent: Sendable {
    public var data: DataValue = .map([:])
    public var snippetSources: [String: PageSource] = [:]
    public var diagnostics: [Diagnostic] = []

    /// `exampleValuesAllowed`: a made-up sample council, whose data may hold reserved example addresses and numbers.
    public init(root: URL, exampleValuesAllowed: Bool = false) {
        let dataFolder = root.appendingPathComponent("content/_data")
        for folder in ["content/_data", "content/_snippets"] {
            if let problem = ProjectFolder.linkOutside(folder, root: root, rule: "content/symlink") { diagnostics.append(problem) }
        }
        var values: [String: DataValue] = [:]
        for relative in FolderWalker.files(under: dataFolder, inside: root) where relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") {
            let file = "content/_data/" + relative
            let text = (try? String(contentsOf: dataFolder.appendingPathComponent(relative), encoding: .utf8)) ?? ""
            let fields = YAMLFields(yaml: text, file: file, rulePrefix: "data")
            diagnostics += fields.diagnostics
            // A file that cannot be read as YAML gets only its YAML error, not its placeholders too.
            if fields.mapping != nil { diagnostics += Placeholders.inSettings(text, file: file, exampleValuesAllowed: exampleValuesAllowed) }
            let name = relative.split(separator: "/").last!.split(separator: ".").first.map(String.init) ?? relative
            values[name] = fields.mapping.map { DataValue(node: .mapping($0), file: file) } ?? .unreadable(file: file)
        }
        data = .map(values)
        let snippetFolder = root.appendingPathComponent("content/_snippets")
        for relative in FolderWalker.files(under: snippetFolder, inside: root) where relative.hasSuffix(".md") {
            let file = "content/_snippets/" + relative
            let text = (try? String(contentsOf: snippetFolder.appendingPathComponent(relative), encoding: .utf8)) ?? ""
            snippetSources[String(relative.dropLast(3))] = PageSource(text: text, file: file)
        }
    }
}
