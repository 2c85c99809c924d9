import Foundation
import Markdown
import PageBuild
import Project
import Support

/// Files written for every site from its pages: sitemap, robots.txt, news feeds, calendar
/// files for events and open data. All are built from content dates, never the clock, so two
/// builds of the same content are byte-identical.
struct SiteFiles {
    let site: SiteConfiguration
    let organisation: String
    let pages: [PageInfo]
    /// The pages sorted by address, as the sitemap and open data list them (sorted once).
    let published: [PageInfo]

    init(site: SiteConfiguration, organisation: String, pages: [PageInfo]) {
        self.site = site
        self.organisation = organisation
        self.pages = pages
        published = pages.sorted { $0.urlPath < $1.urlPath }
    }

    static func xml(_ text: String) -> String { XMLText.escape(text) }

    var news: [PageInfo] {
        pages.filter { $0.layout == "news" && $0.date != nil }
            .sorted { ($0.date!, $1.title) > ($1.date!, $0.title) }
    }

    /// Search engines are pointed at sitemap.xml, a sitemap or the index of several (see `sitemaps`).
    func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(site.baseURL)sitemap.xml\n"
    }

    /// RSS 2.0 dates: "Mon, 16 Nov 2026 00:00:00 +0000".
    static func rfc822(_ date: SimpleDate) -> String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        return "\(days[date.weekday]), \(day) \(months[date.month - 1]) \(date.year) 00:00:00 +0000"
    }

    func rss() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n"
        out += "<title>\(SiteFiles.xml(site.title)) news</title>\n<link>\(SiteFiles.xml(site.baseURL))</link>\n"
        out +=
            "<description>News from \(SiteFiles.xml(site.title))</description>\n<language>\(PageBuilder.htmlLang(site.languages[0]).lowercased())</language>\n"
        out += "<atom:link href=\"\(SiteFiles.xml(site.baseURL))news.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n"
        if let latest = news.first?.date { out += "<lastBuildDate>\(SiteFiles.rfc822(latest))</lastBuildDate>\n" }
        for item in news {
            let link = SiteFiles.xml(site.baseURL + item.urlPath)
            out += "<item><title>\(SiteFiles.xml(item.title))</title><link>\(link)</link><guid isPermaLink=\"true\">\(link)</guid>"
            out += "<pubDate>\(SiteFiles.rfc822(item.date!))</pubDate><description>\(SiteFiles.xml(item.description))</description></item>\n"
        }
        return out + "</channel>\n</rss>\n"
    }

    func atom() -> String {
        let updated = (news.first?.date).map { "\($0)T00:00:00Z" } ?? "1970-01-01T00:00:00Z"
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(PageBuilder.htmlLang(site.languages[0]))\">\n"
        out += "<title>\(SiteFiles.xml(site.title)) news</title>\n<id>\(SiteFiles.xml(site.baseURL))news.atom</id>\n"
        out += "<link rel=\"self\" href=\"\(SiteFiles.xml(site.baseURL))news.atom\"/>\n<link href=\"\(SiteFiles.xml(site.baseURL))\"/>\n"
        out += "<updated>\(updated)</updated>\n<author><name>\(SiteFiles.xml(organisation))</name></author>\n"
        for item in news {
            let link = SiteFiles.xml(site.baseURL + item.urlPath)
            let date = "\(item.date!)T00:00:00Z"
            out += "<entry><title>\(SiteFiles.xml(item.title))</title><link href=\"\(link)\"/><id>\(link)</id>"
            out += "<published>\(date)</published><updated>\((item.updated ?? item.date!))T00:00:00Z</updated>"
            out += "<summary>\(SiteFiles.xml(item.description))</summary></entry>\n"
        }
        return out + "</feed>\n"
    }

    /// An iCalendar (RFC 5545) file for an event page with a date (see `ICalendar` for its text rules).
    func calendar(for event: PageInfo) -> String? {
        guard event.layout == "event", let date = event.date else { return nil }
        func compact(_ date: SimpleDate) -> String { date.description.replacingOccurrences(of: "-", with: "") }
        let escape = ICalendar.text
        let host = URL(string: site.baseURL)?.host ?? "plainsite"
        let stamp = event.updated ?? date
        let lines =
            [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Plainsite//\(escape(site.title))//EN", "CALSCALE:GREGORIAN", "BEGIN:VEVENT",
                "UID:\(escape(event.urlPath.replacingOccurrences(of: "/", with: "-")))\(compact(date))@\(escape(host))",
                "DTSTAMP:\(compact(stamp))T000000Z", "DTSTART;VALUE=DATE:\(compact(date))",
                "SUMMARY:\(escape(event.title))", "DESCRIPTION:\(escape(event.description))",
            ] + (event.venue.map { ["LOCATION:\(escape($0))"] } ?? []) + [
                "URL:\(site.baseURL)\(event.urlPath)", "END:VEVENT", "END:VCALENDAR",
            ]
        return ICalendar.document(lines)
    }

    /// Open data: every page with its title, address, summary, dates and reading age.
    func pagesJSON() throws -> Data {
        // Written directly into one buffer (a site can have many thousands of pages), byte for byte as the
        // general writer would; a number that writer cannot write the simple way takes the general path.
        let rows = published
        guard !rows.isEmpty else { return try generalPagesJSON() }
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 300)
        var dates = DateTexts(quoted: true)
        out.append(UInt8(ascii: "["))
        for (index, page) in rows.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard Self.jsonRow(page, baseURL: site.baseURL, into: &out, dates: &dates) else { return try generalPagesJSON() }
        }
        out.append(contentsOf: [0x0A, UInt8(ascii: "]")])
        return Data(out)
    }

    /// Each date's text, made once (a few dates recur on thousands of pages): quoted as a JSON
    /// string, or plain for CSV.
    struct DateTexts {
        let quoted: Bool
        private var texts: [SimpleDate: [UInt8]] = [:]

        init(quoted: Bool) { self.quoted = quoted }

        mutating func append(_ date: SimpleDate, to out: inout [UInt8]) {
            if let text = texts[date] {
                out.append(contentsOf: text)
            } else {
                let start = out.count
                if quoted { FastJSON.string(date.description, into: &out) } else { out.append(contentsOf: date.description.utf8) }
                texts[date] = Array(out[start...])
            }
        }
    }

    /// One page's row of pages.json, from the line break before its `{` to its `}`: false when
    /// its reading age is a number only the general writer writes.
    static func jsonRow(_ page: PageInfo, baseURL: String, into out: inout [UInt8], dates: inout DateTexts) -> Bool {
        func append(_ text: StaticString) {
            text.withUTF8Buffer { out.append(contentsOf: $0) }
        }
        var first = true
        func key(_ name: StaticString) {
            append(first ? "\n    \"" : ",\n    \"")
            first = false
            append(name)
            append("\" : ")
        }
        append("\n  {")
        if let age = page.readingAge {
            let number = (age * 10).rounded() / 10
            guard number.isFinite, abs(number) < 1e15 else { return false }
            let text = number == number.rounded() ? String(Int(number)) : String(number)
            guard !text.utf8.contains(UInt8(ascii: "e")) else { return false }
            key("reading_age")
            out.append(contentsOf: text.utf8)
        }
        if let review = page.reviewBy { key("review_by"); dates.append(review, to: &out) }
        key("summary"); FastJSON.string(page.description, into: &out)
        key("title"); FastJSON.string(page.title, into: &out)
        if let updated = page.updated { key("updated"); dates.append(updated, to: &out) }
        key("url"); FastJSON.string(baseURL + page.urlPath, into: &out)
        append("\n  }")
        return true
    }

    func generalPagesJSON() throws -> Data {
        let rows: [JSONValue] = published.map { page in
            var row: [String: JSONValue] = [
                "title": .string(page.title), "url": .string(site.baseURL + page.urlPath), "summary": .string(page.description),
            ]
            if let updated = page.updated { row["updated"] = .string(updated.description) }
            if let review = page.reviewBy { row["review_by"] = .string(review.description) }
            if let age = page.readingAge { row["reading_age"] = .double((age * 10).rounded() / 10) }
            return .object(row)
        }
        return FastJSON.encode(.array(rows), pretty: true)
    }

    /// Open data as CSV (RFC 4180: CRLF line ends; a field with a comma, quote or line break
    /// is quoted, its quotes doubled), written on bytes.
    func pagesCSV() -> Data {
        var out: [UInt8] = Array("title,url,summary,updated,review_by,reading_age\r\n".utf8)
        out.reserveCapacity(out.count + published.count * 200)
        var dates = DateTexts(quoted: false)
        for page in published { Self.csvRow(page, baseURL: site.baseURL, into: &out, dates: &dates) }
        return Data(out)
    }

    /// One page's row of pages.csv, with its line end.
    static func csvRow(_ page: PageInfo, baseURL: String, into out: inout [UInt8], dates: inout DateTexts) {
        func field(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                guard bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
                    out.append(contentsOf: bytes)
                    return
                }
                out.append(UInt8(ascii: "\""))
                for byte in bytes {
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                    out.append(byte)
                }
                out.append(UInt8(ascii: "\""))
            }
        }
        field(CSVText.inert(page.title))
        out.append(UInt8(ascii: ","))
        field(baseURL + page.urlPath)
        out.append(UInt8(ascii: ","))
        field(CSVText.inert(page.description))
        out.append(UInt8(ascii: ","))
        if let updated = page.updated { dates.append(updated, to: &out) }
        out.append(UInt8(ascii: ","))
        if let review = page.reviewBy { dates.append(review, to: &out) }
        out.append(UInt8(ascii: ","))
        if let age = page.readingAge { field(String((age * 10).rounded() / 10)) }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// The same CSV made field by field as strings: the reference the byte writer is tested against.
    func generalPagesCSV() -> String {
        func field(_ text: String) -> String {
            guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            var quoted = "\""
            for scalar in text.unicodeScalars {
                if scalar == "\"" { quoted.unicodeScalars.append(scalar) }
                quoted.unicodeScalars.append(scalar)
            }
            return quoted + "\""
        }
        var out = "title,url,summary,updated,review_by,reading_age\r\n"
        for page in published {
            out +=
                [
                    CSVText.inert(page.title), site.baseURL + page.urlPath, CSVText.inert(page.description), page.updated?.description ?? "",
                    page.reviewBy?.description ?? "", page.readingAge.map { String(($0 * 10).rounded() / 10) } ?? "",
                ]
                .map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    func servicesJSON() throws -> Data {
        var rows: [(name: String, url: String)] = []
        for page in published {
            for service in page.services { rows.append((service, site.baseURL + page.urlPath)) }
        }
        rows.sort { $0.name.lowercased() < $1.name.lowercased() }
        return FastJSON.encode(.array(rows.map { ["name": .string($0.name), "url": .string($0.url)] }), pretty: true)
    }
}
