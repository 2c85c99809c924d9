import Diagnostics
import Foundation

/// Reading the files `plainsite check` is given: only regular files of a page's size that hold
/// text, so a link, a huge or a binary file gets a clear finding instead of a crash or nonsense.
extension HTMLCheckRunner {
    /// The largest page checked: far above any real page, and small enough to read at once.
    static let largestPage = 50_000_000

    /// A page's text, or why it was not checked.
    enum PageRead: Sendable {
        case page(String)
        case problem(Diagnostic)
    }

    /// Reads a page, looking at its size before reading it.
    static func readPage(_ path: String, display: String) -> PageRead {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return unreadable(display) }
        guard info.st_size <= largestPage else {
            return .problem(
                problem(
                    display, "This file is \(info.st_size / 1_000_000) MB, too large for a web page, so it was not checked.",
                    "Check that it is really a web page; pages are usually well under 1 MB."))
        }
        guard let data = FileManager.default.contents(atPath: path) else { return unreadable(display) }
        guard !data.prefix(8192).contains(0) else {
            return .problem(
                problem(
                    display, "This file holds binary data, not the text of a web page, so it was not checked.",
                    "Check that it is really a web page, or give it the right file ending (.pdf, .png…)."))
        }
        return .page(String(decoding: data, as: UTF8.self))
    }

    static func unreadable(_ display: String) -> PageRead {
        .problem(
            problem(
                display, "Plainsite could not read this file, so it was not checked.",
                "Check that it is a file you can open, and that its name is plain text (letters, digits and hyphens)."))
    }

    /// A symbolic link in a checked folder: never followed, since it may point outside it.
    static func skippedLink(_ display: String) -> Diagnostic {
        Diagnostic(
            rule: "check/not-checked", severity: .warning, file: display, line: 1,
            message: "This is a link to another place (a symbolic link), so it was not checked.",
            suggestion: "Check the file or folder it points to by naming it: plainsite check PATH")
    }

    /// Whether a path is a symbolic link itself (whatever it points to, if anything).
    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// A named link that leads nowhere: to nothing, or round in a circle.
    static func brokenLink(_ display: String) -> Diagnostic {
        problem(
            display, "This is a link (a symbolic link) to a file or folder that does not exist, or to itself, so nothing was checked.",
            "Name the page or folder itself: plainsite check PATH")
    }

    static func problem(_ display: String, _ message: String, _ suggestion: String) -> Diagnostic {
        Diagnostic(rule: "check/not-checked", severity: .error, file: display, line: 1, message: message, suggestion: suggestion)
    }
}
