import Yams

/// Shared data from `content/_data/*.yml`, used in pages as `{{ file.key }}`.
public indirect enum DataValue: Sendable, Equatable {
    case text(String)
    case list([DataValue])
    case map([String: DataValue])

    public init(node: Node) {
        if let mapping = node.mapping {
            var values: [String: DataValue] = [:]
            for (key, value) in mapping {
                if let name = key.string { values[name] = DataValue(node: value) }
            }
            self = .map(values)
        } else if let sequence = node.sequence {
            self = .list(sequence.map(DataValue.init(node:)))
        } else {
            self = .text(node.scalar?.string ?? "")
        }
    }

    /// Looks up a dotted path such as `council.phone`.
    public func lookup(_ path: String) -> DataValue? {
        var current: DataValue? = self
        for part in path.split(separator: ".") {
            guard case let .map(values)? = current else { return nil }
            current = values[String(part)]
        }
        return current
    }

    /// The value as plain Swift values for templates: strings, arrays and dictionaries.
    public var templateValue: Any {
        switch self {
        case let .text(text): text
        case let .list(items): items.map(\.templateValue)
        case let .map(values): values.mapValues(\.templateValue)
        }
    }

    /// The value as inline text: lists are joined with commas.
    public var inlineText: String {
        switch self {
        case let .text(text): text
        case let .list(items): items.map(\.inlineText).joined(separator: ", ")
        case let .map(values): values.keys.sorted().map { values[$0]!.inlineText }.joined(separator: ", ")
        }
    }
}
