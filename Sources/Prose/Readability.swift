import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The counts the readability formulas need. What is counted (see docs/readability.md):
/// the words of paragraphs and list items, where each list item is at least one sentence.
/// Headings, table cells, image alt text, code, web addresses and front matter are not scored.
public struct ReadabilityCounts: Sendable, Equatable {
    public var words = 0
    public var sentences = 0
    public var syllables = 0
    /// Letters and digits.
    public var characters = 0
    /// Words of 3 or more syllables (SMOG's polysyllables, Gunning's complex words).
    public var polysyllables = 0
    /// Words of more than 6 letters.
    public var longWords = 0
    public var passiveSentences = 0

    public init() {}

    public init(words: Int, sentences: Int, syllables: Int, characters: Int, polysyllables: Int, longWords: Int = 0, passiveSentences: Int = 0) {
        self.words = words
        self.sentences = sentences
        self.syllables = syllables
        self.characters = characters
        self.polysyllables = polysyllables
        self.longWords = longWords
        self.passiveSentences = passiveSentences
    }
}

/// Scores for a page, each from its published formula.
public struct ReadabilityScores: Sendable, Equatable, Codable {
    public var fleschReadingEase: Double
    public var fleschKincaidGrade: Double
    public var gunningFog: Double
    public var smog: Double
    public var colemanLiau: Double
    public var automatedReadabilityIndex: Double
    /// UK reading age: Flesch-Kincaid grade + 5.
    public var readingAge: Double
    public var words: Int
    public var sentences: Int
    public var averageSentenceLength: Double
    public var longWordsPercent: Double
    public var passiveSentencesPercent: Double

    /// The formulas, from their published definitions:
    /// - Flesch Reading Ease (Flesch 1948): 206.835 − 1.015 × words/sentences − 84.6 × syllables/words
    /// - Flesch-Kincaid grade (Kincaid et al. 1975): 0.39 × words/sentences + 11.8 × syllables/words − 15.59
    /// - Gunning Fog (Gunning 1952): 0.4 × (words/sentences + 100 × complex words/words)
    /// - SMOG (McLaughlin 1969, as refined): 1.0430 × √(polysyllables × 30/sentences) + 3.1291
    /// - Coleman-Liau (Coleman and Liau 1975): 0.0588 × L − 0.296 × S − 15.8, L letters and S sentences per 100 words
    /// - Automated Readability Index (Smith and Senter 1967): 4.71 × characters/words + 0.5 × words/sentences − 21.43
    public init(_ counts: ReadabilityCounts) {
        let words = Double(max(counts.words, 1)), sentences = Double(max(counts.sentences, 1))
        let wordsPerSentence = words / sentences
        let syllablesPerWord = Double(counts.syllables) / words
        fleschReadingEase = 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord
        fleschKincaidGrade = 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59
        gunningFog = 0.4 * (wordsPerSentence + 100 * Double(counts.polysyllables) / words)
        smog = 1.0430 * (Double(counts.polysyllables) * 30 / sentences).squareRoot() + 3.1291
        colemanLiau = 0.0588 * (100 * Double(counts.characters) / words) - 0.296 * (100 * sentences / words) - 15.8
        automatedReadabilityIndex = 4.71 * Double(counts.characters) / words + 0.5 * wordsPerSentence - 21.43
        readingAge = fleschKincaidGrade + 5
        self.words = counts.words
        self.sentences = counts.sentences
        averageSentenceLength = counts.sentences == 0 ? 0 : wordsPerSentence
        longWordsPercent = 100 * Double(counts.longWords) / words
        passiveSentencesPercent = counts.sentences == 0 ? 0 : 100 * Double(counts.passiveSentences) / sentences
    }
}

/// A sentence with its difficulty, to show editors where a page is hard.
public struct ScoredSentence: Sendable, Equatable {
    public var text: String
    public var line: Int
    /// The Flesch-Kincaid grade of the sentence on its own.
    public var grade: Double
}

public enum Readability {
    /// The blocks that are scored.
    static func isScored(_ block: ProseBlock) -> Bool {
        block.kind == .paragraph || block.kind == .listItem
    }

    /// Counts a page's prose and scores each sentence.
    public static func measure(_ document: ProseDocument) -> (counts: ReadabilityCounts, sentences: [ScoredSentence]) {
        var scored: [ScoredSentence] = []
        let counts = count(document) { block, _, sentence, grade in
            let line = block.source.sourcePosition(ofByte: sentence.range.lowerBound).line
            scored.append(ScoredSentence(text: block.slice(sentence.range), line: line, grade: grade))
        }
        return (counts, scored)
    }

    /// `measure`, and `hardest(_:count:)` of its sentences, without the text and line of every
    /// other sentence: only the hardest are made into `ScoredSentence`s (the linter's path).
    public static func measureWithHardest(_ document: ProseDocument, count wanted: Int = 3)
        -> (counts: ReadabilityCounts, hardest: [ScoredSentence])
    {
        // The hardest so far, hardest first: grade, then page order among equals.
        var top: [(grade: Double, block: Int, sentence: Int)] = []
        let counts = count(document) { _, blockIndex, sentence, grade in
            // A later sentence goes after every earlier one of the same grade.
            if top.count < wanted || grade > top[top.count - 1].grade {
                var at = top.count
                while at > 0, grade > top[at - 1].grade { at -= 1 }
                top.insert((grade, blockIndex, sentence.index), at: at)
                if top.count > wanted { top.removeLast() }
            }
        }
        let hardest = top.map { item -> ScoredSentence in
            let block = document.blocks[item.block], sentence = block.sentences[item.sentence]
            return ScoredSentence(
                text: block.slice(sentence.range), line: block.source.sourcePosition(ofByte: sentence.range.lowerBound).line,
                grade: item.grade)
        }
        return (counts, hardest)
    }

    /// Counts the page's scored prose, and calls `each` with every sentence that has words
    /// (its block, the block's index, the sentence and its place in the block, its grade).
    private static func count(
        _ document: ProseDocument,
        _ each: (ProseBlock, Int, (index: Int, range: Range<Int>), Double) -> Void
    ) -> ReadabilityCounts {
        var counts = ReadabilityCounts()
        // Pages repeat their words, and so do sites: count each distinct word's syllables once
        // per thread (the count depends on the word alone).
        let syllableCache = SyllableCache.current
        for (blockIndex, block) in document.blocks.enumerated() where isScored(block) {
            let blockWords = block.words, utf8 = block.utf8
            for (sentenceIndex, sentence) in block.sentences.enumerated() {
                var words = 0, syllables = 0
                for position in sentence.words where !block.isObject(blockWords[position]) {
                    let wordSyllables: Int
                    // ASCII words are found on their bytes (see `WordTable`), without their String.
                    let found = utf8.withUnsafeBufferPointer { bytes in
                        syllableCache.counts.value(asciiLowercasing: UnsafeBufferPointer(rebasing: bytes[blockWords[position].range]))
                    }
                    if let found, let known = found {
                        wordSyllables = Int(known)
                    } else {
                        let lower = blockWords[position].lower
                        if found == nil, let known = syllableCache.counts[lower] {
                            wordSyllables = Int(known)
                        } else {
                            wordSyllables = Syllables.count(lower)
                            if syllableCache.counts.count < SyllableCache.limit { syllableCache.counts.insert(lower, Int32(wordSyllables)) }
                        }
                    }
                    words += 1
                    syllables += wordSyllables
                    var letters = 0
                    // (A word's bytes in the block are its text's.)
                    for index in blockWords[position].range {
                        let byte = utf8[index]
                        if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0xC0 { letters += 1 }
                    }
                    counts.characters += letters
                    if wordSyllables >= 3 { counts.polysyllables += 1 }
                    if letters > 6 { counts.longWords += 1 }
                }
                guard words > 0 else { continue }
                counts.words += words
                counts.syllables += syllables
                counts.sentences += 1
                if PassiveVoiceRule.passivePhrase(in: block, sentence: sentence) != nil { counts.passiveSentences += 1 }
                let grade = 0.39 * Double(words) + 11.8 * Double(syllables) / Double(words) - 15.59
                each(block, blockIndex, (sentenceIndex, sentence.range), grade)
            }
        }
        return counts
    }

    /// The hardest sentences first (highest grade), keeping page order among equals.
    public static func hardest(_ sentences: [ScoredSentence], count: Int = 3) -> [ScoredSentence] {
        Array(sentences.enumerated().sorted { ($0.element.grade, -$0.offset) > ($1.element.grade, -$1.offset) }.prefix(count).map(\.element))
    }
}

/// Reading-age targets: a default, and one per layout (from `plainsite.yml`).
public struct ReadabilitySettings: Sendable {
    /// The highest UK reading age a page may have.
    public var readingAge: Double = 12
    /// Targets for particular layouts, such as `news: 13`.
    public var layouts: [String: Double] = ["news": 13]
    /// Pages with fewer words are not given a warning: the formulas are unreliable on very short texts.
    public var minimumWords = 50

    public init() {}

    public func target(forLayout layout: String) -> Double {
        layouts[layout] ?? readingAge
    }
}

/// Syllable counts of the words seen so far on this thread. Lint and build run pages on a few
/// long-lived worker threads, so each thread counts a word once for the whole run, with no lock.
final class SyllableCache: @unchecked Sendable {
    /// Enough for any real site's vocabulary; beyond it words are counted each time.
    static let limit = 200_000
    var counts = WordTable(capacity: 4096)

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            #if canImport(Darwin)
            Unmanaged<SyllableCache>.fromOpaque(pointer).release()
            #else
            if let pointer { Unmanaged<SyllableCache>.fromOpaque(pointer).release() }
            #endif
        }
        return key
    }()

    /// This thread's cache (only ever used by this thread).
    static var current: SyllableCache {
        if let pointer = pthread_getspecific(key) { return Unmanaged<SyllableCache>.fromOpaque(pointer).takeUnretainedValue() }
        let cache = SyllableCache()
        pthread_setspecific(key, Unmanaged.passRetained(cache).toOpaque())
        return cache
    }
}
