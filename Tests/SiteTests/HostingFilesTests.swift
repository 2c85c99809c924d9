import Content
import Diagnostics
import Project
import XCTest

@testable import Site

/// The hosting files, character for character, and what they refuse to carry.
final class HostingFilesTests: XCTestCase {
    let policy = "default-src 'self'; img-src 'self' data:; object-src 'none'"

    func files(base: String = "/council/") throws -> HostingFiles {
        try XCTUnwrap(
            HostingFiles(
                basePath: base, aliases: [.init(from: "old/bins/", to: base + "bins/"), .init(from: "v1.0/", to: base + "pay/")],
                contentSecurityPolicy: policy))
    }

    func testNetlifyHeadersSetSecurityHeadersEverywhereAndCacheAssets() throws {
        XCTAssertEqual(
            try files().netlifyHeaders(),
            """
            /council/*
              Content-Security-Policy: default-src 'self'; img-src 'self' data:; object-src 'none'
              X-Content-Type-Options: nosniff
              Referrer-Policy: strict-origin-when-cross-origin
              Permissions-Policy: camera=(), microphone=(), geolocation=()

            /council/assets/*
              Cache-Control: public, max-age=3600

            """)
    }

    func testNginxIncludeRedirectsHidesConfigurationAndRepeatsHeadersForAssets() throws {
        let headers = """
            add_header Content-Security-Policy "default-src 'self'; img-src 'self' data:; object-src 'none'" always;
            add_header X-Content-Type-Options "nosniff" always;
            add_header Referrer-Policy "strict-origin-when-cross-origin" always;
            add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
            """
        let indented = headers.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        XCTAssertEqual(
            try files().nginx(),
            """
            # Plainsite: hosting rules for the site at /council/. Include this file inside a server block
            # whose root is the folder that holds the site at /council/ (see docs/deploy.md).
            error_page 404 /council/404.html;
            \(headers)
            location ^~ /council/assets/ {
            \(indented)
                add_header Cache-Control "public, max-age=3600" always;
            }
            location = /council/_headers { return 404; }
            location = /council/_redirects { return 404; }
            location = /council/nginx.conf { return 404; }
            location = /council/.htaccess { return 404; }
            location = /council/web.config { return 404; }
            location = /council/old/bins/ { return 301 /council/bins/; }
            location = /council/v1.0/ { return 301 /council/pay/; }

            """)
    }

    func testHtaccessMatchesAliasesExactly() throws {
        XCTAssertEqual(
            try files().htaccess(),
            #"""
            # Plainsite: hosting rules for the site at /council/ (Apache 2.4, see docs/deploy.md).
            ErrorDocument 404 /council/404.html
            Header always set Content-Security-Policy "default-src 'self'; img-src 'self' data:; object-src 'none'"
            Header always set X-Content-Type-Options "nosniff"
            Header always set Referrer-Policy "strict-origin-when-cross-origin"
            Header always set Permissions-Policy "camera=(), microphone=(), geolocation=()"
            <If "%{REQUEST_URI} =~ m#^/council/assets/#">
                Header always set Cache-Control "public, max-age=3600"
            </If>
            RedirectMatch 404 ^/council/(_headers|_redirects|nginx\.conf|web\.config)$
            RedirectMatch 301 ^/council/old/bins/$ /council/bins/
            RedirectMatch 301 ^/council/v1\.0/$ /council/pay/

            """#)
    }

    func testWebConfigForASiteAtTheRootWithoutAliasesNeedsNoRewriteModule() throws {
        let files = try XCTUnwrap(HostingFiles(basePath: "/", aliases: [], contentSecurityPolicy: "default-src 'self'"))
        XCTAssertEqual(
            files.webConfig(),
            """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- Plainsite: hosting rules for the site at / (IIS 10, see docs/deploy.md). -->
            <configuration>
              <system.webServer>
                <httpErrors errorMode="Custom" existingResponse="Replace">
                  <remove statusCode="404" subStatusCode="-1" />
                  <error statusCode="404" path="/404.html" responseMode="ExecuteURL" />
                </httpErrors>
                <httpProtocol>
                  <customHeaders>
                    <remove name="Content-Security-Policy" />
                    <add name="Content-Security-Policy" value="default-src &#39;self&#39;" />
                    <remove name="X-Content-Type-Options" />
                    <add name="X-Content-Type-Options" value="nosniff" />
                    <remove name="Referrer-Policy" />
                    <add name="Referrer-Policy" value="strict-origin-when-cross-origin" />
                    <remove name="Permissions-Policy" />
                    <add name="Permissions-Policy" value="camera=(), microphone=(), geolocation=()" />
                  </customHeaders>
                </httpProtocol>
              </system.webServer>
              <location path="assets">
                <system.webServer>
                  <staticContent>
                    <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="01:00:00" cacheControlCustom="public" />
                  </staticContent>
                </system.webServer>
              </location>
            </configuration>

            """)
    }

    func testWebConfigRedirectsEachAliasWithAnExactRule() throws {
        let text = try files().webConfig()
        XCTAssertTrue(
            text.contains(
                """
                    <rewrite>
                      <rules>
                        <rule name="Moved: old/bins/" stopProcessing="true">
                          <match url="^old/bins/$" />
                          <action type="Redirect" url="/council/bins/" redirectType="Permanent" />
                        </rule>
                        <rule name="Moved: v1.0/" stopProcessing="true">
                          <match url="^v1\\.0/$" />
                          <action type="Redirect" url="/council/pay/" redirectType="Permanent" />
                        </rule>
                      </rules>
                    </rewrite>
                  </system.webServer>
                """), text)
    }

    func testAnythingButAPlainPathOrPolicyIsRefused() {
        for base in ["/a b/", "/a\"/", "/a;b/", "/$host/", "/a/../", "//x/", "/é/", "/a{/", "council/"] {
            XCTAssertNil(HostingFiles(basePath: base, aliases: [], contentSecurityPolicy: nil), base)
        }
        for alias in ["old/ 301", "/old/", "a\n/b/", "a/../b/", "a;/"] {
            XCTAssertNil(HostingFiles(basePath: "/", aliases: [.init(from: alias, to: "/new/")], contentSecurityPolicy: nil), alias)
        }
        XCTAssertNil(HostingFiles(basePath: "/", aliases: [.init(from: "old/", to: "https://evil.example/")], contentSecurityPolicy: nil))
        for value in ["a\" always; add_header X", "default-src $host", "a\nb", "100%", "a\\b", "{{csp}}", ""] {
            XCTAssertNil(HostingFiles(basePath: "/", aliases: [], contentSecurityPolicy: value), value)
        }
        XCTAssertEqual(
            HostingFiles(basePath: "/", aliases: [], contentSecurityPolicy: nil)?.headers.map(\.name),
            ["X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"])
    }

    func testThePolicyIsTheOneTheCouncilThemesPagesCarry() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let base = try String(contentsOf: root.appendingPathComponent("Sources/BuiltIn/theme/council/templates/base.mustache"), encoding: .utf8)
        XCTAssertEqual(
            HostingFiles.contentSecurityPolicy(inTemplate: base),
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")
        XCTAssertNil(HostingFiles.contentSecurityPolicy(inTemplate: "<meta charset=\"utf-8\">"))
        XCTAssertEqual(HostingFiles.iisDuration(90061), "1.01:01:01")
    }

    func testAWebConfigFromContentIsNeverPublishedEvenWhenItsTypeIsListed() throws {
        let problem = try XCTUnwrap(FileTypePolicy(extra: ["config"]).problem(with: "forms/web.config", contentFolder: "content/main"))
        XCTAssertEqual(problem.severity, .error)
    }
}
