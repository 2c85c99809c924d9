import BuiltIn
import Foundation
import Support

/// One place a theme's files come from: a folder of the project (`themes/<name>/`) or a theme
/// built into Plainsite. A file in a more specific layer replaces the same file of the layers under it.
struct ThemeLayer: Sendable {
    enum Place: Sendable, Equatable {
        case folder
        case builtIn
    }

    let place: Place
    /// The theme's folder as the project names it (`themes/council`): built-in files are named
    /// by the path they would have if copied out with `plainsite theme copy`.
    let folder: String

    /// The layers of a site's theme, most specific first: `themes/<site>/`, `themes/<theme>/`,
    /// then the built-in theme of that name when Plainsite has one.
    static func layers(site: String, theme: String) -> [ThemeLayer] {
        var layers = [ThemeLayer(place: .folder, folder: "themes/\(site)")]
        if theme != site { layers.append(ThemeLayer(place: .folder, folder: "themes/\(theme)")) }
        if hasBuiltIn(theme) { layers.append(ThemeLayer(place: .builtIn, folder: "themes/\(theme)")) }
        return layers
    }

    /// Whether Plainsite carries a theme of this name.
    static func hasBuiltIn(_ theme: String) -> Bool { BuiltInFiles.hasFolder("theme/\(theme)") }

    /// The names of the themes Plainsite carries.
    static var builtInNames: [String] { BuiltInFiles.themeNames }

    private var builtInFolder: String { "theme/" + folder.dropFirst("themes/".count) }

    /// Regular files under a part of the layer (such as "templates"), as sorted relative paths;
    /// none for a project folder that a link takes outside the project.
    func files(under part: String, root: URL) -> [String] {
        switch place {
        case .builtIn: BuiltInFiles.files(under: builtInFolder + "/" + part)
        case .folder: FolderWalker.files(under: root.appendingPathComponent(folder).appendingPathComponent(part), inside: root)
        }
    }

    /// A file's bytes by its path in the layer (such as "templates/base.mustache"): a regular
    /// file of the project only, never a link's target.
    func data(_ relative: String, root: URL) -> Data? {
        switch place {
        case .builtIn:
            return BuiltInFiles.data(builtInFolder + "/" + relative)
        case .folder:
            let file = root.appendingPathComponent(folder).appendingPathComponent(relative)
            guard FolderWalker.outsideProject(file.deletingLastPathComponent(), root: root) == nil,
                SafeFiles.kind(file.path) == .file
            else { return nil }
            return FileManager.default.contents(atPath: file.path)
        }
    }

    /// `data` as UTF-8 text.
    func text(_ relative: String, root: URL) -> String? {
        data(relative, root: root).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Where an asset comes from when the site is written.
    func asset(_ relative: String, root: URL) -> ThemeAsset {
        switch place {
        case .builtIn: .builtIn(BuiltInFiles.data(builtInFolder + "/assets/" + relative) ?? Data())
        case .folder: .file(root.appendingPathComponent(folder).appendingPathComponent("assets").appendingPathComponent(relative))
        }
    }
}

/// A theme asset to publish: a file of the project, copied, or a built-in file's bytes.
public enum ThemeAsset: Sendable {
    case file(URL)
    case builtIn(Data)
}
