// swift-tools-version: 6.1
// Fuzz targets for Plainsite, a package of its own so the normal `swift build` never sees them.
// Sources/<module> are links to the real modules in ../Sources. Run with `make fuzz`
// (scripts/fuzz.sh), which builds with -sanitize=fuzzer,address.
import PackageDescription

let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "plainsite-fuzz",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm"),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0"),
        .target(name: "Diagnostics"),
        .target(name: "Markdown", dependencies: ["CCmarkGFM", "Diagnostics", .product(name: "Yams", package: "Yams")]),
        .target(name: "BuiltIn", exclude: ["theme", "words"], plugins: ["EmbedFiles"]),
        .executableTarget(name: "EmbedFilesTool"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        .target(name: "Prose", dependencies: ["Markdown", "Diagnostics", "BuiltIn", .product(name: "Yams", package: "Yams")]),
        .target(name: "HTML", dependencies: ["CLibXML2"]),
        .target(name: "Accessibility", dependencies: ["HTML", "Diagnostics"]),
        .target(name: "Support"),
        .target(
            name: "SiteBuilder",
            dependencies: [
                "Markdown", "Diagnostics", "Prose", "Accessibility", "HTML", "Support", "BuiltIn",
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzMarkdown", dependencies: ["FuzzDriver", "Markdown", "Prose", "Diagnostics"], swiftSettings: fuzzFlags,
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]),
        .executableTarget(
            name: "FuzzHTML", dependencies: ["FuzzDriver", "Accessibility", "HTML", "Diagnostics"], swiftSettings: fuzzFlags,
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]),
        .executableTarget(
            name: "FuzzTemplates", dependencies: ["FuzzDriver", "SiteBuilder"], swiftSettings: fuzzFlags,
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]),
        .executableTarget(
            name: "FuzzConfig", dependencies: ["FuzzDriver", "SiteBuilder", "Markdown", "Diagnostics"], swiftSettings: fuzzFlags,
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]),
    ],
    swiftLanguageModes: [.v6]
)
