import Markdown
import Support

/// A value given to the templates: text, a flag, a whole number, a list or an object of named
/// values. Every page's context is an object of these.
public indirect enum TemplateValue: Sendable, Equatable {
    case text(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// An object's value by name; nil for a missing name or a value that is not an object.
    public subscript(name: String) -> TemplateValue? {
        if case .object(let values) = self { return values[name] }
        return nil
    }

    /// The text of a `.text` value.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// Shared data (`content/_data/*.yml`): an empty or unreadable value is empty text.
    public init(_ data: DataValue) {
        switch data {
        case .text(let text): self = .text(text)
        case .empty, .unreadable: self = .text("")
        case .list(let items): self = .list(items.map(TemplateValue.init))
        case .map(let values): self = .object(values.mapValues(TemplateValue.init))
        }
    }

    /// Words by name (the theme's translations).
    public init(_ words: [String: String]) {
        self = .object(words.mapValues(TemplateValue.text))
    }

    /// The tag of an object in a cache key.
    public static let objectTag: UInt8 = 5

    /// The value into a cache key: strings, numbers, flags, lists and objects (sorted by name).
    public func write(into writer: inout ByteWriter) {
        switch self {
        case .text(let text):
            writer.byte(1)
            writer.string(text)
        case .bool(let flag):
            writer.byte(2)
            writer.bool(flag)
        case .int(let number):
            writer.byte(3)
            writer.int(number)
        case .object(let values):
            writer.byte(TemplateValue.objectTag)
            writer.int(values.count)
            for (name, item) in values.sorted(by: { $0.key < $1.key }) {
                writer.string(name)
                item.write(into: &writer)
            }
        case .list(let items):
            writer.byte(6)
            writer.int(items.count)
            for item in items { item.write(into: &writer) }
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByStringInterpolation
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// A template context: the names a page's templates can use.
public typealias TemplateContext = [String: TemplateValue]
