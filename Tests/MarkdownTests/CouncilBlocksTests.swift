import Markdown
import XCTest

final class CouncilBlocksTests: XCTestCase {
    func html(_ markdown: String) -> String {
        MarkdownRenderer.render(markdown, file: "page.md").html
    }

    func testInformationCallout() {
        XCTAssertEqual(
            html("^We collect bins on bank holidays.^\n"),
            "<div class=\"ps-callout ps-callout--information\" role=\"note\" aria-label=\"Information\">\n<p>We collect bins on bank holidays.</p>\n</div>\n")
    }

    func testWarningTextHasHiddenWarningWord() {
        XCTAssertEqual(
            html("%You must book by 4pm.%\n"),
            "<div class=\"ps-warning-text\" role=\"note\" aria-label=\"Warning\"><span class=\"ps-warning-text__icon\" aria-hidden=\"true\">!</span><div class=\"ps-warning-text__text\"><span class=\"ps-visually-hidden\">Warning: </span>\n<p>You must book by 4pm.</p>\n</div></div>\n"
        )
    }

    func testGitHubAlerts() {
        let note = html("> [!NOTE]\n> Libraries close at 1pm on Saturdays.\n")
        XCTAssertEqual(
            note, "<div class=\"ps-callout ps-callout--information\" role=\"note\" aria-label=\"Note\">\n<p>Libraries close at 1pm on Saturdays.</p>\n</div>\n")
        let warning = html("> [!WARNING]\n> Do not put glass in the blue bin.\n")
        XCTAssertTrue(warning.hasPrefix("<div class=\"ps-warning-text\" role=\"note\" aria-label=\"Warning\">"), warning)
        XCTAssertTrue(warning.contains("<p>Do not put glass in the blue bin.</p>"), warning)
        XCTAssertFalse(warning.contains("blockquote"))
        XCTAssertEqual(html("> A quote.\n"), "<blockquote>\n<p>A quote.</p>\n</blockquote>\n")
    }

    func testContactAndAddressKeepTheirLines() {
        XCTAssertEqual(
            html("$C\nKestrelford City Council\n01632 960000\n$C\n"),
            "<div class=\"ps-contact-card\">\n<p>Kestrelford City Council<br />\n01632 960000</p>\n</div>\n")
        XCTAssertEqual(
            html("$A\nCivic Centre\n1 Market Street\n$A\n"),
            "<div class=\"ps-address\">\n<p>Civic Centre<br />\n1 Market Street</p>\n</div>\n")
    }

    func testStartButton() {
        XCTAssertEqual(
            html("{button start}[Start now](/apply/){/button}\n"),
            "<p class=\"ps-button-group\"><a href=\"/apply/\" class=\"ps-button ps-button--start\" draggable=\"false\">Start now<svg class=\"ps-button__start-icon\" xmlns=\"http://www.w3.org/2000/svg\" width=\"17.5\" height=\"19\" viewBox=\"0 0 33 40\" aria-hidden=\"true\" focusable=\"false\"><path fill=\"currentColor\" d=\"M0 0h13l20 20-20 20H0l20-20z\"/></svg></a></p>\n"
        )
    }

    func testSteps() {
        XCTAssertEqual(
            html("s1. Check your bin day.\ns2. Put your bin out by 7am.\n\ns3. Bring it in.\n"),
            "<ol class=\"ps-steps\">\n<li class=\"ps-steps__item\">\n<p>Check your bin day.</p>\n</li>\n<li class=\"ps-steps__item\">\n<p>Put your bin out by 7am.</p>\n</li>\n<li class=\"ps-steps__item\">\n<p>Bring it in.</p>\n</li>\n</ol>\n"
        )
    }

    func testAbbreviations() {
        XCTAssertEqual(
            html("Pay your PCN online.\n\n*[PCN]: penalty charge notice\n"),
            "<p>Pay your <abbr title=\"penalty charge notice\">PCN</abbr> online.</p>\n")
    }

    func testPlainParagraphsAreUntouched() {
        XCTAssertEqual(html("Costs 5% to 10% more.\n"), "<p>Costs 5% to 10% more.</p>\n")
    }
}

extension CouncilBlocksTests {
    func testFootnotesHaveAccessibleNames() {
        let output = html("One.[^a] Two.[^b]\n\n[^a]: First note.\n[^b]: Second note.\n")
        XCTAssertTrue(output.contains("<section class=\"footnotes\" data-footnotes aria-label=\"Footnotes\">"), output)
        XCTAssertTrue(output.contains("data-footnote-ref><span class=\"ps-visually-hidden\">Footnote </span>1</a>"), output)
        XCTAssertTrue(output.contains("aria-label=\"Back to the text of footnote 1\""), output)
        XCTAssertTrue(output.contains("aria-label=\"Back to the text of footnote 2\""), output)
        XCTAssertFalse(output.contains("Back to content"), output)
    }
}

extension CouncilBlocksTests {
    func testInsetText() {
        XCTAssertEqual(
            html("$E\nFor example, a sofa counts as 1 item.\n$E\n"),
            "<div class=\"ps-inset-text\">\n<p>For example, a sofa counts as 1 item.</p>\n</div>\n")
    }
}

extension CouncilBlocksTests {
    func testDetails() {
        XCTAssertEqual(
            html("+++ What counts as bulky waste\n\nSofas, fridges and beds.\n\n- Up to 3 items\n\n+++\n\nAfter.\n"),
            "<details class=\"ps-details\"><summary class=\"ps-details__summary\"><span class=\"ps-details__summary-text\">What counts as bulky waste</span></summary><div class=\"ps-details__text\">\n<p>Sofas, fridges and beds.</p>\n<ul>\n<li>Up to 3 items</li>\n</ul>\n</div></details>\n<p>After.</p>\n"
        )
    }
}

extension CouncilBlocksTests {
    func testPassageInAnotherLanguage() {
        XCTAssertEqual(
            html("$L cy\nCroeso i'r cyngor.\n$L\n"),
            "<div class=\"ps-passage\" lang=\"cy\">\n<p>Croeso i'r cyngor.</p>\n</div>\n")
    }
}
