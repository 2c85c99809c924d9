import Content
import Diagnostics
import Foundation
import Output
import Theme

extension SitePipeline {
    /// The hosting files of this site, from its redirects, base path and its theme's page policy;
    /// nil (with a warning) when one of them holds a character the files cannot carry safely.
    func hostingFiles(redirects: Redirects, theme: Theme) -> (files: HostingFiles?, diagnostics: [Diagnostic]) {
        let base = theme.sources["base"]
        let policy = base.flatMap { theme.texts[$0] }.flatMap(HostingFiles.contentSecurityPolicy(inTemplate:))
        let aliases = redirects.all.map { HostingFiles.Alias(from: $0.from, to: $0.to) }
        if let files = HostingFiles(basePath: site.basePath, aliases: aliases, contentSecurityPolicy: policy) { return (files, []) }
        return (
            nil,
            [
                Diagnostic(
                    rule: "config/hosting", severity: .warning, file: project.file, line: 1,
                    message:
                        "The hosting files of site '\(site.id)' (_headers, nginx.conf, .htaccess, web.config) were not written: its base_url path '\(site.basePath)' or its theme's Content-Security-Policy holds a character they cannot carry safely.",
                    suggestion:
                        "Use letters, digits, hyphens and slashes in the path of 'base_url', and plain text in the policy of \(base ?? "the base template").")
            ]
        )
    }

    /// Writes the hosting files into the site and returns their paths.
    func writeHostingFiles(_ hosting: HostingFiles, writer: any SiteOutput) throws -> [String] {
        try hosting.files().map { file in
            try writer.write(Data(file.text.utf8), to: file.path, from: "generated:hosting file (\(file.path))")
            return file.path
        }
    }
}
