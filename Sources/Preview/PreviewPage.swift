import Diagnostics
import Foundation
import Markdown

/// What the preview adds to pages: a panel of the page's problems and the reload script,
/// and the page shown instead when the build has errors. Only the preview serves these;
/// nothing here is written by `plainsite build`.
enum PreviewPage {
    /// Adds the panel (before `</body>`), its stylesheet and the reload script to a built page.
    static func inject(into html: String, source: String?, diagnostics: [Diagnostic], version: Int) -> String {
        let own = source.map { file in diagnostics.filter { $0.file == file } } ?? []
        return inject(into: html, source: source, own: own, total: diagnostics.count, version: version)
    }

    /// The same, with the page's own problems already picked out of the `total` of the site.
    static func inject(into html: String, source: String?, own: [Diagnostic], total: Int, version: Int) -> String {
        let elsewhere = total - own.count
        var panel = "<aside class=\"ps-preview\" aria-labelledby=\"ps-preview-title\">\n"
        panel += "<h2 id=\"ps-preview-title\" class=\"ps-preview__title\">Plainsite preview: "
        if source == nil {
            panel += "this page is made by the theme</h2>\n"
        } else if own.isEmpty {
            panel += "no problems on this page</h2>\n"
        } else {
            panel += "\(own.count) \(own.count == 1 ? "problem" : "problems") on this page</h2>\n"
        }
        if let source { panel += "<p>Edit <code>\(escapeMarkup(source))</code>. This page reloads when you save it.</p>\n" }
        if !own.isEmpty { panel += list(own) }
        if elsewhere > 0 {
            panel +=
                "<p>\(elsewhere) more \(elsewhere == 1 ? "problem" : "problems") elsewhere on this site. "
                + "Run <code>plainsite report</code> to see them all.</p>\n"
        }
        panel += "</aside>\n" + script(version: version)
        var page = html
        if let head = page.range(of: "</head>") {
            page.replaceSubrange(head, with: "<link rel=\"stylesheet\" href=\"/_plainsite/panel.css\">\n</head>")
        }
        if let body = page.range(of: "</body>", options: .backwards) {
            page.replaceSubrange(body, with: panel + "</body>")
        } else {
            page += panel
        }
        return page
    }

    /// The page every address shows while the build has errors.
    static func errorPage(_ diagnostics: [Diagnostic], version: Int) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        var html = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>The site could not be built - Plainsite preview</title>
            <link rel="stylesheet" href="/_plainsite/panel.css">
            </head>
            <body class="ps-preview-error">
            <a href="#main-content">Skip to main content</a>
            <main class="ps-preview" id="main-content">
            <h1>The site could not be built</h1>
            <p>Fix \(errors.count == 1 ? "this error" : "these \(errors.count) errors"). This page reloads by itself when you save the file.</p>

            """
        html += list(errors)
        return html + "</main>\n" + script(version: version) + "</body>\n</html>\n"
    }

    static func list(_ diagnostics: [Diagnostic]) -> String {
        var html = "<ol class=\"ps-preview__list\">\n"
        for diagnostic in Diagnostic.sorted(diagnostics) {
            let severity = diagnostic.severity.rawValue
            html += "<li class=\"ps-preview__item ps-preview__item--\(severity)\">"
            html +=
                "<p><strong>\(severity.prefix(1).uppercased() + severity.dropFirst())</strong> in <code>\(escapeMarkup(diagnostic.file))</code>, "
                + "line \(diagnostic.line), column \(diagnostic.column)</p>\n"
            html += "<p>\(escapeMarkup(diagnostic.message))</p>\n"
            if let suggestion = diagnostic.suggestion { html += "<p>What to do: \(escapeMarkup(suggestion))</p>\n" }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    static func script(version: Int) -> String {
        "<script src=\"/_plainsite/live.js?version=\(version)\"></script>\n"
    }

    /// Asks the server for the next build (it answers when there is one) and reloads the page.
    static let script = """
        (function () {
          "use strict";
          var current = document.currentScript;
          var version = Number(new URL(current.src).searchParams.get("version"));
          function wait() {
            fetch("/_plainsite/changes?since=" + version, { cache: "no-store" })
              .then(function (response) { return response.json(); })
              .then(function (answer) {
                if (answer.version !== version) { window.location.reload(); } else { wait(); }
              })
              .catch(function () { window.setTimeout(wait, 1000); });
          }
          wait();
        }());
        """

    static let stylesheet = """
        .ps-preview { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 1rem; line-height: 1.5;
          color: #0b0c0c; background: #fff; border-top: 5px solid #1d4f91; padding: 1rem; max-width: 60rem; margin: 1rem auto; }
        .ps-preview h1 { font-size: 2rem; }
        .ps-preview h2.ps-preview__title { font-size: 1.1875rem; margin: 0 0 0.5rem; }
        .ps-preview__list { list-style: none; padding: 0; }
        .ps-preview__item { border-left: 5px solid #505a5f; padding-left: 0.75rem; margin: 0.75rem 0; }
        .ps-preview__item p { margin: 0.25rem 0; }
        .ps-preview__item--error { border-color: #d4351c; }
        .ps-preview__item--warning { border-color: #6f4e00; }
        .ps-preview code { overflow-wrap: anywhere; }
        body.ps-preview-error { margin: 0; }
        """

    static func contentType(of fileExtension: String) -> String {
        switch fileExtension.lowercased() {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "atom": "application/atom+xml"
        case "ics": "text/calendar; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "pdf": "application/pdf"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }
}
