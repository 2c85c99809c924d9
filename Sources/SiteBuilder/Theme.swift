import Accessibility
import Diagnostics
import Foundation
import Project
import Support
import Yams

/// The templates and assets of one site: the site's own folder `themes/<site>/`
/// first, then the shared theme `themes/<theme>/`. An override is a whole file.
struct Theme {
    /// Where the files come from, most specific first.
    let layers: [ThemeLayer]
    let root: URL
    /// Template name (such as "layouts/page") to the file it came from.
    private(set) var sources: [String: String] = [:]
    /// Template file → its text, for pointing accessibility problems at the template's line.
    private(set) var texts: [String: String] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    /// Layout name → the ids its pages' templates give their own elements, which headings' ids must not repeat.
    private var reservedIDs: [String: Set<String>] = [:]
    /// The templates, parsed; one with a mistake is left out and reported in `diagnostics`.
    private(set) var compiled = CompiledTemplates(parsed: [:])

    init(site: SiteConfiguration, root: URL) {
        self.root = root
        layers = ThemeLayer.layers(site: site.id, theme: site.theme)
        if !ThemeLayer.hasBuiltIn(site.theme), !FileManager.default.fileExists(atPath: root.appendingPathComponent("themes/\(site.theme)").path) {
            let names = ThemeLayer.builtInNames.map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.append(
                Diagnostic(
                    rule: "theme/missing", severity: .error, file: "plainsite.yml", line: 1,
                    message: "The theme '\(site.theme)' of site '\(site.id)' is not built into Plainsite and has no folder themes/\(site.theme)/.",
                    suggestion: "Set 'theme:' to a built-in theme (\(names)) or to a folder under themes/."))
            return
        }
        for layer in layers where layer.place == .folder {
            for part in ["", "/templates", "/components", "/assets", "/translations"] {
                // Once a folder is outside, its subfolders are too: one error says so.
                if let problem = Theme.linkOutside(layer.folder + part, root: root, rule: "theme/symlink") {
                    diagnostics.append(problem)
                    break
                }
            }
        }
        // Collect each template name once, from the most specific layer that has it.
        // Component templates (components/<name>/<name>.mustache) are partials called <name>.
        // A site's own file wins over the shared theme's, whichever of the two places it is in.
        var layerOf: [String: ThemeLayer] = [:]
        for layer in layers.reversed() {
            for relative in layer.files(under: "components", root: root) where relative.hasSuffix(".mustache") {
                let parts = relative.split(separator: "/")
                guard parts.count == 2 else { continue }
                let file = "\(layer.folder)/components/\(relative)"
                sources["partials/" + String(parts[1].dropLast(".mustache".count))] = file
                layerOf[file] = layer
            }
            for relative in layer.files(under: "templates", root: root) where relative.hasSuffix(".mustache") {
                let file = "\(layer.folder)/templates/\(relative)"
                sources[String(relative.dropLast(".mustache".count))] = file
                layerOf[file] = layer
            }
        }
        var parsed: [String: [CompiledTemplates.Node]] = [:]
        for (name, file) in sources.sorted(by: { $0.key < $1.key }) {
            let layer = layerOf[file]!
            let text = layer.text(String(file.dropFirst(layer.folder.count + 1)), root: root) ?? ""
            texts[file] = text
            guard let nodes = Theme.parse(text, file: file, into: &diagnostics) else { continue }
            // Partials are used by their short name: {{> header }}.
            parsed[name] = nodes
            if name.hasPrefix("partials/") { parsed[String(name.dropFirst("partials/".count))] = nodes }
        }
        compiled = CompiledTemplates(parsed: parsed)
        let checks = TemplateChecks(sources: sources, texts: texts)
        diagnostics += checks.diagnostics(theme: site.theme)
        reservedIDs = checks.idsByLayout()
        if sources["base"] == nil {
            diagnostics.append(
                Diagnostic(
                    rule: "theme/missing", severity: .error, file: "themes/\(site.theme)/templates/base.mustache", line: 1,
                    message: "The theme has no base template, which every page is placed in.",
                    suggestion: "Add themes/\(site.theme)/templates/base.mustache."))
        }
    }

    var layouts: [String] {
        sources.keys.filter { $0.hasPrefix("layouts/") }.map { String($0.dropFirst("layouts/".count)) }.sorted()
    }

    func hasLayout(_ name: String) -> Bool { sources["layouts/\(name)"] != nil }

    /// The ids the theme's own elements have on a page of this layout.
    func reservedIDs(layout: String) -> Set<String> { reservedIDs[layout] ?? [] }

    /// A template's nodes, its output wrapped in markers that let the accessibility checks
    /// trace elements back to it; nil, with an error naming the line, for a template with a mistake.
    static func parse(_ text: String, file: String, into diagnostics: inout [Diagnostic]) -> [CompiledTemplates.Node]? {
        let marked = SourceLocator.mark(text, template: file)
        do {
            // Parsed with its markers, which a tag next to them is never standalone beside.
            return try TemplateParser.parse(marked)
        } catch {
            // The opening marker is on the first line, before the template's own text.
            let opening = "<!--\(SourceLocator.markerPrefix)\(file)-->".count
            diagnostics.append(
                Diagnostic(
                    rule: "theme/template", severity: .error, file: file, line: error.line,
                    column: error.line == 1 ? max(1, error.column - opening) : error.column,
                    message: "This template could not be read: \(error.message).", suggestion: error.suggestion))
            return nil
        }
    }

    /// `render`, as UTF-8 bytes.
    func renderBytes(_ template: String, _ context: TemplateContext) -> [UInt8] {
        compiled.renderBytes(template, context)
    }

    /// A template rendered with a context; "" for a template the theme does not have.
    func render(_ template: String, _ context: TemplateContext) -> String {
        compiled.render(template, context)
    }

    /// The theme's own words in a language (`translations/<code>.yml`), the site's file over the shared
    /// theme's, falling back to English for any word not translated.
    func translations(for language: String) -> [String: String] {
        var words: [String: String] = [:]
        for code in language == "en" ? ["en"] : ["en", language] {
            for layer in layers.reversed() {
                guard let text = layer.text("translations/\(code).yml", root: root),
                    let node = try? Yams.compose(yaml: text, Resolver.basic), let mapping = node.mapping
                else { continue }
                for (key, value) in mapping {
                    if let name = key.scalar?.string, let word = value.scalar?.string { words[name] = word }
                }
            }
        }
        return words
    }

    /// Asset files (relative path → where it comes from), the site's own winning over the shared theme's.
    func assets() -> [String: ThemeAsset] {
        var found: [String: ThemeAsset] = [:]
        for layer in layers.reversed() {
            for relative in layer.files(under: "assets", root: root) {
                found[relative] = layer.asset(relative, root: root)
            }
        }
        return found
    }

    /// The stylesheet of every component (`components/<name>/*.css`), the site's own component
    /// folder replacing the shared one, in name order, as one stylesheet.
    func componentStylesheet() -> String {
        var byComponent: [String: (layer: ThemeLayer, files: [String])] = [:]
        for layer in layers.reversed() {
            var found: [String: [String]] = [:]
            for relative in layer.files(under: "components", root: root) where relative.hasSuffix(".css") {
                let name = String(relative.split(separator: "/").first ?? "")
                found[name, default: []].append("components/" + relative)
            }
            for (name, files) in found { byComponent[name] = (layer, files) }
        }
        var css = "/* Generated by Plainsite from the theme's components. */\n"
        for name in byComponent.keys.sorted() {
            let (layer, files) = byComponent[name]!
            for file in files { css += layer.text(file, root: root) ?? "" }
        }
        return css
    }

    /// Regular files under a folder, as sorted relative paths; hidden files and folders are
    /// skipped, and symbolic links are never followed or listed. Read with readdir, whose entry
    /// types need no stat call per file (FileManager's enumerator makes one).
    static func files(under folder: URL) -> [String] {
        filesAndLinks(under: folder).files
    }

    /// `files(under:)` of a folder the project reads from, or none when a symbolic link (the
    /// folder's own, or one on the way) takes it outside the project: nothing from elsewhere
    /// on the computer is ever published.
    static func files(under folder: URL, inside root: URL) -> [String] {
        outsideProject(folder, root: root) == nil ? files(under: folder) : []
    }

    /// Where a folder really is when a symbolic link takes it outside the project; nil when it
    /// is inside, or missing.
    static func outsideProject(_ folder: URL, root: URL) -> String? {
        guard FileManager.default.fileExists(atPath: folder.path) else { return nil }
        let project = root.standardizedFileURL.resolvingSymlinksInPath().path
        let real = folder.standardizedFileURL.resolvingSymlinksInPath().path
        return real == project || real.hasPrefix(project + "/") ? nil : real
    }

    /// The error for a folder the project reads from that a link takes outside it (nil when it does not).
    static func linkOutside(_ relative: String, root: URL, rule: String) -> Diagnostic? {
        guard let real = outsideProject(root.appendingPathComponent(relative), root: root) else { return nil }
        return Diagnostic(
            rule: rule, severity: .error, file: relative, line: 1,
            message:
                "This folder is reached through a symbolic link to \(real), which is outside the project. Plainsite never reads or publishes files from outside the project, so it was left out.",
            suggestion: "Replace the link with the folder itself, inside the project.")
    }

    /// Regular files and symbolic links under a folder (never followed), each sorted, from one
    /// `readdir` walk; names starting with "." are skipped.
    static func filesAndLinks(under folder: URL) -> (files: [String], links: [String]) {
        var files: [String] = [], links: [String] = []
        walk(folder.path, relative: "", files: &files, links: &links)
        return (files.sorted(), links.sorted())
    }

    private static func walk(_ path: String, relative: String, files: inout [String], links: inout [String]) {
        guard let directory = opendir(path) else { return }
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(path + "/" + name, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: type = UInt8(DT_REG)
                case S_IFDIR: type = UInt8(DT_DIR)
                case S_IFLNK: type = UInt8(DT_LNK)
                default: type = UInt8(DT_UNKNOWN)
                }
            }
            if type == UInt8(DT_REG) {
                files.append(relative + name)
            } else if type == UInt8(DT_DIR) {
                folders.append(name)
            } else if type == UInt8(DT_LNK) {
                links.append(relative + name)
            }
        }
        closedir(directory)
        for name in folders { walk(path + "/" + name, relative: relative + name + "/", files: &files, links: &links) }
    }
}
