import Diagnostics
import Foundation
import LinkCheck
import Markdown

/// What the site-wide files need to know about a page.
public struct PageInfo: Sendable, Codable {
    public var title: String
    public var urlPath: String
    public var description: String
    public var layout: String
    public var date: SimpleDate?
    public var updated: SimpleDate?
    public var reviewBy: SimpleDate?
    public var services: [String]
    public var venue: String? = nil
    public var readingAge: Double?
    public var sourcePath: String

    public init(
        title: String, urlPath: String, description: String, layout: String, date: SimpleDate? = nil, updated: SimpleDate? = nil,
        reviewBy: SimpleDate? = nil, services: [String], venue: String? = nil, readingAge: Double? = nil, sourcePath: String
    ) {
        self.title = title
        self.urlPath = urlPath
        self.description = description
        self.layout = layout
        self.date = date
        self.updated = updated
        self.reviewBy = reviewBy
        self.services = services
        self.venue = venue
        self.readingAge = readingAge
        self.sourcePath = sourcePath
    }
}

/// A document linked from a page with no HTML alternative.
public struct NonAccessibleDocument: Sendable {
    public var file: String
    public var page: String
    public var reason: String?

    public init(file: String, page: String, reason: String?) {
        self.file = file
        self.page = page
        self.reason = reason
    }
}

/// One HTML file of a page: its path inside the site, and its bytes.
public struct PageFile: Sendable, Equatable {
    public var path: String
    public var html: Data

    public init(path: String, html: Data) {
        self.path = path
        self.html = html
    }
}

/// What a content page's build gives the site-wide steps; kept in its cache entry.
public struct PageOutcome: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var built: BuiltPage?
    public var written = false
    public var searchEntry: SearchEntry?
    /// Further pages of a long section list.
    public var extraBuilt: [BuiltPage] = []
    public var info: PageInfo?
    /// Headings and links, to compare a page with its translation.
    public var shape = PageShape()
    /// Documents without an HTML alternative: listed in the accessibility statement.
    public var documents: [NonAccessibleDocument] = []

    public init() {}
}

/// How many headings and links a page has, to compare it with its translation.
public struct PageShape: Sendable, Equatable {
    public var headings = 0
    public var links = 0

    public init(headings: Int = 0, links: Int = 0) {
        self.headings = headings
        self.links = links
    }
}
