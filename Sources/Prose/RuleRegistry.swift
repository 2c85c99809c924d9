/// Every built-in rule, in the order `plainsite rules` lists them.
public enum RuleRegistry {
    /// Rules written in Swift, one file each under `Rules/`.
    public static var codeRules: [any ProseRule] { styleRules + numberRules }

    /// Rules made from the YAML word lists in `Sources/BuiltIn/words/`.
    /// Made once: each rule indexes its list's forms (`PhraseMatcher`), and every linter uses them.
    public static let wordListRules: [any ProseRule] = WordList.builtIn.map(WordListRule.init)

    public static var all: [any ProseRule] { codeRules + wordListRules }
}
