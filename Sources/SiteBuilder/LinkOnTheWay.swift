import Foundation
import Support

extension Builder {
    /// Why a file inside a published site may not be replaced (a folder on its way is a link), or nil.
    static func linkOnTheWay(to relative: String, under folder: String) -> String? {
        do {
            try SafeFiles.makeFolders((relative as NSString).deletingLastPathComponent, under: String(folder.dropLast()))
            try SafeFiles.requireNotLink(folder + relative)
            return nil
        } catch {
            return error.description
        }
    }
}
