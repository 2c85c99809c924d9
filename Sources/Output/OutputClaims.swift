import Diagnostics
import Foundation
import Project

/// The paths a build has written in one site, each with what wrote it (a content file, a
/// template, or a generated file's name). Two writers of one path are a collision, never a
/// silent overwrite, and so are paths that differ only by case (most static hosts, Windows and
/// macOS do not tell them apart) and a file where another writer's folder goes.
struct OutputClaims {
    private var files: [String: String] = [:]
    private var folders: [String: String] = [:]

    /// Claims `path` for `owner`; the owner of what it clashes with, or nil when it is free.
    public mutating func claim(_ path: String, by owner: String) -> String? {
        let key = path.lowercased()
        if let other = files[key] ?? folders[key] { return other }
        let parts = key.split(separator: "/").dropLast()
        var prefix = ""
        for part in parts {
            prefix += prefix.isEmpty ? String(part) : "/" + part
            if let other = files[prefix] { return other }
        }
        files[key] = owner
        prefix = ""
        for part in parts {
            prefix += prefix.isEmpty ? String(part) : "/" + part
            if folders[prefix] == nil { folders[prefix] = owner }
        }
        return nil
    }
}

/// Two writers of one published path (see `OutputClaims`).
public struct OutputCollision: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let first: String
    public let second: String

    public var description: String { "\(first) and \(second) would both be published at \(path)" }

    /// The finding, blamed on the content file where there is one (the editor can rename it).
    public func diagnostic(site: SiteConfiguration) -> Diagnostic {
        let content = [second, first].first { $0.hasPrefix(site.contentFolder + "/") }
        let other = content == second ? first : second
        let address = site.basePath + path.replacingOccurrences(of: "index.html", with: "")
        return Diagnostic(
            rule: "content/collision", severity: .error, file: content ?? second, line: 1,
            message:
                "This would be published at \(address), where \(Self.describe(other)) already goes. Two files cannot share one address (addresses that differ only in capital letters count as the same).",
            suggestion: "Rename \(content.map { ($0 as NSString).lastPathComponent } ?? "one of them") (use lower case and hyphens), or remove it.")
    }

    static func describe(_ owner: String) -> String {
        if owner.hasPrefix("generated:") { return "the site's own \(owner.dropFirst("generated:".count))" }
        if owner.hasPrefix("theme:") { return "the theme's \(owner.dropFirst("theme:".count))" }
        return owner
    }
}
