import Content
import XCTest

final class LinkResolverTests: XCTestCase {
    func testAddressesBecomePublishedAddresses() {
        let resolver = LinkResolver(basePath: "/", pageFolder: "bins-and-recycling")
        XCTAssertEqual(resolver.resolve("missed-bin.md"), "/bins-and-recycling/missed-bin/")
        XCTAssertEqual(resolver.resolve("index.md#days"), "/bins-and-recycling/#days")
        XCTAssertEqual(resolver.resolve("../parking/index.md"), "/parking/")
        XCTAssertEqual(resolver.resolve("/parking/"), "/parking/")
        XCTAssertEqual(resolver.resolve("map.png"), "/bins-and-recycling/map.png")
        XCTAssertEqual(resolver.resolve("#top"), "#top")
        XCTAssertEqual(resolver.resolve("https://townhall.kestrelford.example/"), "https://townhall.kestrelford.example/")
        XCTAssertEqual(resolver.resolve("mailto:a@b.example"), "mailto:a@b.example")
        XCTAssertEqual(resolver.resolve("tel:01632960000"), "tel:01632960000")
    }

    func testBasePathIsPrefixed() {
        let resolver = LinkResolver(basePath: "/townhall/", pageFolder: "")
        XCTAssertEqual(resolver.resolve("/weddings/"), "/townhall/weddings/")
        XCTAssertEqual(resolver.resolve("weddings.md"), "/townhall/weddings/")
        XCTAssertEqual(resolver.resolve("/"), "/townhall/")
    }

    func testAddressesAboveTheSiteAreLeftForTheLinkChecker() {
        XCTAssertEqual(LinkResolver(basePath: "/", pageFolder: "").resolve("../../etc/passwd"), "../../etc/passwd")
    }
}
