import Foundation

/// The files Plainsite carries inside itself: the council theme (`theme/council/…`) and the
/// plain-English word lists (`words/…`). The EmbedFiles build plugin generates `encoded` from
/// this module's folders, so a copied binary needs nothing beside it.
public enum BuiltInFiles {
    /// Path under this module's folder (such as "theme/council/templates/base.mustache") → bytes.
    public static let all: [String: Data] = {
        var files: [String: Data] = [:]
        for (path, base64) in encoded {
            files[path] = Data(base64Encoded: base64) ?? Data()
        }
        return files
    }()

    /// A file's bytes, or nil when Plainsite has no such file.
    public static func data(_ path: String) -> Data? { all[path] }

    /// A file's text, or nil when there is no such file or it is not UTF-8.
    public static func text(_ path: String) -> String? {
        all[path].flatMap { String(data: $0, encoding: .utf8) }
    }

    /// The files under a folder (such as "theme/council/assets"), as sorted paths relative to it.
    public static func files(under folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return all.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }

    /// The names of the themes Plainsite carries (the folders under "theme").
    public static var themeNames: [String] {
        Set(files(under: "theme").compactMap { $0.split(separator: "/").first.map(String.init) }).sorted()
    }

    /// Whether a folder (such as "theme/council") holds any built-in file.
    public static func hasFolder(_ folder: String) -> Bool { !files(under: folder).isEmpty }
}
