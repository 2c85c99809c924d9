import Markdown

/// Dates as pages and feeds show them, in English or Welsh.
extension SimpleDate {
    static let welshMonths = [
        "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
        "Hydref", "Tachwedd", "Rhagfyr",
    ]
    static let welshWeekdays = ["Dydd Sul", "Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener", "Dydd Sadwrn"]

    /// "4 June 2026" in the page's language: Welsh month names for "cy", English otherwise.
    public func longForm(in language: String) -> String {
        language == "cy" ? "\(day) \(SimpleDate.welshMonths[month - 1]) \(year)" : longForm
    }

    /// "Saturday 19 December 2026" in the page's language ("Dydd Sadwrn 19 Rhagfyr 2026").
    public func fullForm(in language: String) -> String {
        language == "cy" ? SimpleDate.welshWeekdays[weekday] + " " + longForm(in: language) : fullForm
    }

    /// GOV.UK style with the day: "Saturday 19 December 2026".
    public var fullForm: String {
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][weekday] + " " + longForm
    }

    /// 0 is Sunday (Sakamoto's method).
    public var weekday: Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }
}
