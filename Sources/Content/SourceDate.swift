import Foundation
import Markdown

/// Dates given from outside Plainsite: `SOURCE_DATE_EPOCH` (reproducible-builds.org) and
/// `--date`. Anything that is not a valid date is refused with a message, never guessed at.
public enum SourceDate {
    /// The last second of the year 9999, the latest date Plainsite writes.
    public static let latestSeconds = 253_402_300_799

    /// Why a date from outside was refused, in words for the person who set it.
    public struct Refused: Error, Sendable {
        public let message: String
    }

    /// The date `SOURCE_DATE_EPOCH` names, in the UK; nil when it is not set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(Refused) -> SimpleDate? {
        guard let text = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = seconds(text) else {
            throw Refused(
                message:
                    "SOURCE_DATE_EPOCH is '\(text)', which is not a date. Set it to a whole number of seconds since 1 January 1970, from 0 to \(latestSeconds) (the end of 9999), such as 1767225600, or unset it to use today's date."
            )
        }
        return date(seconds: seconds)
    }

    /// A whole, non-negative number of seconds no later than the end of 9999; nil for anything else
    /// (signs, decimals, exponents, "inf", "nan", spaces).
    public static func seconds(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 12, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let seconds = Int(text), seconds <= latestSeconds
        else { return nil }
        return seconds
    }

    /// The date in the UK at a time given in seconds since 1970 (checked to be in range).
    public static func date(seconds: Int) -> SimpleDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return SimpleDate(String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!))!
    }

    /// A `--date`: exactly four digits, two and two (YYYY-MM-DD), naming a real day from year 1.
    public static func parse(option text: String) throws(Refused) -> SimpleDate {
        let digits = text.utf8.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (byte >= 0x30 && byte <= 0x39)
        }
        guard text.utf8.count == 10, digits, let date = SimpleDate(text), date.year >= 1 else {
            throw Refused(message: "'\(text)' is not a date. Write it as year-month-day with a four-digit year, for example --date 2026-11-25.")
        }
        return date
    }
}
