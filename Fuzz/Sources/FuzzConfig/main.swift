// libFuzzer target: the YAML readers on any bytes: plainsite.yml (ProjectConfiguration) and a
// page's front matter (PageSource). Built by scripts/fuzz.sh; not part of the normal build.
import Diagnostics
import Foundation
import FuzzDriver
import Markdown
import SiteBuilder

let root = URL(fileURLWithPath: "/nonexistent-plainsite-fuzz")

func fuzzConfig(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    guard let text = String(validating: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self) else { return 0 }
    // The same text as a configuration file, and as a page's front matter.
    let (configuration, diagnostics) = ProjectConfiguration.parse(text, file: "plainsite.yml", root: root)
    _ = (configuration?.sites.count, diagnostics.count)
    let page = PageSource(text: "---\n" + text + "\n---\nBody.\n", file: "fuzz.md")
    _ = (page.frontMatter.title, page.frontMatter.aliases, page.diagnostics.count, page.body.count)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt { fuzzConfig(bytes, count) }

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, { fuzzConfig($0, $1) }))
