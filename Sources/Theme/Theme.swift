import Accessibility
import Diagnostics
import Foundation
import Project
import Support
import Yams

/// The templates and assets of one site: the site's own folder `themes/<site>/`
/// first, then the shared theme `themes/<theme>/`. An override is a whole file.
public struct Theme: Sendable {
    /// Where the files come from, most specific first.
    let layers: [ThemeLayer]
    let root: URL
    /// Template name (such as "layouts/page") to the file it came from.
    public private(set) var sources: [String: String] = [:]
    /// Template file → its text, for pointing accessibility problems at the template's line.
    public private(set) var texts: [String: String] = [:]
    public private(set) var diagnostics: [Diagnostic] = []
    /// Layout name → the ids its pages' templates give their own elements, which headings' ids must not repeat.
    private var reservedIDs: [String: Set<String>] = [:]
    /// The templates, parsed; one with a mistake is left out and reported in `diagnostics`.
    private(set) var compiled = CompiledTemplates(parsed: [:])

    public init(site: SiteConfiguration, root: URL) {
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
        diagnostics += linksOutside()
        let layerOf = collectSources()
        let parsed = parseTemplates(layerOf: layerOf)
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

    /// A folder of the theme that a symbolic link takes outside the project is refused, once
    /// for it and its subfolders.
    private func linksOutside() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for layer in layers where layer.place == .folder {
            for part in ["", "/templates", "/components", "/assets", "/translations"] {
                if let problem = ProjectFolder.linkOutside(layer.folder + part, root: root, rule: "theme/symlink") {
                    problems.append(problem)
                    break
                }
            }
        }
        return problems
    }

    /// Collects each template name once, from the most specific layer that has it, and returns
    /// the layer of each file. Component templates (components/<name>/<name>.mustache) are
    /// partials called <name>. A site's own file wins over the shared theme's, whichever of the
    /// two places it is in.
    private mutating func collectSources() -> [String: ThemeLayer] {
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
        return layerOf
    }

    /// Reads and parses every template, keeping its text; one with a mistake is reported and left out.
    private mutating func parseTemplates(layerOf: [String: ThemeLayer]) -> [String: [CompiledTemplates.Node]] {
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
        return parsed
    }

    public var layouts: [String] {
        sources.keys.filter { $0.hasPrefix("layouts/") }.map { String($0.dropFirst("layouts/".count)) }.sorted()
    }

    public func hasLayout(_ name: String) -> Bool { sources["layouts/\(name)"] != nil }

    /// The ids the theme's own elements have on a page of this layout.
    public func reservedIDs(layout: String) -> Set<String> { reservedIDs[layout] ?? [] }

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
    public func renderBytes(_ template: String, _ context: TemplateContext) -> [UInt8] {
        compiled.renderBytes(template, context)
    }

    /// A template rendered with a context; "" for a template the theme does not have.
    public func render(_ template: String, _ context: TemplateContext) -> String {
        compiled.render(template, context)
    }

    /// The theme's own words in a language (`translations/<code>.yml`), the site's file over the shared
    /// theme's, falling back to English for any word not translated.
    public func translations(for language: String) -> [String: String] {
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
    public func assets() -> [String: ThemeAsset] {
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
    public func componentStylesheet() -> String {
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
}
