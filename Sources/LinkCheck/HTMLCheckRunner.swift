import Accessibility
import Diagnostics
import Foundation
import Project
import Support

/// `plainsite check PATH...`: the accessibility and link checks on any HTML, also pages
/// Plainsite did not build. A folder is treated as a site root, so `/assets/x.css` means
/// `FOLDER/assets/x.css`; a single file's folder is its root.
public enum HTMLCheckRunner {
    public static func check(_ paths: [URL], displayRoot: URL) -> (diagnostics: [Diagnostic], pages: Int, missing: [String], files: [String]) {
        var diagnostics: [Diagnostic] = []
        var missing: [String] = []
        var count = 0
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                if isLink(path.path) { diagnostics.append(brokenLink(display(path, root: displayRoot))) } else { missing.append(path.path) }
                continue
            }
            let root = isDirectory.boolValue ? path : path.deletingLastPathComponent()
            let (all, links) = FolderWalker.filesAndLinks(under: root)
            if isDirectory.boolValue { diagnostics += links.map { skippedLink(display(root.appendingPathComponent($0), root: displayRoot)) } }
            let targets = isDirectory.boolValue ? all.filter { $0.hasSuffix(".html") || $0.hasSuffix(".htm") } : [path.lastPathComponent]
            let site = SiteConfiguration(
                id: "checked", title: "", baseURL: "https://checked.invalid/", contentFolder: "",
                theme: "", colours: BrandColours(), logo: nil)
            let read = parallelMap(targets) { relative -> (String, String, PageRead) in
                let file = root.appendingPathComponent(relative)
                let display = display(file, root: displayRoot)
                return (relative, display, readPage(file.path, display: display))
            }
            diagnostics += read.compactMap { if case let .problem(problem) = $0.2 { problem } else { nil } }
            let pages = read.compactMap { item -> (String, String, String)? in
                if case let .page(html) = item.2 { (item.0, item.1, html) } else { nil }
            }
            let checked = parallelMap(pages) { page -> (BuiltPage, [Diagnostic]) in
                let (relative, display, html) = page
                let result = AccessibilityChecker().check(html: html, file: display)
                var urlPath = relative
                if urlPath == "index.html" { urlPath = "" } else if urlPath.hasSuffix("/index.html") { urlPath = String(urlPath.dropLast("index.html".count)) }
                return (
                    BuiltPage(
                        site: site.id, urlPath: urlPath, sourcePath: display, titleLine: 1, title: result.title,
                        anchors: result.anchors, links: result.links), result.diagnostics
                )
            }
            count += checked.count
            files += checked.map(\.0.sourcePath)
            diagnostics += checked.flatMap(\.1)
            // Pages are known by their folder address and by their file name.
            var built = checked.map(\.0)
            built += checked.map(\.0).filter { $0.urlPath.isEmpty || $0.urlPath.hasSuffix("/") }.map {
                var copy = $0
                copy.urlPath += "index.html"
                copy.links = []
                // The same page again, so its title is not counted twice.
                copy.title = ""
                return copy
            }
            diagnostics += SiteChecks(sites: [site], built: built, files: [site.id: Set(all)]).run()
                .filter { $0.rule != "a11y/page-title-unique" || isDirectory.boolValue }
        }
        return (Array(Set(diagnostics)), count, missing, files)
    }

    static func display(_ url: URL, root: URL) -> String {
        let path = url.standardizedFileURL.path, base = root.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}
