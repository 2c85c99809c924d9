import Foundation
import Markdown

/// The files `plainsite init` writes: settings, shared facts and the pages every council site
/// needs. Facts only the council knows are reserved example values or `[Replace: …]` placeholders,
/// which every build and lint warns about, so nothing made up is published silently.
struct ProjectFiles {
    let name: String
    let today: SimpleDate

    /// A made-up domain under `.example` (reserved, so it can never be anyone's): "wensleydale-district-council.example".
    var domain: String {
        String(NewCommand.slug(name).prefix(60)).trimmingCharacters(in: CharacterSet(charactersIn: "-")) + ".example"
    }

    /// The name as a YAML double-quoted string.
    var quotedName: String { NewCommand.quoted(name) }

    var reviewBy: SimpleDate {
        SimpleDate(String(format: "%04d-%02d-%02d", min(today.year + 1, 9999), today.month, today.month == 2 && today.day == 29 ? 28 : today.day)) ?? today
    }

    /// Relative path → text, in the order they are written and listed.
    var files: [(path: String, text: String)] {
        [
            ("plainsite.yml", settings),
            ("content/_data/council.yml", councilData),
            ("content/council/index.md", home),
            ("content/council/contact-us.md", contactUs),
            ("content/council/privacy-notice.md", privacyNotice),
            ("content/council/cookies.md", cookies),
            ("content/council/report-a-missed-bin.md", servicePage),
            ("content/council/news/index.md", newsList),
            ("content/council/news/our-new-website.md", newsItem),
            (".gitignore", "# What Plainsite writes: the built sites and its cache.\nsite/\n.plainsite-cache/\n"),
        ]
    }

    var settings: String {
        """
        # Plainsite settings for \(name)'s websites. Lines starting with # are notes: remove the #
        # in front of an example to use it. Every build and lint warns about each example value and
        # '[Replace: …]' placeholder below until you write the council's own.
        organisation: \(quotedName)

        # Facts for each site's accessibility statement (/accessibility/) that only the council can give.
        accessibility_statement:
          contact_email: accessibility@\(domain)
          contact_phone: 01632 960000
          response_days: 5
          last_tested: "[Replace: the date the website was last tested for accessibility, such as \(today)]"
          tested_by: "[Replace: who tested the website, such as our digital team with screen reader users]"
          prepared: "[Replace: the date this statement was prepared, such as \(today)]"
          # reviewed: \(today)

        sites:
          # The council's main website. Its pages are in content/council/; a file in themes/council/
          # (such as themes/council/assets/logo.svg) replaces the built-in theme's file of that name.
          - id: council
            title: \(quotedName)
            # The address the site is published at. Write the council's own, ending with a slash.
            base_url: https://www.\(domain)/
            # colours:
            #   brand: "#1d4f91"
            #   link: "#1d70b8"
            # Pages in Welsh too (bins.cy.md beside bins.md):
            # languages: [en, cy]

          # More websites from the same project, each with its own pages in content/<id>/:
          # - id: townhall
          #   title: \(name) Town Hall
          #   base_url: https://townhall.\(domain)/
          #   colours:
          #     brand: "#6b1d4a"

        """
    }

    var councilData: String {
        """
        # Facts about the council that pages show, such as {{ council.phone }} in content/council/contact-us.md.
        # Every build and lint warns about each example value and '[Replace: …]' until you write the council's own.
        name: \(quotedName)
        phone: 01632 960000
        email: contact@\(domain)
        address:
          - \(quotedName)
          - "[Replace: the street address of the council's offices]"
          - "[Replace: the town and postcode]"
        opening_hours: "[Replace: when the phone lines are open, such as Monday to Friday, 9am to 5pm]"

        """
    }

    func frontMatter(_ title: String, _ description: String, layout: String? = nil, extra: [String] = []) -> String {
        (["---", "title: \(NewCommand.quoted(title))", "description: \(NewCommand.quoted(description))"]
            + (layout.map { ["layout: \($0)"] } ?? []) + extra
            + ["updated: \(today)", "review_by: \(reviewBy)", "---", ""]).joined(separator: "\n")
    }

    var home: String {
        frontMatter(name, "Find information and use services from \(name).", layout: "home") + """

            ## Top tasks

            - [Report a missed bin](/report-a-missed-bin/)
            - [Contact us](/contact-us/)
            - [Read our latest news](/news/)

            [Replace: what people can do on this website]

            """
    }

    var contactUs: String {
        frontMatter("Contact us", "Phone, email or visit \(name).", layout: "contact") + """

            You can phone or email us.

            ## Contact details

            - Phone: {{ council.phone }}
            - Email: {{ council.email }}
            - Opening times: {{ council.opening_hours }}
            - Address: {{ council.address }}

            If someone is in danger, call 999.

            """
    }

    var privacyNotice: String {
        frontMatter("Privacy notice", "How \(name) uses your personal information, and your rights.") + """

            This notice says how we use your personal information.

            ## Who we are

            We are \(name). The law calls us the data controller of the information we hold about you.

            [Replace: the name of your data protection officer and how to contact them]

            ## What we collect and why

            [Replace: what personal information each service collects, why, and the law that lets you use it]

            ## How long we keep it

            [Replace: how long you keep each kind of information, or a link to your retention schedule]

            ## Your rights

            You can ask to see the information we hold about you. You can also ask us to correct it or delete it.

            To use these rights, email {{ council.email }}.

            If you are unhappy with how we use it, you can complain to the [Information Commissioner's Office](https://ico.org.uk/make-a-complaint/).

            """
    }

    var cookies: String {
        frontMatter("Cookies", "This website does not put cookies on your device.") + """

            Cookies are small files that websites put on your phone, tablet or computer.

            This website does not set any cookies. It does not use analytics or advertising that track you.

            If we add cookies in the future, we will tell you on this page first and ask if you agree.

            """
    }

    var servicePage: String {
        frontMatter("Report a missed bin", "Tell us if we did not empty your bin on your collection day.") + """

            Tell us if we did not empty your bin on your collection day.

            ## How to report it

            [Replace: how to report a missed bin, such as a link to the online form or a phone number]

            ## What happens next

            [Replace: when you will come back to empty the bin]

            """
    }

    var newsList: String {
        frontMatter("News", "The latest news from \(name).", layout: "news-list") + """

            Read the latest news about our services.

            """
    }

    var newsItem: String {
        frontMatter("Our new website", "\(name) has a new website that is easier to use.", layout: "news", extra: ["date: \(today)"]) + """

            We have a new website. It is easier to use on a phone, and it works with screen readers.

            [Replace: what has changed for residents, and how to tell us what you think]

            """
    }
}
