"""Parses every calendar file (.ics) Plainsite writes with the `icalendar` package from PyPI.

Builds the sample content, and a project of events with hostile titles (commas, semicolons,
backslashes, line breaks, long Welsh titles), with the real binary, then checks each file:
CRLF line ends, lines of at most 75 octets, parsed without errors, and each text value read
back exactly as the page gives it. Usage: parse_ics.py PATH-TO-PLAINSITE
"""
import html
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import icalendar

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Event title, description and venue of the hostile project, as Plainsite should read them back.
HOSTILE = [
    ("Carols, mince pies; and a \\ backslash", "Bring a torch, gloves; and a flask.", "Neuadd y Dref, Stryd Fawr; Llanfair"),
    ("Quiz night\\; not an escape, \\n not a line break", "Two lines:\nteams of four.", "The Hall\\Annex"),
    ("Carol service\nand nativity play", "Doors open at 6pm, carols at 7pm; bring a torch.", "Church of St Mary,\nHigh Street"),
    ("Cyngerdd Nadolig Côr Meibion Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch: caneuon, carolau a chân i’r teulu i gyd",
     "Dewch i fwynhau noson o ganu gyda’r côr, gyda mins peis a gwin cynnes i bawb sy’n dod i’r neuadd.", "Neuadd Goffa’r Dref"),
]


def yaml_string(text):
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def hostile_project(folder):
    """A project of one site, with the built-in theme, holding the hostile events."""
    folder.mkdir(parents=True)
    # The theme's accessibility statement needs these facts.
    (folder / "plainsite.yml").write_text(
        "accessibility_statement:\n  contact_email: access@t.example\n  last_tested: 2026-10-01\n  tested_by: the web team\n"
        "  prepared: 2026-10-15\nsites:\n  - id: main\n    title: \"Test, Council; Hall\"\n    base_url: https://t.example/\n",
        encoding="utf-8")
    events = folder / "content" / "main" / "events"
    events.mkdir(parents=True)
    (folder / "content" / "main" / "index.md").write_text(
        "---\ntitle: Home\ndescription: The home page.\n---\nWhat is on.\n", encoding="utf-8")
    for number, (title, description, venue) in enumerate(HOSTILE, start=1):
        (events / f"event-{number}.md").write_text(
            f"---\ntitle: {yaml_string(title)}\ndescription: {yaml_string(description)}\nlayout: event\n"
            f"date: 2026-12-{10 + number}\nvenue: {yaml_string(venue)}\n---\nCome along.\n", encoding="utf-8")


def check_lines(path, data):
    """CRLF after every line, no CR or LF alone, no line over 75 octets, folds never inside a character."""
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("does not end with CRLF")
    for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
        if b"\r" in line or b"\n" in line:
            problems.append(f"line {number} has a bare CR or LF")
        if len(line) > 75:
            problems.append(f"line {number} is {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number} splits a UTF-8 character")
    return [f"{path}: {problem}" for problem in problems]


def parse(path):
    """The file's one event, parsed strictly; problems found on the way."""
    data = path.read_bytes()
    problems = check_lines(path, data)
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        problems += [f"{path}: {component.name} {error}" for error in component.errors]
    events = calendar.walk("VEVENT")
    if len(events) != 1:
        return None, problems + [f"{path}: {len(events)} events, not 1"]
    for field in ["UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL"]:
        if field not in events[0]:
            problems.append(f"{path}: no {field}")
    return events[0], problems


def page_title(ics):
    """The event's title as its page shows it (the h1 beside the calendar file)."""
    text = (ics.parent / "index.html").read_text(encoding="utf-8")
    found = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else None


def build(binary, project, output):
    result = subprocess.run([binary, "build", "--output", str(output)], cwd=project, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"plainsite build failed in {project} ({result.returncode}):\n{result.stderr}")


def check_samples(binary, output):
    build(binary, ROOT, output)
    files = sorted(output.rglob("*.ics"))
    problems = [] if files else ["the sample sites have no calendar files"]
    for path in files:
        event, found = parse(path)
        problems += found
        if event is not None and str(event["SUMMARY"]) != page_title(path):
            problems.append(f"{path}: SUMMARY {str(event['SUMMARY'])!r} is not the page's title {page_title(path)!r}")
    return files, problems


def check_hostile(binary, folder):
    hostile_project(folder / "project")
    build(binary, folder / "project", folder / "site")
    problems = []
    for number, (title, description, venue) in enumerate(HOSTILE, start=1):
        path = folder / "site" / "main" / "events" / f"event-{number}" / "event.ics"
        event, found = parse(path)
        problems += found
        if event is None:
            continue
        for field, wanted in [("SUMMARY", title), ("DESCRIPTION", description), ("LOCATION", venue)]:
            if str(event[field]) != wanted:
                problems.append(f"{path}: {field} read back as {str(event[field])!r}, not {wanted!r}")
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        if str(calendar["PRODID"]) != "-//Plainsite//Test, Council; Hall//EN":
            problems.append(f"{path}: PRODID read back as {str(calendar['PRODID'])!r}")
    return len(HOSTILE), problems


def main():
    binary = str(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/plainsite").resolve())
    with tempfile.TemporaryDirectory(prefix="plainsite-ics-") as temporary:
        folder = pathlib.Path(temporary)
        samples, problems = check_samples(binary, folder / "samples")
        hostile, found = check_hostile(binary, folder)
        problems += found
    for problem in problems:
        print(problem)
    print(f"icalendar {icalendar.__version__}: parsed {len(samples)} sample and {hostile} hostile calendar files")
    print(f"ics-parsing: {0 if problems else 1} passed, {1 if problems else 0} failed")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
