// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "plainsite",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plainsite", targets: ["plainsite"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .target(name: "Diagnostics"),
        // The council theme and the word lists, carried inside the program (see Plugins/EmbedFiles).
        .target(name: "BuiltIn", exclude: ["theme", "words"], plugins: ["EmbedFiles"]),
        .executableTarget(name: "EmbedFilesTool"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        // Small shared helpers: file operations that never follow links, the output folder's rules,
        // parallel helpers, the one directory walker, file signatures and hashing.
        .target(name: "Support"),
        .target(
            name: "Markdown",
            dependencies: ["CCmarkGFM", "Diagnostics", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Prose",
            dependencies: ["Markdown", "Diagnostics", "BuiltIn", .product(name: "Yams", package: "Yams")]),
        // plainsite.yml and what it configures: sites, lint settings, statement facts, file types, the baseline.
        .target(
            name: "Project",
            dependencies: ["Diagnostics", "Markdown", "Prose", "Support", .product(name: "Yams", package: "Yams")]),
        // A site's pages and files, shared data and snippets, links, redirects, and linting pages (`plainsite lint`).
        .target(name: "Content", dependencies: ["Project", "Markdown", "Diagnostics", "Prose", "Support"]),
        // Internal links and fragments across the sites, and all `plainsite check` needs beside Accessibility.
        .target(name: "LinkCheck", dependencies: ["Accessibility", "Project", "Content", "Diagnostics", "Support"]),
        // The output folder: staging, the marker, the lock, the swap.
        .target(name: "Output", dependencies: ["Project", "Diagnostics", "Support"]),
        // A site's theme: its layers, translations and assets, template checks, and the one template
        // renderer, fed typed values.
        .target(
            name: "Theme",
            dependencies: [
                "Diagnostics", "Markdown", "Project", "Support", "BuiltIn", "Accessibility", .product(name: "Yams", package: "Yams"),
            ]),
        // One page from Markdown to prose findings to templates to accessibility findings to HTML,
        // with no I/O: it returns the page's files and facts, and its caller writes them.
        .target(
            name: "PageBuild",
            dependencies: [
                "Content", "Theme", "Prose", "Accessibility", "Markdown", "Project", "LinkCheck", "Diagnostics", "Support",
            ]),
        // What a site gets from all its pages, made without writing: generated pages (sections, A to Z,
        // search, 404, accessibility statement), sitemaps, feeds, calendars, open data, hosting files, the search index.
        .target(
            name: "Site",
            dependencies: ["PageBuild", "Theme", "Content", "Project", "Markdown", "Diagnostics", "Support", "Accessibility"]),
        // The incremental-build cache: each content page's outcome and files under the hash of all that
        // makes the page, behind the small `PageStore` interface (on disk, or in memory for the preview).
        .target(
            name: "PageCache",
            dependencies: ["PageBuild", "Content", "Theme", "Project", "LinkCheck", "Markdown", "Diagnostics", "Support"]),
        // The build's orchestration: Builder and SitePipeline run the modules above and write what they return.
        .target(
            name: "SiteBuilder",
            dependencies: [
                "Markdown", "Diagnostics", "Prose", "Accessibility", "Support", "Project", "Content", "LinkCheck", "Output",
                "Theme", "PageBuild", "PageCache", "Site",
            ]),
        .executableTarget(
            name: "plainsite",
            dependencies: [
                "SiteBuilder", "Support", "BuiltIn", "Diagnostics", "Markdown", "Prose", "Accessibility", "Report", "Preview",
                "Project", "Content", "LinkCheck", "Output",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "HTML", dependencies: ["CLibXML2"]),
        .target(name: "Report", dependencies: ["SiteBuilder", "Diagnostics", "Markdown", "Support"]),
        .target(name: "Preview", dependencies: ["SiteBuilder", "Project", "Diagnostics", "Markdown", "Output"]),
        .target(name: "Accessibility", dependencies: ["HTML", "Diagnostics"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "HTMLTests", dependencies: ["HTML"]),
        .testTarget(name: "AccessibilityTests", dependencies: ["Accessibility", "HTML", "Diagnostics"]),
        .testTarget(name: "ProseTests", dependencies: ["Prose", "Markdown", "Diagnostics", "BuiltIn"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ProjectTests", dependencies: ["Project", "Support", "Markdown", "Diagnostics"]),
        .testTarget(name: "ContentTests", dependencies: ["Content", "Project", "Support", "Markdown", "Diagnostics"]),
        .testTarget(name: "LinkCheckTests", dependencies: ["LinkCheck", "Project"]),
        .testTarget(name: "ThemeTests", dependencies: ["Theme", "Project", "Markdown", "Diagnostics", "Support"]),
        .testTarget(name: "PageCacheTests", dependencies: ["PageCache", "PageBuild", "LinkCheck", "Markdown", "Diagnostics"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "PageBuild", "Content", "Project", "Markdown", "Diagnostics", "Support"]),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: ["SiteBuilder", "PageBuild", "PageCache", "Theme", "Support", "Project", "Content", "LinkCheck", "Output", "HTML", "Markdown"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "SiteBuilder", "Accessibility", "Diagnostics", "Output", "Support"]),
        .testTarget(name: "ReportTests", dependencies: ["Support", "Report", "SiteBuilder", "Accessibility", "HTML", "Diagnostics"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Support", "SiteBuilder", "Project", "HTML", "Prose", "Accessibility", "plainsite", .product(name: "Yams", package: "Yams"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
