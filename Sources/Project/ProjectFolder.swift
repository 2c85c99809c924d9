import Diagnostics
import Foundation
import Support

/// Folders the project reads from (content, shared data, snippets, themes).
public enum ProjectFolder {
    /// The error for a folder the project reads from that a link takes outside it (nil when it does not).
    public static func linkOutside(_ relative: String, root: URL, rule: String) -> Diagnostic? {
        guard let real = FolderWalker.outsideProject(root.appendingPathComponent(relative), root: root) else { return nil }
        return Diagnostic(
            rule: rule, severity: .error, file: relative, line: 1,
            message:
                "This folder is reached through a symbolic link to \(real), which is outside the project. Plainsite never reads or publishes files from outside the project, so it was left out.",
            suggestion: "Replace the link with the folder itself, inside the project.")
    }
}
