"""Checks an instructor's report (build/report/index.html) as a browser
would read it: html5lib parses it strictly (any parse error fails); it
refers to nothing outside itself; every plot of the manifest whose SVG
file is there is embedded with its title and text alternative, and every
other one is named as missing.

  python3 tests/report/validate.py PAGE --manifest plots/index.tsv \
      --plots build/plots [--refused NAME]... [--text STRING]...

--refused NAME: that plot's file is there but must not be embedded (it is
broken on purpose); --text STRING: the page's text (not its markup) must
contain STRING.  Exit 0 when every check passes, 1 otherwise (each failure
on stderr).  The checks are the cases of its last line, "cases: P passed,
F failed" (scripts/suite.sh counts it): the parse, the references, each
<svg>, each plot of the manifest, the number embedded, each --text.
Needs Debian's python3-html5lib."""
import argparse
import os
import re
import sys

import html5lib

HTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
FORBIDDEN = {"script", "link", "iframe", "object", "embed", "img", "image",
             "audio", "video", "source", "base", "foreignObject"}

checks = {}  # a check's name -> its failures, in the order made


def check(name):
    checks.setdefault(name, [])
    return name


def fail(msg, name):
    checks[name].append(msg)


def cases_line():
    failed = sum(1 for f in checks.values() if f)
    print("cases: %d passed, %d failed" % (len(checks) - failed, failed))


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def check_references(root):
    c = check("references")
    for el in root.iter():
        name = local(el.tag)
        if name in FORBIDDEN:
            fail(f"a <{name}> element: the page must hold nothing external", c)
        for attr, value in el.attrib.items():
            a = local(attr)
            low = value.lower()
            if a in ("src", "srcset", "action", "data", "poster"):
                fail(f"<{name} {a}=\"{value}\">: a reference to a file", c)
            elif a == "href" or attr == XLINK_HREF:
                if not value.startswith("#"):
                    fail(f"<{name} {a}=\"{value}\">: not a link inside the page", c)
            elif any(s in low for s in ("http:", "https:", "file:", "//")):
                fail(f"<{name} {a}=\"{value}\">: an address", c)
            if "url(" in low.replace("url(#", "") or "@import" in low:
                fail(f"<{name} {a}=\"{value}\">: a url() outside the page", c)
        if name == "style":
            text = (el.text or "").lower()
            if "url(" in text or "@import" in text or "http" in text:
                fail("the <style> refers to something outside the page", c)


def manifest_rows(path):
    """The rows the report embeds: a missing manifest has none, and a row
    whose name is not a plain file name is refused (page.sh checks that
    the page says so)."""
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) == 3 and re.fullmatch(r"[A-Za-z0-9_-]+", fields[0]):
                yield fields


def svgs_by_label(root, ids):
    found = {}
    for i, svg in enumerate(root.iter(SVG + "svg")):
        c = check(f"svg {i}")
        if svg.get("role") != "img":
            fail("an <svg> without role=\"img\"", c)
        if svg.get("width") != "100%" or not svg.get("viewBox"):
            fail("an <svg> that does not scale (width=100% and a viewBox)", c)
        label = svg.get("aria-labelledby")
        title = ids.get(label)
        if title is None or local(title.tag) != "title" or title not in list(svg):
            fail(f"an <svg> whose aria-labelledby ({label}) is not its <title>", c)
            continue
        desc = ids.get(svg.get("aria-describedby"))
        found[title.text or ""] = (desc.text or "") if desc is not None else None
    return found


def check_plots(root, text, args):
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    embedded = svgs_by_label(root, ids)
    want = 0
    for name, title, alt in manifest_rows(args.manifest):
        c = check(f"plot {name}")
        path = os.path.join(args.plots, name + ".svg")
        present = os.path.isfile(path) and os.path.getsize(path) > 0
        if present and name not in args.refused:
            want += 1
            if title not in embedded:
                fail(f"plot {name}: {path} exists but no <svg> has the title \"{title}\"", c)
            elif embedded[title] != alt:
                fail(f"plot {name}: its <desc> is not the manifest's text alternative", c)
        elif path not in text:
            fail(f"plot {name}: {path} is not embedded and the page does not name it", c)
    # The class view's fragment (make class) brings its own plot, checked
    # above like the others but not listed in the manifest.
    section = ids.get("class")
    if section is not None:
        want += sum(1 for _ in section.iter(SVG + "svg"))
    c = check("plot count")
    if len(embedded) != want:
        fail(f"{len(embedded)} plots embedded, {want} expected", c)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--plots", required=True)
    ap.add_argument("--refused", action="append", default=[])
    ap.add_argument("--text", action="append", default=[])
    args = ap.parse_args()
    with open(args.page, "rb") as f:
        data = f.read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    try:
        root = parser.parse(data)
    except html5lib.html5parser.ParseError as e:
        line, col = parser.errors[0][0] if parser.errors else ("?", "?")
        print(f"validate: {args.page}:{line}:{col}: not valid HTML: {e}",
              file=sys.stderr)
        fail(str(e), check("parse"))
        cases_line()
        return 1
    check("parse")
    text = "".join(root.itertext())
    check_references(root)
    check_plots(root, text, args)
    for s in args.text:
        c = check(f"text {s!r}")
        if s not in text:
            fail(f"the page's text does not contain {s!r}", c)
    for msg in (m for f in checks.values() for m in f):
        print(f"validate: {args.page}: {msg}", file=sys.stderr)
    cases_line()
    return 1 if any(checks.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
