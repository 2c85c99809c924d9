extension RuleRegistry {
    /// Sentence, paragraph, link, capitals, punctuation and heading rules.
    static let styleRules: [any ProseRule] = [
        SentenceLengthRule(),
        ParagraphLengthRule(),
        PassiveVoiceRule(),
        VagueLinkTextRule(),
        ClickHereRule(),
        URLLinkTextRule(),
        CapitalsRule(),
        AcronymRule(),
        ExclamationMarkRule(),
        AmpersandRule(),
        DoubleNegativeRule(),
        AndOrRule(),
        RepeatedWordRule(),
        HeadingSentenceCaseRule(),
        HeadingFullStopRule(),
        FAQRule(),
        ListItemSemicolonRule(),
        AbbreviatedDateRule(),
        DayRangeRule(),
        ZeroPenceRule(),
    ]
}
