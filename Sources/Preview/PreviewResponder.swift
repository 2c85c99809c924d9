import Diagnostics
import Foundation
import Output

extension PreviewServer {
    /// The response for a path of the site: the built file (a copied file is sent from disk in
    /// chunks), with the preview panel on pages; the error page when there is no build to show.
    static func respond(to path: String, build: PreviewBuild, version: Int) -> PreviewResponse {
        let headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")]
        guard let site = build.files, !build.diagnostics.hasErrors, build.published else {
            return PreviewResponse(
                status: 500, headers: headers,
                body: Data(PreviewPage.errorPage(build.diagnostics, version: version).utf8))
        }
        var relative = Substring(path)
        if relative.hasPrefix(build.basePath) { relative = relative.dropFirst(build.basePath.count) }
        relative = relative.drop { $0 == "/" }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) {
            return PreviewResponse(status: 404, headers: headers)
        }
        var key = parts.joined(separator: "/")
        if site.files[key] == nil, site.folders.contains(key) {
            if !relative.isEmpty && !relative.hasSuffix("/") { return redirect(to: build.basePath + relative + "/") }
            key = key.isEmpty ? "index.html" : key + "/index.html"
        }
        var status = 200
        if site.files[key] == nil {
            status = 404
            key = "404.html"
        }
        let type = (key as NSString).pathExtension
        guard type == "html" else {
            switch site.files[key] {
            case .source(let url)?:
                guard let opened = OpenFile(path: url.path) else { break }
                return PreviewResponse(
                    status: status, headers: [("Content-Type", PreviewPage.contentType(of: type)), ("Cache-Control", "no-store")], file: opened)
            case .data(let data)?:
                return PreviewResponse(
                    status: status, headers: [("Content-Type", PreviewPage.contentType(of: type)), ("Cache-Control", "no-store")], body: data)
            case nil:
                break
            }
            return PreviewResponse(status: 404, headers: headers)
        }
        guard let data = site.files[key]?.contents else {
            return PreviewResponse(status: 404, headers: headers, body: Data("Not found".utf8))
        }
        // The Markdown file behind the page, whose problems the panel lists.
        let urlPath = relative.hasSuffix("index.html") ? String(relative.dropLast("index.html".count)) : String(relative)
        let source = status == 200 ? build.index.sources[urlPath] : nil
        let html = PreviewPage.inject(
            into: String(decoding: data, as: UTF8.self), source: source, own: source.flatMap { build.index.findings[$0] } ?? [],
            total: build.diagnostics.count, version: version)
        return PreviewResponse(status: status, headers: headers, body: Data(html.utf8))
    }

    /// A redirect to a path of this preview. Its Location is one slash and a percent-encoded
    /// path, never "//host" or "/\host", which a browser would follow to another site.
    static func redirect(to path: String) -> PreviewResponse {
        let rest = path.drop { $0 == "/" || $0 == "\\" }
        let location = "/" + (rest.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")
        return PreviewResponse(status: 301, headers: [("Location", location)])
    }
}
