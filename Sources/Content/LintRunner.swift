import Diagnostics
import Foundation
import Markdown
import Project
import Prose
import Support

/// Lints Markdown files: front matter, Markdown problems and the plain-English rules,
/// with the settings of the site a file belongs to. Shared by `plainsite lint` and `build`.
public struct LintRunner: Sendable {
    public let project: ProjectConfiguration?
    public let root: URL
    let shared: SharedContent
    let linters: [String: Linter]
    let defaultLinter: Linter
    public let baseline: Baseline?
    /// The root's standardized path, made once (`displayPath` runs for every file).
    let rootPath: String
    /// Snippets that place themselves or nest too deep, by snippet file (the build finds these when it renders them).
    public let snippetFindings: [String: [Diagnostic]]

    public init(project: ProjectConfiguration?, root: URL, useBaseline: Bool = true) {
        self.project = project
        self.root = root
        shared = SharedContent(root: root, exampleValuesAllowed: project?.allowsExampleValues ?? false)
        var linters: [String: Linter] = [:]
        for site in project?.sites ?? [] { linters[site.id] = Linter(configuration: site.lint) }
        self.linters = linters
        defaultLinter = Linter(configuration: project?.lint ?? LintConfiguration())
        baseline = useBaseline ? Baseline.load(root: root) : nil
        rootPath = root.standardizedFileURL.path
        snippetFindings = Dictionary(grouping: NestedSnippets(sources: shared.snippetSources, context: RenderContext()).diagnostics, by: \.file)
    }

    /// Mistakes in the shared data files (`content/_data/`), which every page may use.
    public var sharedDataDiagnostics: [Diagnostic] { shared.diagnostics }

    /// The outcome for one file.
    public struct FileResult: Sendable {
        public var file: String
        public var text: String
        public var diagnostics: [Diagnostic]
        public var fingerprints: [String]
        public var fixes: [Fix]
        public var textBlocks: [TextBlock]
        public var readability: ReadabilityScores? = nil
        public var hardestSentences: [ScoredSentence] = []
    }

    /// Every Markdown file of every site (or of the given sites), and the shared snippets.
    public func defaultFiles(sites: [String]? = nil) -> [URL] {
        var files: [URL] = []
        for site in project?.sites ?? [] where sites?.contains(site.id) ?? true {
            let folder = root.appendingPathComponent(site.contentFolder)
            // `isDirectory: false`: these are files, and without it Foundation asks the file system for each one.
            files += SiteContent.files(under: folder).filter { $0.hasSuffix(".md") }.map { folder.appendingPathComponent($0, isDirectory: false) }
        }
        if sites == nil {
            let snippets = root.appendingPathComponent("content/_snippets")
            files += FolderWalker.files(under: snippets).filter { $0.hasSuffix(".md") }.map { snippets.appendingPathComponent($0) }
        }
        return files
    }

    /// Markdown files under the given paths (files are taken as they are, folders searched).
    public static func markdownFiles(under paths: [URL]) -> (files: [URL], missing: [String]) {
        var files: [URL] = [], missing: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                missing.append(path.path)
                continue
            }
            if isDirectory.boolValue {
                files += FolderWalker.files(under: path).filter { $0.hasSuffix(".md") }.map { path.appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return (files, missing)
    }

    /// A path as shown in reports: relative to the project root when inside it.
    public func displayPath(_ url: URL) -> String {
        // A path without "." or ".." parts or doubled slashes is already standard (and making
        // the standard form of every URL cost about 1% of lint's time).
        var path = url.path
        if path.containsBytes("/.") || path.containsBytes("//") || !path.hasPrefix("/") { path = url.standardizedFileURL.path }
        let base = rootPath
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    func linter(for file: String) -> Linter {
        guard let site = project?.sites.first(where: { file.hasPrefix($0.contentFolder + "/") }) else { return defaultLinter }
        return linters[site.id] ?? defaultLinter
    }

    /// Lints files on every core; results come back in the order of `urls`.
    /// `keepSources: false` drops each file's text and text blocks as soon as it is linted (for
    /// callers that need only the findings and scores: a large site's text kept to the end costs
    /// memory and page faults).
    public func lint(_ urls: [URL], keepSources: Bool = true) -> [FileResult] {
        parallelMap(urls) { url in
            var result = self.lint(url)
            if !keepSources {
                result.text = ""
                result.textBlocks = []
            }
            return result
        }
    }

    public func lint(_ url: URL) -> FileResult {
        let file = displayPath(url)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let diagnostic = Diagnostic(
                rule: "content/unreadable", severity: .error, file: file, line: 1,
                message: "This file could not be read.", suggestion: "Check that it exists and that you may read it.")
            return FileResult(
                file: file, text: "", diagnostics: [diagnostic], fingerprints: [Linter.fingerprint(file: file, rule: diagnostic.rule, context: "")], fixes: [],
                textBlocks: [])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let offset = SiteContent.firstInvalidUTF8Offset(data)
            let diagnostic = Diagnostic(
                rule: "content/encoding", severity: .error, file: file, line: offset.line, column: offset.column,
                message: "This file is not UTF-8 text: the byte at line \(offset.line), column \(offset.column) is not valid UTF-8.",
                suggestion: "Save the file as UTF-8 in your editor.")
            return FileResult(
                file: file, text: "", diagnostics: [diagnostic], fingerprints: [Linter.fingerprint(file: file, rule: diagnostic.rule, context: "")], fixes: [],
                textBlocks: [])
        }
        let page = PageSource(text: text, file: file)
        let snippets = Dictionary(uniqueKeysWithValues: shared.snippetSources.keys.map { ($0, "") })
        // The raw HTML allowed by the site the file belongs to (snippets: the first site).
        let site = project?.sites.first { file.hasPrefix($0.contentFolder + "/") } ?? project?.sites.first
        var rendered = MarkdownRenderer.render(
            page.body, file: file, context: RenderContext(data: shared.data, snippets: snippets, rawHTML: site?.rawHTML), html: false)
        rendered.diagnostics += snippetFindings[file] ?? []
        return lint(file: file, text: text, page: page, rendered: rendered)
    }

    /// Lints a page that is already parsed and rendered (the build's path).
    /// `language` is the page's language code when it is not the site's main language: the
    /// plain-English rules and readability formulas are for English, so other languages get
    /// only the front-matter and Markdown checks (as does a page whose front matter could not be read).
    public func lint(
        file: String, text: String, page: PageSource, rendered: RenderedMarkdown, layout: String? = nil,
        language: String? = nil
    ) -> FileResult {
        let structural = page.diagnostics + rendered.diagnostics + Placeholders.markers(in: text, file: file)
        var diagnostics = structural
        var fingerprints = structural.map { Linter.fingerprint(file: file, rule: $0.rule, context: $0.message) }
        let isEnglish = language.map { $0 == "en" || $0.hasPrefix("en-") } ?? true
        // Unreadable front matter loses the page's own lint settings, so its plain-English findings would mislead.
        let result =
            isEnglish && !page.frontMatterIsUnreadable
            ? linter(for: file).lint(file: file, text: text, page: page, blocks: rendered.textBlocks, layout: layout)
            : LintResult()
        diagnostics += result.diagnostics
        fingerprints += result.fingerprints
        if let baseline {
            let kept = zip(diagnostics, fingerprints).filter { !baseline.fingerprints.contains($0.1) }
            diagnostics = kept.map(\.0)
            fingerprints = kept.map(\.1)
        }
        return FileResult(
            file: file, text: text, diagnostics: diagnostics, fingerprints: fingerprints, fixes: result.fixes,
            textBlocks: rendered.textBlocks, readability: result.readability, hardestSentences: result.hardestSentences)
    }
}

extension Baseline {
    /// Writes the baseline of every finding in `results`; returns how many it records.
    public static func write(_ results: [LintRunner.FileResult], root: URL) throws(FileSafetyError) -> Int {
        let findings = results.flatMap { result in
            zip(result.diagnostics, result.fingerprints).map { (file: $0.file, rule: $0.rule, fingerprint: $1) }
        }
        return try write(findings, root: root)
    }
}
