import Foundation
import Synchronization
import XCTest

@testable import Preview

/// The preview's rebuilds, watched from outside while pages and styles are asked for.
final class PreviewRebuildTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-rebuild-\(UUID().uuidString)")
        try write("plainsite.yml", "theme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\n")
        try write("themes/plain/templates/layouts/page.mustache", "{{{page.body}}}")
        try write("themes/plain/templates/layouts/404.mustache", "<p>Not found.</p>")
        try writeBase(round: 0)
        try write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\n---\nHello.\n")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        let file = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // (Whole, so the watcher never builds from half a file.)
        try Data(text.utf8).write(to: file, options: .atomic)
    }

    /// The theme's base template, different (and longer) each round.
    func writeBase(round: Int) throws {
        try write(
            "themes/plain/templates/base.mustache",
            "<!DOCTYPE html><html lang=\"en\"><head><title>{{page.title}}</title></head>"
                + "<body><a href=\"#m\">Skip to main content</a><main id=\"m\"><h1>{{page.title}}</h1>{{{content}}}"
                + String(repeating: "<p>Round \(round).</p>", count: round) + "</main></body></html>")
    }

    /// What the hammering threads saw.
    final class Tally: Sendable {
        let stop = Mutex(false)
        let running = Mutex(0)
        let answers = Mutex(0)
        let failures = Mutex<[String]>([])
    }

    /// Asks for the home page and a stylesheet over and over until told to stop, noting every
    /// answer that is not a whole 200.
    static func hammer(port: UInt16, tally: Tally) {
        while !tally.stop.withLock({ $0 }) {
            for path in ["/", "/assets/brand.css"] {
                let answer = (try? RawHTTP.get(path, port: port)) ?? "no answer"
                let body = answer.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
                let whole = RawHTTP.header("Content-Length", in: answer) == "\(body.utf8.count)" && !body.isEmpty
                if RawHTTP.status(answer) != 200 || !whole || (path == "/" && !body.contains("</html>")) {
                    tally.failures.withLock { $0.append("\(path): \(answer.prefix(300))") }
                }
                tally.answers.withLock { $0 += 1 }
            }
        }
        tally.running.withLock { $0 -= 1 }
    }

    /// Every rebuild (of the content and of the theme) swaps the whole site at once, so no
    /// request made meanwhile is answered 404 or 5xx, or with half a file.
    func testRequestsDuringRebuildsNeverFail() async throws {
        let server = try PreviewServer(
            options: .init(
                configuration: root.appendingPathComponent("plainsite.yml"), site: nil, port: 0,
                today: nil, interval: .milliseconds(20)))
        let address = Mutex<String?>(nil)
        let running = Task { try await server.run { text in address.withLock { $0 = text } } }
        var listening: UInt16 = 0
        for _ in 0..<600 where listening == 0 {
            try await Task.sleep(for: .milliseconds(100))
            listening = address.withLock { $0 }.flatMap { UInt16($0.split(separator: ":").last?.dropLast() ?? "") } ?? 0
        }
        XCTAssertGreaterThan(listening, 0)
        let tally = Tally()
        let port = listening
        for _ in 0..<2 {
            tally.running.withLock { $0 += 1 }
            Thread.detachNewThread { PreviewRebuildTests.hammer(port: port, tally: tally) }
        }
        for round in 1...6 {
            let version = await server.state.version
            if round.isMultiple(of: 2) {
                try writeBase(round: round)
            } else {
                try write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\n---\n" + String(repeating: "Hello again. ", count: round) + "\n")
            }
            var next = version
            for _ in 0..<600 where next == version {
                try await Task.sleep(for: .milliseconds(50))
                next = await server.state.version
            }
            XCTAssertGreaterThan(next, version, "no rebuild in round \(round)")
        }
        tally.stop.withLock { $0 = true }
        while tally.running.withLock({ $0 }) > 0 { try await Task.sleep(for: .milliseconds(20)) }
        XCTAssertEqual(tally.failures.withLock { $0 }, [])
        XCTAssertGreaterThan(tally.answers.withLock { $0 }, 20)
        XCTAssertTrue(try RawHTTP.get("/", port: port).contains("<p>Round 6.</p>"))

        // The preview builds in memory: nothing is written into the project.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), ["content", "plainsite.yml", "themes"])
        server.stop()
        try await running.value
    }
}
