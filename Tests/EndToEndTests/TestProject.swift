import Foundation

/// A small Plainsite project in a temporary folder, and a way to run the real `plainsite` in it.
final class TestProject {
    /// The executable sits beside the test bundle in the build folder.
    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("plainsite").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("plainsite")
    }

    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("plainsite-cli-\(UUID().uuidString)")
        try write("plainsite.yml", "theme: plain\nsites:\n  - id: main\n    title: Test\n    base_url: https://t.example/\nexample_values: allowed\n")
        try write(
            "themes/plain/templates/base.mustache",
            "<!DOCTYPE html><html lang=\"en\"><head><title>{{page.title}}</title></head><body><a href=\"#m\">Skip to main content</a><main id=\"m\"><h1>{{page.title}}</h1>{{{content}}}</main></body></html>"
        )
        try write("themes/plain/templates/layouts/page.mustache", "{{{page.body}}}")
        try write("themes/plain/templates/layouts/404.mustache", "<p>Check the address.</p>")
        try write("themes/plain/templates/layouts/section.mustache", "<ul>{{#section_pages}}<li><a href=\"{{url}}\">{{title}}</a></li>{{/section_pages}}</ul>")
        try write("content/main/index.md", "---\ntitle: Home\ndescription: Home page.\n---\nHello.\n")
    }

    /// A folder that is not made here (it may not exist yet), to run `plainsite` in.
    init(root: URL) {
        self.root = root
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        let file = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Runs `plainsite` here, with `environment` added to (or replacing values of) this process's.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        for (name, value) in extra { environment[name] = value }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is read on another thread, so a long report on either stream cannot fill its pipe and stall the build.
        let errBox = DataBox()
        let errReader = Thread {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile(); errBox.done.signal()
        }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errBox.done.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

/// What a reader thread collected, handed back once it signals.
private final class DataBox: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}
