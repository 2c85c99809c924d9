// libFuzzer target: the HTML accessibility checker (libxml2 parse + every rule), on any bytes.
// Built by scripts/fuzz.sh with -sanitize=fuzzer,address; not part of the normal build.
import Accessibility
import Diagnostics
import Foundation
import FuzzDriver
import HTML

let checker = AccessibilityChecker()

func fuzzHTML(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let html = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    _ = checker.check(html: html, file: "fuzz.html")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt { fuzzHTML(bytes, count) }

// SwiftPM names this program's entry point itself, so libFuzzer is started from here.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, { fuzzHTML($0, $1) }))
