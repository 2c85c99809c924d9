// libFuzzer target: front matter + Markdown to HTML + the plain-English linter, on any bytes.
// Built by scripts/fuzz.sh with -sanitize=fuzzer,address; not part of the normal build.
import Diagnostics
import Foundation
import FuzzDriver
import Markdown
import Prose

let linter = Linter()
let policy = RawHTMLPolicy.parse(["kbd", "abbr title", "sup", "sub"]).policy
let data = DataValue.map(["council": .map(["phone": .text("01632 960000")])])

func fuzzMarkdown(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let input = UnsafeBufferPointer(start: bytes, count: count)
    // The builder refuses files that are not UTF-8 before parsing them; fuzz both paths.
    guard let text = String(validating: input, as: UTF8.self) else {
        _ = String(decoding: input, as: UTF8.self)
        return 0
    }
    let page = PageSource(text: text, file: "fuzz.md")
    let allowRaw = count % 2 == 0
    let context = RenderContext(
        data: data, snippets: ["call": "<p>Call us.</p>"], rewriteURL: { "/" + $0 },
        rawHTML: allowRaw ? policy : nil)
    let rendered = MarkdownRenderer.render(page.body, file: "fuzz.md", context: context, sourcePositions: allowRaw)
    let result = linter.lint(file: "fuzz.md", text: text, page: page, blocks: rendered.textBlocks)
    _ = ProseFixes.apply(result.fixes, to: text)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt { fuzzMarkdown(bytes, count) }

// SwiftPM names this program's entry point itself, so libFuzzer is started from here.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, { fuzzMarkdown($0, $1) }))
