/// Every built-in rule, in the order `plainsite rules` lists them.
public enum RuleRegistry {
    /// Rules written in Swift, one file each under `Rules/`.
    public static var codeRules: [any ProseRule] { styleRules + numberRules }

    /// Rules made from the YAML word lists in `Resources/words/`.
    public static var wordListRules: [any ProseRule] { WordList.builtIn.map(WordListRule.init) }

    public static var all: [any ProseRule] { codeRules + wordListRules }
}
