import Foundation
import XCTest

/// A test project beside a folder of someone else's files (`victimFiles`), which the test points
/// Plainsite at and which must survive byte for byte.
class VictimTestCase: XCTestCase {
    var project: TestProject!
    var victim: URL!
    var before: [String: Data] = [:]

    /// The victim folder's files, by path inside it.
    var victimFiles: [String: String] { [:] }

    override func setUpWithError() throws {
        project = try TestProject()
        victim = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-victim-\(UUID().uuidString)")
        for (path, text) in victimFiles {
            let file = victim.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        before = snapshot(victim)
    }

    override func tearDownWithError() throws {
        project.remove()
        try? FileManager.default.removeItem(at: victim)
    }

    func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? [] {
            if let data = FileManager.default.contents(atPath: folder.path + "/" + path) { files[path] = data }
        }
        return files
    }

    func assertVictimIntact(_ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(snapshot(victim), before, message, file: file, line: line)
    }
}
