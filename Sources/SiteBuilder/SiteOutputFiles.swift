import Accessibility
import Content
import Diagnostics
import Foundation
import LinkCheck
import Output
import PageBuild
import Project
import Site
import Support
import Theme

/// The files of a site besides its pages: redirects, hosting files, sitemaps, feeds, open
/// data, the search index, the theme's assets and the content's own files.
extension SitePipeline {
    /// Old addresses (front-matter aliases) redirect to their pages; static hosts and web
    /// servers read security headers, redirects, the 404 page and cache lifetimes.
    func writeRedirectsAndHosting(content: SiteContent, generator: SiteGenerator, into result: inout Result, writer: any SiteOutput) {
        let redirects = Redirects(pages: content.pages, site: site)
        result.diagnostics += redirects.diagnostics
        do {
            for redirect in redirects.all {
                try writer.write(Data(redirect.html.utf8), to: redirect.from + "index.html", from: redirect.source)
                result.files.insert(redirect.from + "index.html")
                result.built.append(
                    BuiltPage(
                        site: site.id, urlPath: redirect.from, sourcePath: redirect.source, titleLine: 1,
                        title: "", anchors: [], links: []))
            }
            if !redirects.all.isEmpty {
                try writer.write(Data(redirects.netlifyFile().utf8), to: "_redirects", from: "generated:redirects file (_redirects)")
                result.files.insert("_redirects")
            }
            let hosting = generator.hostingFiles(redirects: redirects)
            result.diagnostics += hosting.diagnostics
            for file in hosting.files {
                try writer.write(Data(file.text.utf8), to: file.path, from: "generated:hosting file (\(file.path))")
                result.files.insert(file.path)
            }
        } catch {
            result.diagnostics.append(writeFailure(error, "The redirect pages or hosting files could not be written"))
        }
    }

    /// Sitemap, robots.txt, news feeds, calendar files and open data, and the search index: made at once.
    func writeSiteFiles(searchEntries: [SearchEntry], generator: SiteGenerator, into result: inout Result, writer: any SiteOutput) {
        let (made, searchIndex) = generator.siteWideFiles(infos: result.infos, searchEntries: searchEntries)
        do {
            for (path, data) in try made.get() {
                do {
                    try writer.write(data, to: path, from: "generated:\(path)")
                    result.files.insert(path)
                } catch let collision as OutputCollision {
                    result.diagnostics.append(collision.diagnostic(site: site))
                }
            }
        } catch {
            result.diagnostics.append(writeFailure(error, "The site's sitemap, feeds or data files could not be written"))
        }
        do {
            try writer.write(searchIndex, to: "search-index.json", from: "generated:search index (search-index.json)")
            result.files.insert("search-index.json")
        } catch {
            result.diagnostics.append(writeFailure(error, "The search index could not be written"))
        }
    }

    /// The theme's assets, the stylesheets made from the site's colours and components, and
    /// the content's own files.
    func copyAssetsAndFiles(content: SiteContent, generator: SiteGenerator, into result: inout Result, writer: any CopyingOutput) {
        do {
            let theme = generator.pages.theme
            for (relative, asset) in theme.assets().sorted(by: { $0.key < $1.key }) {
                switch asset {
                case .file(let file): try writer.copy(file, to: "assets/" + relative, from: "theme:assets/\(relative)")
                case .builtIn(let data): try writer.write(data, to: "assets/" + relative, from: "theme:assets/\(relative)")
                }
                result.files.insert("assets/" + relative)
            }
            try writer.write(Data(generator.brandStylesheet().utf8), to: "assets/brand.css", from: "theme:assets/brand.css")
            result.files.insert("assets/brand.css")
            try writer.write(Data(theme.componentStylesheet().utf8), to: "assets/components.css", from: "theme:assets/components.css")
            result.files.insert("assets/components.css")
            for (relative, file) in content.staticFiles {
                do {
                    try writer.copy(file, to: relative, from: site.contentFolder + "/" + relative)
                    result.files.insert(relative)
                } catch let collision as OutputCollision {
                    result.diagnostics.append(collision.diagnostic(site: site))
                }
            }
        } catch {
            result.diagnostics.append(writeFailure(error, "A file could not be copied"))
        }
    }

    /// The site's logo must be one of the theme's assets, and its colours must contrast enough.
    func siteSettingChecks(theme: Theme) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let logo = site.logo, theme.assets()[logo] == nil {
            diagnostics.append(
                Diagnostic(
                    rule: "config/logo", severity: .error, file: project.file, line: 1,
                    message: "The logo '\(logo)' of site '\(site.id)' is not in themes/\(site.id)/assets/ or themes/\(site.theme)/assets/.",
                    suggestion: "Put the logo file in themes/\(site.id)/assets/ and set 'logo:' to its name."))
        }
        var colours: [String: String] = [:]
        for (key, value) in site.colours.all { colours[key] = value }
        diagnostics += Contrast.check(colours: colours, site: site.id, file: project.file, lines: site.colourLines)
        return diagnostics
    }
}
