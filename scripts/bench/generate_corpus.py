#!/usr/bin/env python3
"""Writes a synthetic council site of N pages for benchmarks: a plainsite.yml, the theme
copied from this repository, and Markdown pages with headings, paragraphs, lists, tables,
links between pages, images with alt text and front matter. Deterministic for a given N."""
import os
import random
import shutil
import sys

TOPICS = ["bins", "council tax", "parking", "planning", "housing", "libraries", "schools", "roads",
          "licensing", "trade waste", "pest control", "street cleaning", "weddings", "room hire"]
SENTENCES = [
    "We collect your bin every week on the same day.",
    "Put your bin at the edge of your property by 7am.",
    "You can pay online, by phone or by Direct Debit.",
    "Tell us if your circumstances change.",
    "We will reply within 10 working days.",
    "You need a permit to park in a resident zone.",
    "Call us if you need help using this service.",
    "Bring proof of your address when you visit.",
    "The library is open from 9am to 5pm on weekdays.",
    "We utilise robust processes in order to deliver services.",
    "Your application will be assessed by an officer.",
    "Prices start at £25 and go up to £1,250 for large items.",
    "Check the map to find your nearest recycling centre.",
    "You can book a collection for up to 3 bulky items.",
    "We send a reminder 2 weeks before your permit runs out.",
    "Tell us your reference number when you call.",
    "Most repairs are done within 20 working days.",
    "Apply online and we will email you a receipt.",
    "Our staff can help you fill in the form at the library.",
    "You do not need to pay for your first bin.",
]


def page(rng, index, total):
    topic = rng.choice(TOPICS)
    title = f"{topic.capitalize()} service {index}"
    links = " ".join(f"See [{TOPICS[(index + k) % len(TOPICS)]} page {(index + k * 7) % total}](/page-{(index + k * 7) % total}/)."
                     for k in range(1, 4))
    body = [f"---\ntitle: {title}\ndescription: How to use the {topic} service {index}.\nupdated: 2026-10-01\n"
            f"review_by: 2027-10-01\ntags: [{topic}]\n---\n"]
    for section in range(3):
        body.append(f"## Part {section + 1} of the {topic} guide\n")
        body.append(" ".join(rng.choice(SENTENCES) for _ in range(4)) + "\n")
        body.append("\n".join(f"- {rng.choice(SENTENCES)}" for _ in range(3)) + "\n")
    body.append("| Item | Price |\n| --- | --- |\n| Small | £10 |\n| Large | £30 |\n")
    body.append(f"![A map of the {topic} area](/assets/logo.svg)\n")
    body.append(links + "\n")
    return "\n".join(body)


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title><meta name="description" content="{{ .Description }}">
<link rel="stylesheet" href="/assets/site.css"></head>
<body><a href="#main">Skip to main content</a>
<header><a href="/">{{ .Site.Title }}</a></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><a href="/accessibility/">Accessibility</a></footer>
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"""


def write_hugo_site(out):
    """The same pages for Hugo: a minimal layout (baseof, single, list) and a configuration,
    so `hugo --source <corpus>` builds the content/bench/ pages the way Plainsite does."""
    layouts = os.path.join(out, "layouts", "_default")
    os.makedirs(layouts, exist_ok=True)
    for name, text in [("baseof.html", HUGO_BASEOF), ("single.html", HUGO_SINGLE), ("list.html", HUGO_LIST)]:
        with open(os.path.join(layouts, name), "w") as f:
            f.write(text)
    with open(os.path.join(out, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://bench.example/"\ntitle = "Benchmark Council"\nlanguageCode = "en-gb"\n'
                'disableKinds = ["taxonomy", "term"]\nenableRobotsTXT = true\npaginate = 10\n'
                # content/bench/index.md is Plainsite's home page; to Hugo an index.md would make the
                # folder a leaf bundle and hide the other pages, so Hugo makes its own home and section list.
                'ignoreFiles = ["bench/index\\\\.md$"]\n')


def main():
    count = int(sys.argv[1])
    out = sys.argv[2]
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "content", "bench"))
    with open(os.path.join(out, "plainsite.yml"), "w") as f:
        f.write("organisation: Benchmark Council\n"
                "accessibility_statement:\n  contact_email: a11y@bench.example\n  last_tested: 2026-10-01\n"
                "  tested_by: the benchmark team\n  prepared: 2026-10-15\n"
                "sites:\n  - id: bench\n    title: Benchmark Council\n    base_url: https://bench.example/\n")
    write_hugo_site(out)
    rng = random.Random(42)
    with open(os.path.join(out, "content", "bench", "index.md"), "w") as f:
        f.write("---\ntitle: Benchmark Council\ndescription: Home page.\n---\nWelcome.\n")
    for index in range(count - 1):
        with open(os.path.join(out, "content", "bench", f"page-{index}.md"), "w") as f:
            f.write(page(rng, index, count - 1))


if __name__ == "__main__":
    main()
