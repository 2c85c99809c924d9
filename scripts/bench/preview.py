#!/usr/bin/env python3
"""Times the preview loop: starts `plainsite serve` in a benchmark corpus, then 10 times appends
a new sentence to one content page (a different page each time, from the middle of the corpus)
and measures from the write to the moment a GET of that page's URL returns HTML holding the
sentence (asked every 5 ms; a request already under way may still see the old build).

    preview.py PLAINSITE_BIN CORPUS PAGES DATE RESULT_FILE

Prints a row for run.sh's table and the median and max; writes "median max" (seconds) to
RESULT_FILE. Stops the server at the end, and on failure."""
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

EDITS = 10
START_TIMEOUT = 600
EDIT_TIMEOUT = 60


def get(url):
    """The body of a GET, or "" when the server answers with an error or not at all."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def start(binary, corpus, date):
    """Starts the server on a free port; returns the process and its address once it serves."""
    log = open(os.path.join(corpus, "..", "serve-stderr.txt"), "w")
    process = subprocess.Popen([binary, "serve", "--site", "bench", "--port", "0", "--date", date],
                               cwd=corpus, stdout=subprocess.PIPE, stderr=log, text=True)
    first = []
    reader = threading.Thread(target=lambda: first.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(START_TIMEOUT)
    match = re.search(r"at (http://127\.0\.0\.1:\d+/)", first[0] if first else "")
    if not match:
        raise RuntimeError(f"plainsite serve did not start: {first[0] if first else 'no output'!r}")
    # Keep reading its output so that it never blocks on a full pipe.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    address = match.group(1)
    deadline = time.monotonic() + START_TIMEOUT
    while "</html>" not in get(address):
        if time.monotonic() > deadline:
            raise RuntimeError("plainsite serve did not serve its home page")
        time.sleep(0.05)
    return process, address


def edit_and_wait(corpus, address, page, number):
    """Appends a sentence to the page; returns the seconds until the served page holds it."""
    sentence = f"Preview check q{number}x{time.time_ns() % 1000000:x} is on this page."
    url = f"{address}{page}/"
    path = os.path.join(corpus, "content", "bench", f"{page}.md")
    start = time.monotonic()
    with open(path, "a") as f:
        f.write(f"\n{sentence}\n")
    while time.monotonic() - start < EDIT_TIMEOUT:
        if sentence in get(url):
            return time.monotonic() - start
        time.sleep(0.005)
    raise RuntimeError(f"{url} did not show the edit within {EDIT_TIMEOUT} s")


def peak_kb(pid):
    """The process's peak resident memory in KB (0 where /proc does not tell)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), 0)
    except OSError:
        return 0


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    binary, corpus, pages, date, result = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
    # Let SIGTERM and SIGINT end the script through `finally`, which stops the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    process = None
    try:
        process, address = start(binary, corpus, date)
        times = []
        for number in range(EDITS):
            page = f"page-{(pages - 1) // 2 + number * 7}"
            times.append(edit_and_wait(corpus, address, page, number))
            time.sleep(1)  # (an editor does not save every few milliseconds)
        memory = peak_kb(process.pid)
    finally:
        if process:
            stop(process)
    median, worst = statistics.median(times), max(times)
    print(f"{pages:<8} {'preview':<12} {median:10.3f} {'-':>10} {memory / 1024:9.0f}")
    print(f"{pages:<8} preview edit-to-served over {EDITS} edits: median {median:.3f} s, max {worst:.3f} s "
          f"({', '.join(f'{t:.3f}' for t in times)})")
    with open(result, "w") as f:
        f.write(f"{median} {worst}\n")


if __name__ == "__main__":
    main()
