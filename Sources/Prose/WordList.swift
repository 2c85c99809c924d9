import BuiltIn
import Diagnostics
import Foundation
import Yams

/// A list of words or phrases to avoid, read from YAML (the way Vale styles work), so an
/// editor can add a word without writing Swift. See `Sources/BuiltIn/words/` and docs/rules.md.
public struct WordList: Sendable {
    public struct Entry: Sendable {
        public var phrase: String
        public var alternative: String
        /// Each form (lower case, space-separated words) and its exact replacement.
        public var forms: [(form: [String], replacement: String)]
        public var fix: Bool
        public var unless: Set<String>
        public var notBefore: Set<String>
        public var notAfter: Set<String>
        public var reason: String

        public init(
            phrase: String, alternative: String, forms: [(form: [String], replacement: String)], fix: Bool,
            unless: Set<String>, notBefore: Set<String>, notAfter: Set<String>, reason: String
        ) {
            self.phrase = phrase
            self.alternative = alternative
            self.forms = forms
            self.fix = fix
            self.unless = unless
            self.notBefore = notBefore
            self.notAfter = notAfter
            self.reason = reason
        }

        /// The phrase in lower case, its letters and digits kept and each run of other
        /// characters made one hyphen, none at either end: "in order to" → "in-order-to".
        public var slug: String {
            guard phrase.utf8.allSatisfy({ $0 < 0x80 }) else { return Entry.slug(characters: phrase) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(phrase.utf8.count)
            var pendingHyphen = false
            for byte in phrase.utf8 {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    if pendingHyphen && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                    pendingHyphen = false
                    bytes.append(lower)
                } else {
                    pendingHyphen = true
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// `slug` for any text, by characters (also its reference in the tests).
        static func slug(characters phrase: String) -> String {
            let slug = phrase.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            return slug.split(separator: "-").joined(separator: "-")
        }
    }

    public var rule: String
    public var name: String
    public var summary: String
    public var source: String
    public var severity: Severity
    public var entries: [Entry]

    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public init(rule: String, name: String, summary: String, source: String, severity: Severity, entries: [Entry]) {
        self.rule = rule
        self.name = name
        self.summary = summary
        self.source = source
        self.severity = severity
        self.entries = entries
    }

    /// Reads a word list. Errors name the file and line.
    public init(yaml: String, file: String) throws {
        // The built-in lists' shape is read without a YAML node tree; anything else, and every
        // error, comes from Yams.
        if let document = WordListReader.read(yaml), let list = WordList(document) {
            self = list
            return
        }
        try self.init(yamlNodes: yaml, file: file)
    }

    /// Reads a word list through Yams' node tree (every list the reader above does not take).
    init(yamlNodes yaml: String, file: String) throws {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, Resolver.basic)
        } catch {
            throw LoadError(file: file, line: 1, message: "not valid YAML: \(error)")
        }
        guard let mapping = node?.mapping else { throw LoadError(file: file, line: 1, message: "a word list must be a mapping") }
        func text(_ key: String, in map: Node.Mapping, required: Bool = true) throws -> String? {
            guard let value = map[key]?.scalar?.string else {
                if required { throw LoadError(file: file, line: map.mark?.line ?? 1, message: "'\(key)' is missing") }
                return nil
            }
            return value
        }
        func words(_ key: String, in map: Node.Mapping) -> [String] {
            map[key]?.sequence?.compactMap { $0.scalar?.string } ?? []
        }
        rule = try text("rule", in: mapping)!
        name = try text("name", in: mapping)!
        summary = try text("summary", in: mapping)!
        source = try text("source", in: mapping)!
        let severityText = try text("severity", in: mapping)!
        guard let severity = Severity(rawValue: severityText) else {
            throw LoadError(file: file, line: mapping.mark?.line ?? 1, message: "severity must be error, warning or suggestion")
        }
        self.severity = severity
        var entries: [Entry] = []
        for item in mapping["entries"]?.sequence ?? Node.Sequence([]) {
            guard let map = item.mapping else { throw LoadError(file: file, line: item.mark?.line ?? 1, message: "each entry must be a mapping") }
            let forms = map["forms"]?.mapping.map { formMap in
                formMap.compactMap { key, value in key.scalar.map { ($0.string, value.scalar?.string) } }
            }
            entries.append(
                WordList.entry(
                    phrase: try text("phrase", in: map)!, alternative: try text("alternative", in: map, required: false), forms: forms,
                    fix: map["fix"]?.scalar?.string, unless: words("unless", in: map), notBefore: words("not_before", in: map),
                    notAfter: words("not_after", in: map), reason: try text("reason", in: map, required: false)))
        }
        self.entries = entries
    }

    /// A list from `WordListReader`'s fields, read as the Yams path reads the same nodes; nil when
    /// something is missing or wrong (the Yams path then reports it with its line).
    init?(_ document: WordListReader.Document) {
        let fields = document.fields
        guard let rule = fields["rule"], let name = fields["name"], let summary = fields["summary"], let source = fields["source"],
            let severity = fields["severity"].flatMap(Severity.init(rawValue:))
        else { return nil }
        func text(_ value: WordListReader.Value?) -> String? {
            if case let .scalar(text)? = value { text } else { nil }
        }
        func words(_ value: WordListReader.Value?) -> [String] {
            if case let .list(items)? = value { items } else { [] }
        }
        var entries: [Entry] = []
        for map in document.entries {
            guard let phrase = text(map["phrase"]) else { return nil }
            var forms: [(String, String?)]?
            if case let .pairs(pairs)? = map["forms"] { forms = pairs.map { ($0.0, $0.1) } }
            entries.append(
                WordList.entry(
                    phrase: phrase, alternative: text(map["alternative"]), forms: forms, fix: text(map["fix"]),
                    unless: words(map["unless"]), notBefore: words(map["not_before"]), notAfter: words(map["not_after"]),
                    reason: text(map["reason"])))
        }
        self.init(rule: rule, name: name, summary: summary, source: source, severity: severity, entries: entries)
    }

    /// An entry from the values written in its YAML (both readers): `forms` is nil when the entry
    /// has no mapping of forms (its phrase is then its one form); a form without a replacement
    /// text takes the alternative.
    static func entry(
        phrase: String, alternative: String?, forms: [(String, String?)]?, fix: String?,
        unless: [String], notBefore: [String], notAfter: [String], reason: String?
    ) -> Entry {
        let phrase = phrase.lowercased(), alternative = alternative ?? ""
        let madeForms =
            forms.map { $0.map { (WordList.split($0.0.lowercased()), $0.1 ?? alternative) } }
            ?? [(WordList.split(phrase), alternative)]
        return Entry(
            phrase: phrase, alternative: alternative, forms: madeForms, fix: fix == "true",
            unless: Set(unless.map { $0.lowercased() }), notBefore: Set(notBefore.map { $0.lowercased() }),
            notAfter: Set(notAfter.map { $0.lowercased() }), reason: reason ?? "")
    }

    /// Splits a form into the words the tokenizer would make of it.
    static func split(_ form: String) -> [String] {
        Tokenizer.words(in: form).map(\.lower)
    }

    /// The lists shipped with Plainsite (carried inside it, see `BuiltInFiles`), loaded once.
    public static let builtIn: [WordList] = {
        BuiltInFiles.files(under: "words").filter { $0.hasSuffix(".yml") }.compactMap { name in
            guard let text = BuiltInFiles.text("words/" + name) else { return nil }
            do {
                return try WordList(yaml: text, file: name)
            } catch {
                FileHandle.standardError.write(Data("plainsite: built-in word list \(error)\n".utf8))
                return nil
            }
        }
    }()
}

/// Every word that appears in a built-in word list, numbered. Each prose word is looked up
/// here once (`ProseBlock.wordIDs`), so the word lists then match with array indexing instead
/// of one dictionary lookup per word per list.
public enum Vocabulary {
    public static let ids: [String: Int32] = {
        var ids: [String: Int32] = [:]
        for list in WordList.builtIn {
            for entry in list.entries {
                for form in entry.forms {
                    for word in form.form where ids[word] == nil { ids[word] = Int32(ids.count) }
                }
            }
        }
        return ids
    }()

    /// `ids` in a table that hashes ASCII words on their bytes (see `WordTable`).
    static let table: WordTable = {
        var table = WordTable(capacity: ids.count)
        for (word, id) in ids { table.insert(word, id) }
        return table
    }()

    /// True for the ids of words that start a form of some built-in list: a word that is neither
    /// one of these nor hyphenated cannot start a match of a built-in list (`ProseBlock.formStarts`).
    static let startsSomeForm: [Bool] = startMasks.map { $0 != 0 }

    /// For each id, bit i is set when the word starts a form of built-in list i (the first 16).
    /// Later lists set every bit, so a word starting one of their forms is tried by every list.
    static let startMasks: [UInt16] = {
        var masks = [UInt16](repeating: 0, count: ids.count)
        for (index, list) in WordList.builtIn.enumerated() {
            let bit: UInt16 = index < 16 ? 1 << UInt16(index) : .max
            for entry in list.entries {
                for form in entry.forms {
                    if let first = form.form.first, let id = ids[first] { masks[Int(id)] |= bit }
                }
            }
        }
        return masks
    }()

    /// The id of a word, or -1 when no built-in list uses it.
    @inline(__always)
    public static func id(_ word: String) -> Int32 { table[word] ?? -1 }
}

/// Finds every form of every entry of a word list in one pass over the words.
struct PhraseMatcher: Sendable {
    struct Candidate: Sendable {
        var rest: [String]
        var restIDs: [Int32]
        var entry: Int
        var replacement: String
    }

    /// By the vocabulary id of the first word; used when every word of the list is in the vocabulary.
    let byFirstID: [[Candidate]]
    /// True for the vocabulary ids that start a form of this list (a test without retaining an array).
    let startsForm: [Bool]
    /// By the first word itself; for lists with words of their own (a site's extra words).
    let byFirstWord: [String: [Candidate]]
    let usesVocabulary: Bool
    /// True when every word that starts a form of this list is in `Vocabulary.startsSomeForm`, so
    /// only the block's `formStarts` need to be tried (the built-in lists).
    let startsAreKnown: Bool
    /// This list's bit in `Vocabulary.startMasks` (0 when it has none): only the block's
    /// `formStarts` whose mask has it need to be tried.
    let startBit: UInt16

    init(_ list: WordList) {
        var index: [String: [Candidate]] = [:]
        for (entryIndex, entry) in list.entries.enumerated() {
            for form in entry.forms where !form.form.isEmpty {
                let rest = Array(form.form.dropFirst())
                index[form.form[0], default: []].append(
                    Candidate(
                        rest: rest, restIDs: rest.map(Vocabulary.id), entry: entryIndex, replacement: form.replacement))
            }
        }
        // Longest forms first, so "in order to" wins over "order".
        byFirstWord = index.mapValues { $0.sorted { $0.rest.count > $1.rest.count } }
        usesVocabulary = list.entries.allSatisfy { $0.forms.allSatisfy { $0.form.allSatisfy { Vocabulary.ids[$0] != nil } } }
        var byID = [[Candidate]](repeating: [], count: usesVocabulary ? Vocabulary.ids.count : 0)
        if usesVocabulary {
            for (word, candidates) in byFirstWord { byID[Int(Vocabulary.id(word))] = candidates }
        }
        byFirstID = byID
        let starts = byID.map { !$0.isEmpty }
        startsForm = starts
        let known = Vocabulary.startsSomeForm
        startsAreKnown = usesVocabulary && starts.indices.allSatisfy { !starts[$0] || known[$0] }
        // The bit of the built-in list with this rule id, if every word starting this list's forms has it.
        var bit: UInt16 = 0
        if startsAreKnown, let index = WordList.builtIn.firstIndex(where: { $0.rule == list.rule }), index < 16 {
            let candidate: UInt16 = 1 << UInt16(index), masks = Vocabulary.startMasks
            if starts.indices.allSatisfy({ !starts[$0] || masks[$0] & candidate != 0 }) { bit = candidate }
        }
        startBit = bit
    }

    struct Match {
        var words: Range<Int>
        var entry: Int
        var replacement: String
        /// Set when only the first part of a hyphenated word matched ("color" in "color-coded"): its length in bytes.
        var partLength: Int?
    }

    func matches(in block: ProseBlock) -> [Match] {
        let words = block.words, ids = block.wordIDs
        var found: [Match] = []
        var index = 0
        // Only the words that can start a form are tried; the others would each move on by one.
        let starts = block.formStarts, masks = block.formStartMasks, bit = startBit == 0 ? UInt16.max : startBit
        var startIndex = 0
        while index < words.count {
            if startsAreKnown {
                while startIndex < starts.count && (starts[startIndex] < index || masks[startIndex] & bit == 0) { startIndex += 1 }
                guard startIndex < starts.count else { break }
                index = starts[startIndex]
            }
            var matched: Match?
            let candidates: [Candidate]?
            if usesVocabulary {
                candidates = ids[index] >= 0 && startsForm[Int(ids[index])] ? byFirstID[Int(ids[index])] : nil
            } else {
                candidates = byFirstWord[words[index].lower]
            }
            if let candidates, !candidates.isEmpty {
                for candidate in candidates where index + candidate.rest.count < words.count || candidate.rest.isEmpty {
                    var ok = true
                    for offset in 0..<candidate.rest.count {
                        let position = index + 1 + offset
                        guard position < words.count else { ok = false; break }
                        let same = usesVocabulary ? ids[position] == candidate.restIDs[offset] : words[position].lower == candidate.rest[offset]
                        if !same { ok = false; break }
                    }
                    if ok {
                        matched = Match(words: index..<(index + 1 + candidate.rest.count), entry: candidate.entry, replacement: candidate.replacement)
                        break
                    }
                }
            }
            if matched == nil, block.isHyphenated[index], let part = block.hyphenFirstParts[index],
                let candidate = byFirstWord[part]?.first(where: { $0.rest.isEmpty })
            {
                matched = Match(
                    words: index..<(index + 1), entry: candidate.entry, replacement: candidate.replacement,
                    partLength: part.utf8.count)
            }
            if let matched {
                found.append(matched)
                index = matched.words.upperBound
            } else {
                index += 1
            }
        }
        return found
    }
}

/// Replacement text with the first letter's case kept: "Utilise" → "Use".
func keepingCase(of original: String, _ replacement: String) -> String {
    guard let first = original.first, first.isUppercase, let replacementFirst = replacement.first else { return replacement }
    return replacementFirst.uppercased() + replacement.dropFirst()
}
