import Yams

/// Shared data from `content/_data/*.yml`, used in pages as `{{ file.key }}`.
public indirect enum DataValue: Sendable, Equatable {
    case text(String)
    case list([DataValue])
    case map([String: DataValue])
    /// A key with no value (`fax:`, `fax: ~`, `fax: ""`): it shows nothing. `line` is the key's line in `file`.
    case empty(file: String, line: Int)
    /// A data file with a YAML mistake: its own error says so, and the pages that use it get no error of their own.
    case unreadable(file: String)

    /// The value of `node`, read from the data file `file` (named in warnings about empty values).
    public init(node: Node, file: String = "") {
        self.init(node: node, file: file, keyLine: node.mark?.line ?? 1)
    }

    private init(node: Node, file: String, keyLine: Int) {
        if let mapping = node.mapping {
            var values: [String: DataValue] = [:]
            for (key, value) in mapping {
                if let name = key.string { values[name] = DataValue(node: value, file: file, keyLine: key.mark?.line ?? keyLine) }
            }
            self = .map(values)
        } else if let sequence = node.sequence {
            self = .list(sequence.map { DataValue(node: $0, file: file, keyLine: $0.mark?.line ?? keyLine) })
        } else if let scalar = node.scalar, !DataValue.isEmpty(scalar) {
            self = .text(scalar.string)
        } else {
            self = .empty(file: file, line: keyLine)
        }
    }

    /// True for YAML's empty value written plain (nothing, `~`, `null`) and for text of only spaces.
    static func isEmpty(_ scalar: Node.Scalar) -> Bool {
        if scalar.style == .plain, ["~", "null", "Null", "NULL"].contains(scalar.string) { return true }
        return scalar.string.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Looks up a dotted path such as `council.phone`. Any path into an unreadable file is that file.
    public func lookup(_ path: String) -> DataValue? {
        var current: DataValue? = self
        for part in path.split(separator: ".") {
            if case .unreadable? = current { return current }
            guard case let .map(values)? = current else { return nil }
            current = values[String(part)]
        }
        return current
    }

    /// The value as inline text: lists are joined with commas.
    public var inlineText: String {
        switch self {
        case let .text(text): text
        case .empty, .unreadable: ""
        case let .list(items): items.map(\.inlineText).joined(separator: ", ")
        case let .map(values): values.keys.sorted().map { values[$0]!.inlineText }.joined(separator: ", ")
        }
    }
}
