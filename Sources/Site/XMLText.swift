import Markdown

/// Text for the site's XML files (news feeds, sitemap): escaped, and without the characters
/// XML 1.0 forbids, since one of them makes a feed reader reject the whole feed.
enum XMLText {
    /// Whether XML 1.0 allows the character: tab, line ends, and everything from a space up
    /// except the surrogates and U+FFFE, U+FFFF (Swift strings never hold surrogates).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` escaped for XML content or an attribute, with forbidden characters left out
    /// (they are invisible in titles, so nothing a reader would see is lost).
    static func escape(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isAllowed) else { return escapeMarkup(text) }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.filter(isAllowed))
        return escapeMarkup(String(kept))
    }
}
