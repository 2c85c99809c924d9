import Foundation

/// An unambiguous byte encoding (every value tagged or length-prefixed) of what a cache key
/// is made from.
public struct ByteWriter {
    public var buffer: [UInt8] = []

    public init() {}

    public mutating func bytes(_ bytes: [UInt8]) { buffer += bytes }

    public mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    public mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }

    public mutating func bool(_ value: Bool) { buffer.append(value ? 1 : 0) }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            buffer.append(contentsOf: utf8)
        }
    }

    public mutating func data(_ value: Data) {
        int(value.count)
        buffer.append(contentsOf: value)
    }

    /// A file's bytes, or a marker when it does not exist.
    public mutating func file(_ url: URL) {
        if let contents = FileManager.default.contents(atPath: url.path) {
            bool(true)
            data(contents)
        } else {
            bool(false)
        }
    }

    /// A file's size and modification time.
    public mutating func fileStamp(_ url: URL) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        int((attributes?[.size] as? NSNumber)?.intValue ?? -1)
        uint64(((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0).bitPattern)
    }
}
