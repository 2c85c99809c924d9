import Foundation
import PackagePlugin

/// Carries a target's data folders (every file under them, hidden files aside) inside the
/// program as a generated Swift file, so the command needs no resource bundle beside it.
@main
struct EmbedFiles: BuildToolPlugin {
    /// The folders of a target whose files are embedded.
    static let folders = ["theme", "words"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let base = target.directoryURL
        var inputs: [URL] = []
        for folder in Self.folders {
            let root = base.appendingPathComponent(folder)
            guard
                let walker = FileManager.default.enumerator(
                    at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            else { continue }
            for case let file as URL in walker where (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(file)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltInFiles.generated.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) built-in files",
                executable: try context.tool(named: "EmbedFilesTool").url,
                arguments: [output.path, base.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
