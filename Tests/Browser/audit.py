#!/usr/bin/env python3
"""Real-browser accessibility audit of the sample sites, run by `make test`.

Builds every sample site into a temporary folder, serves each on 127.0.0.1 with a threaded
server, and for every page at 320x640 and 1280x800 runs axe-core 4.12 (WCAG 2.0, 2.1 and
2.2 A and AA tags) in Chromium through selenium. Also checks that no page scrolls sideways
at 320px (WCAG 1.4.10 Reflow), that every page's main content is there with JavaScript off,
and saves screenshots of each site's home page and one content page at both widths in
.screenshots/ (git-ignored). Any violation fails the audit with page, rule, element and help URL.
"""
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WIDTHS = [(320, 640), (1280, 800)]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOT_PAGES = {"council": "parking/", "townhall": "weddings/", "directservices": "pest-control/", "partnership": "about/"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser closing a connection early (a redirect page moving on) is not a failure.
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=folder)
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def driver(javascript=True):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
                     "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def set_viewport(browser, width, height):
    # Make the page's viewport (not the window) exactly width x height.
    browser.set_window_size(width, height)
    inner = browser.execute_script("return [window.innerWidth, window.innerHeight]")
    browser.set_window_size(width + (width - inner[0]), height + (height - inner[1]))


def pages_of(site_folder):
    found = []
    for folder, _, files in os.walk(site_folder):
        relative = os.path.relpath(folder, site_folder)
        prefix = "" if relative == "." else relative + "/"
        for name in files:
            if name == "index.html":
                found.append(prefix)
            elif name.endswith(".html"):
                found.append(prefix + name)
    return sorted(found)


def report_with_problems(binary, output):
    """The content report of a small project with problems, so its file pages are audited too."""
    project = os.path.join(output, ".problems")
    os.makedirs(os.path.join(project, "content", "main"))
    # A copy, not a link: theme folders linked outside the project are not read (docs/security.md).
    shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(project, "themes"))
    with open(os.path.join(project, "plainsite.yml"), "w", encoding="utf-8") as config:
        config.write(open(os.path.join(ROOT, "plainsite.yml"), encoding="utf-8").read().split("\nsites:")[0]
                     + "\nsites:\n  - id: main\n    title: Problems\n    base_url: https://problems.example/\n")
    with open(os.path.join(project, "content", "main", "index.md"), "w", encoding="utf-8") as page:
        page.write("---\ntitle: Problems\n---\nWe will endeavour to utilise the facility in order to assist residents.\n\n"
                   "[Click here](https://example.com/form.pdf)\n\n![](missing.png)\n")
    with open(os.path.join(project, "content", "main", "warnings.md"), "w", encoding="utf-8") as page:
        page.write("---\ntitle: Warnings only\ndescription: A page with warnings.\n---\nWe will endeavour to help you.\n")
    with open(os.path.join(project, "content", "main", "clean.md"), "w", encoding="utf-8") as page:
        page.write("---\ntitle: All clear\ndescription: A page with no problems.\n---\nYou can pay your bill online.\n")
    subprocess.run([binary, "report", "--output", os.path.join(output, "_report-problems")], cwd=project,
                   capture_output=True, text=True, check=True)


def page_weight(site_folder, page):
    """Bytes of a page's HTML plus the stylesheets and scripts it loads from its own site."""
    import re
    html = open(os.path.join(site_folder, page if page.endswith(".html") else os.path.join(page, "index.html")), encoding="utf-8").read()
    total = len(html.encode("utf-8"))
    for reference in re.findall(r'(?:href|src)="(/[^"]+\.(?:css|js))"', html):
        path = os.path.join(site_folder, reference.lstrip("/"))
        if os.path.exists(path):
            total += os.path.getsize(path)
    return total


def main():
    binary = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "plainsite")
    axe_source = open(os.path.join(ROOT, ".venv", "lib", f"python{sys.version_info.major}.{sys.version_info.minor}",
                                   "site-packages", "axe_playwright_python", "axe.min.js"), encoding="utf-8").read()
    screenshots = os.path.join(ROOT, ".screenshots")
    os.makedirs(screenshots, exist_ok=True)
    started = time.time()
    failures = []
    checked = 0
    with tempfile.TemporaryDirectory() as output:
        build = subprocess.run([binary, "build", "--report", "--output", output], cwd=ROOT, capture_output=True, text=True)
        if build.returncode != 0:
            print(build.stdout + build.stderr)
            print("browser-audit: 0 passed, 1 failed")
            return 1
        report_with_problems(binary, output)
        sites = sorted(name for name in os.listdir(output) if not name.startswith("."))
        servers = {site: serve(os.path.join(output, site)) for site in sites}
        browser = driver()
        no_script = driver(javascript=False)
        try:
            for site in sites:
                port = servers[site].server_address[1]
                for page in pages_of(os.path.join(output, site)):
                    url = f"http://127.0.0.1:{port}/{page}"
                    for width, height in WIDTHS:
                        set_viewport(browser, width, height)
                        browser.get(url)
                        browser.execute_script(axe_source)
                        result = browser.execute_async_script(
                            "const done = arguments[arguments.length - 1];"
                            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                            ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', help: String(e), helpUrl: '', nodes: []}]));",
                            TAGS)
                        for violation in result:
                            targets = [" ".join(node.get("target", [])) if isinstance(node.get("target"), list) else str(node.get("target")) for node in violation.get("nodes", [])]
                            failures.append(f"{site}/{page} at {width}px: {violation['id']}: {violation['help']} — {', '.join(targets[:3])} — {violation.get('helpUrl', '')}")
                        foreign = browser.execute_script(
                            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))")
                        if foreign:
                            failures.append(f"{site}/{page}: requests to other websites: {', '.join(foreign[:3])}")
                        errors = [entry["message"] for entry in browser.get_log("browser") if entry.get("level") == "SEVERE"]
                        if errors:
                            failures.append(f"{site}/{page} at {width}px: browser errors (such as a blocked script or style): {errors[:2]}")
                        overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                        if width == 320 and overflow > 0:
                            failures.append(f"{site}/{page} at 320px: the page scrolls sideways by {overflow}px (WCAG 1.4.10 Reflow)")
                        has_read_aloud = browser.execute_script("return !!document.querySelector('.ps-read-aloud')")
                        if has_read_aloud and not browser.execute_script(
                                "const p = document.querySelector('.ps-read-aloud'); return !p.hidden && p.offsetHeight > 0"):
                            failures.append(f"{site}/{page} at {width}px: the read-aloud button is not shown with JavaScript on")
                        if width == 320 and browser.execute_script("return !!document.querySelector('.ps-menu-toggle')"):
                            state = browser.execute_script(
                                "const b = document.querySelector('.ps-menu-toggle'), n = document.getElementById('ps-nav');"
                                "const before = [b.offsetHeight > 0, n.offsetHeight > 0]; b.click();"
                                "const after = n.offsetHeight > 0; b.click(); return before.concat([after, b.getAttribute('aria-expanded')]);")
                            if state != [True, False, True, "false"]:
                                failures.append(f"{site}/{page} at 320px: the menu button does not fold and unfold the menu ({state})")
                        if page in ("", SCREENSHOT_PAGES.get(site)):
                            name = f"{site}-{'home' if page == '' else page.strip('/').replace('/', '-')}-{width}.png"
                            browser.save_screenshot(os.path.join(screenshots, name))
                        checked += 1
                    no_script.get(url)
                    main_text = no_script.execute_script("const m = document.querySelector('main'); return m ? m.innerText.trim().length : 0")
                    if main_text < 20:
                        failures.append(f"{site}/{page}: with JavaScript off the main content is missing")
                    if no_script.execute_script("const p = document.querySelector('.ps-read-aloud'); return !!p && p.offsetHeight > 0"):
                        failures.append(f"{site}/{page}: the read-aloud button shows with JavaScript off")
                    if not no_script.execute_script("const n = document.getElementById('ps-nav'); return !n || n.offsetHeight > 0"):
                        failures.append(f"{site}/{page}: with JavaScript off the menu is hidden")
                    weight = page_weight(os.path.join(output, site), page)
                    if weight > 50 * 1024:
                        failures.append(f"{site}/{page}: the page weighs {weight // 1024} KB before images (HTML, CSS and JavaScript); the limit is 50 KB")
            # The content report sorts and filters with JavaScript, and lists every page without it.
            port = servers["_report-problems"].server_address[1]
            browser.get(f"http://127.0.0.1:{port}/")
            rows = "return Array.from(document.querySelectorAll('#pages-table tbody tr')).filter(r => !r.hidden).map(r => r.querySelector('th').firstChild.textContent)"
            if browser.execute_script(rows) != ["Problems", "Warnings only", "All clear"]:
                failures.append(f"report: pages should be listed worst first, found {browser.execute_script(rows)}")
            browser.execute_script("document.querySelector('#pages-table thead th button').click()")
            if browser.execute_script(rows) != ["All clear", "Problems", "Warnings only"] or \
                    browser.execute_script("return document.querySelector('#pages-table thead th').getAttribute('aria-sort')") != "ascending":
                failures.append(f"report: sorting by page title does not work, found {browser.execute_script(rows)}")
            browser.execute_script("const s = document.getElementById('filter-severity'); s.value = 'error'; s.dispatchEvent(new Event('change'))")
            status = browser.execute_script("return document.getElementById('filter-status').textContent")
            if browser.execute_script(rows) != ["Problems"] or status != "Showing 1 of 3 pages.":
                failures.append(f"report: the 'pages with errors' filter shows {browser.execute_script(rows)} ({status})")
            browser.execute_script("const s = document.getElementById('filter-severity'); s.value = ''; s.dispatchEvent(new Event('change'));"
                                   "const t = document.getElementById('filter-text'); t.value = 'warnings'; t.dispatchEvent(new Event('input'))")
            if browser.execute_script(rows) != ["Warnings only"]:
                failures.append(f"report: the words filter shows {browser.execute_script(rows)}")
            no_script.get(f"http://127.0.0.1:{port}/")
            if no_script.execute_script("return document.getElementById('filters').offsetHeight") != 0 or \
                    len(no_script.execute_script(rows)) != 3:
                failures.append("report: without JavaScript the filters should be hidden and every page listed")

            # Search works in the browser, ranks titles first and handles plurals; without JavaScript it offers the A to Z.
            port = servers["council"].server_address[1]
            set_viewport(browser, 1280, 800)
            browser.get(f"http://127.0.0.1:{port}/search/?q=missed+bins")
            time.sleep(0.5)
            titles = browser.execute_script("return Array.from(document.querySelectorAll('.ps-search__results a')).map(a => a.textContent)")
            if not titles or titles[0] != "Report a missed bin":
                failures.append(f"search: 'missed bins' should find 'Report a missed bin' first, found {titles[:3]}")
            no_script.get(f"http://127.0.0.1:{port}/search/?q=bins")
            if not no_script.execute_script("const p = document.querySelector('.ps-search__no-script'); return p.offsetHeight > 0 && !!p.querySelector('a[href$=\"/a-to-z/\"]')"):
                failures.append("search: with JavaScript off the page does not offer the A to Z")
        finally:
            browser.quit()
            no_script.quit()
            for server in servers.values():
                server.shutdown()
    for failure in failures:
        print(failure)
    print(f"Checked {checked} page views with axe-core in {time.time() - started:.0f} s; screenshots in .screenshots/")
    print(f"browser-audit: {0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
