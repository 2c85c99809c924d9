import Diagnostics
import Foundation

/// WCAG contrast: relative luminance and contrast ratio of sRGB colours, and the nearest shade that passes.
public enum Contrast {
    /// Parses "#rrggbb" or "#rgb".
    public static func rgb(_ hex: String) -> (Double, Double, Double)? {
        var digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        return (Double((value >> 16) & 0xFF), Double((value >> 8) & 0xFF), Double(value & 0xFF))
    }

    /// Relative luminance, as WCAG 2.2 defines it (sRGB, 0.04045 threshold).
    public static func luminance(_ hex: String) -> Double? {
        guard let (r, g, b) = rgb(hex) else { return nil }
        func channel(_ value: Double) -> Double {
            let c = value / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// (L1 + 0.05) / (L2 + 0.05), lighter over darker.
    public static func ratio(_ first: String, _ second: String) -> Double? {
        guard let a = luminance(first), let b = luminance(second) else { return nil }
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
    }

    /// The shade of `colour` nearest to it (mixed towards black or white, whichever works with
    /// less change) that reaches `target` against `background`.
    public static func nearestPassingShade(_ colour: String, against background: String, target: Double) -> String? {
        guard let (r, g, b) = rgb(colour) else { return nil }
        var best: (steps: Int, hex: String)?
        for towards in [0.0, 255.0] {
            for step in 1...100 {
                let t = Double(step) / 100
                let candidate = hex(r + (towards - r) * t, g + (towards - g) * t, b + (towards - b) * t)
                if let value = ratio(candidate, background), value >= target {
                    if best == nil || step < best!.steps { best = (step, candidate) }
                    break
                }
            }
        }
        return best?.hex
    }

    /// Two colours used together, and the ratio they must reach.
    public struct Pair: Sendable {
        public var foregroundKey: String
        public var backgroundKey: String
        public var minimum: Double
        public var use: String
        public var criterion: String

        public init(_ foregroundKey: String, on backgroundKey: String, minimum: Double, use: String, criterion: String) {
            self.foregroundKey = foregroundKey
            self.backgroundKey = backgroundKey
            self.minimum = minimum
            self.use = use
            self.criterion = criterion
        }
    }

    /// The colour pairs of the council theme.
    public static let themePairs: [Pair] = [
        Pair("text", on: "background", minimum: 4.5, use: "body text", criterion: "1.4.3 Contrast (Minimum)"),
        Pair("link", on: "background", minimum: 4.5, use: "links", criterion: "1.4.3 Contrast (Minimum)"),
        Pair("link_visited", on: "background", minimum: 4.5, use: "visited links", criterion: "1.4.3 Contrast (Minimum)"),
        Pair("brand_text", on: "brand", minimum: 4.5, use: "the site name and menu on the brand colour", criterion: "1.4.3 Contrast (Minimum)"),
        Pair("text", on: "focus", minimum: 4.5, use: "focused links (text on the focus colour)", criterion: "1.4.3 Contrast (Minimum)"),
        Pair("focus", on: "brand", minimum: 3, use: "the focus indicator in the header", criterion: "1.4.11 Non-text Contrast"),
        Pair("brand", on: "background", minimum: 3, use: "the brand colour's borders and buttons", criterion: "1.4.11 Non-text Contrast"),
    ]

    /// Checks a site's colours (key → hex). Each failure names both colours, the ratio and a passing shade.
    public static func check(colours: [String: String], site: String, file: String, lines: [String: Int]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for pair in themePairs {
            guard let foreground = colours[pair.foregroundKey], let background = colours[pair.backgroundKey],
                let value = ratio(foreground, background), value < pair.minimum
            else { continue }
            let shade = nearestPassingShade(foreground, against: background, target: pair.minimum)
            let rounded = (value * 100).rounded(.down) / 100
            diagnostics.append(
                Diagnostic(
                    rule: "a11y/colour-contrast", severity: .error, file: file,
                    line: lines[pair.foregroundKey] ?? lines[pair.backgroundKey] ?? 1,
                    message:
                        "Site '\(site)': \(pair.foregroundKey) \(foreground) on \(pair.backgroundKey) \(background) has a contrast ratio of \(String(format: "%.2f", rounded)):1; \(pair.use): at least \(pair.minimum == 3 ? "3" : "4.5"):1 is needed (WCAG 2.2 \(pair.criterion))",
                    suggestion: shade.map {
                        "The nearest shade of \(pair.foregroundKey) that passes is \($0) (\(String(format: "%.2f", ratio($0, background) ?? 0)):1)."
                    }
                        ?? "Choose a darker or lighter \(pair.foregroundKey) colour."))
        }
        return diagnostics
    }
}
