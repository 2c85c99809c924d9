import Accessibility

/// What the site-wide checks need from a written page.
public struct BuiltPage: Sendable {
    public var site: String
    public var urlPath: String
    public var sourcePath: String
    public var titleLine: Int
    public var title: String
    public var anchors: Set<String>
    public var links: [AccessibilityChecker.PageLink]

    public init(
        site: String, urlPath: String, sourcePath: String, titleLine: Int, title: String, anchors: Set<String>,
        links: [AccessibilityChecker.PageLink]
    ) {
        self.site = site
        self.urlPath = urlPath
        self.sourcePath = sourcePath
        self.titleLine = titleLine
        self.title = title
        self.anchors = anchors
        self.links = links
    }
}
