// libFuzzer target: the theme's templates on any text, through a whole build of a one-page
// site (template checks, the template parser and renderer, the accessibility checks).
// The input is the base template and a partial, split at the first NUL byte. Built by
// scripts/fuzz.sh; not part of the normal build.
import Foundation
import FuzzDriver
import SiteBuilder

let root = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-fuzz-templates-\(getpid())")

func write(_ path: String, _ text: String) {
    let file = root.appendingPathComponent(path)
    try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? Data(text.utf8).write(to: file)
}

write("plainsite.yml", "organisation: Fuzz Council\nsites:\n  - id: main\n    title: Fuzz\n    base_url: https://fuzz.example/\n")
write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\n---\n## Bins\n\nBins are collected on Monday.\n")
write("content/main/news/bins.md", "---\ntitle: Bins\ndescription: Bin news.\nlayout: page\n---\nNews.\n")
write("themes/main/templates/layouts/page.mustache", "{{{page.body}}}{{> nav}}")
write("themes/main/templates/layouts/section.mustache", "{{#section_pages}}<a href=\"{{url}}\">{{title}}</a>{{/section_pages}}")
write("themes/main/templates/layouts/404.mustache", "<p>Not found</p>")
// (A global, so the C callback below captures nothing.)
let configuration = ProjectConfiguration.load(from: root.appendingPathComponent("plainsite.yml")).0!

func fuzzTemplates(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let input = UnsafeBufferPointer(start: bytes, count: count)
    let split = input.firstIndex(of: 0) ?? count
    let base = String(decoding: UnsafeBufferPointer(rebasing: input[..<split]), as: UTF8.self)
    let partial = split < count ? String(decoding: UnsafeBufferPointer(rebasing: input[(split + 1)...]), as: UTF8.self) : ""
    write("themes/main/templates/base.mustache", base)
    write("themes/main/templates/partials/nav.mustache", partial)
    let report = Builder(configuration: configuration).build(
        BuildOptions(outputFolder: root.appendingPathComponent("out"), useCache: false, serial: true))
    _ = (report.published, report.diagnostics.count)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt { fuzzTemplates(bytes, count) }

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, { fuzzTemplates($0, $1) }))
