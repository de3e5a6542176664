#!/usr/bin/env python3
"""Checks build/class/section.html, the fragment the instructor's report
inlines: one <section id="class"> element and nothing else, every element
closed in order (void elements aside), no script, no style sheet, no
external resource, the SVG inlined with role="img", an aria-labelledby and a
<title>, its ids prefixed "class-" and unique, and every reference to an
id resolved inside the fragment.  With --text S, S must appear as text
(escaped in the source, so the parser gives it back).  Each of those
checks is a case: the last line is "cases: P passed, F failed"
(scripts/suite.sh counts it).

    tests/class/check_html.py FILE [--text S]...
"""
import html.parser
import sys

# The checks made while parsing; each problem is filed under one.
CONTENT = "no script, style sheet, event handler or external resource"
NESTING = "every element closed in order"
OUTSIDE = "no text outside the section"
DECL = "no declaration or processing instruction"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.roots = [], []
        self.errors = {CONTENT: [], NESTING: [], OUTSIDE: [], DECL: []}
        self.ids, self.refs, self.text = [], [], []
        self.svg = None
        self.svg_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if not self.stack:
            self.roots.append((tag, a.get("id")))
        if tag in ("script", "link", "iframe", "object", "embed", "style"):
            self.errors[CONTENT].append("a <%s> element" % tag)
        for k, v in attrs:
            v = v or ""
            if k.startswith("on"):
                self.errors[CONTENT].append("an event handler %s=" % k)
            if k in ("src", "href", "xlink:href") and not v.startswith("#"):
                self.errors[CONTENT].append("an external resource %s=%r" % (k, v))
            if k in ("src", "href", "xlink:href") and v.startswith("#"):
                self.refs.append(v[1:])
            if "url(" in v:
                self.refs += [r.split(")")[0] for r in v.split("url(#")[1:]]
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "svg":
            self.svg = a
        if tag == "title" and self.stack and self.stack[-1] == "svg":
            self.svg_title = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        # SVG's self-closing elements (<path/>) open and close at once.
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors[NESTING].append(
                "</%s> closes <%s>" %
                (tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        if not self.stack and data.strip():
            self.errors[OUTSIDE].append("text outside the section: %r" % data[:40])
        self.text.append(data)

    def handle_decl(self, decl):
        self.errors[DECL].append("a declaration <!%s>" % decl[:30])

    def handle_pi(self, data):
        self.errors[DECL].append("a processing instruction <?%s>" % data[:30])


def main():
    path, want = sys.argv[1], []
    args = sys.argv[2:]
    while args[:1] == ["--text"]:
        want.append(args[1])
        args = args[2:]
    src = open(path, encoding="utf-8").read()
    c = Checker()
    c.feed(src)
    c.close()
    checks = c.errors  # check -> its problems; the parse's, then these
    if c.stack:
        checks[NESTING].append("unclosed: %s" %
                               " ".join("<%s>" % t for t in c.stack))

    def check(ok, problem):
        checks[problem] = [] if ok else [problem]

    check(c.roots == [("section", "class")],
          "the fragment must be one <section id=\"class\">, not %r"
          % c.roots[:5])
    svg = c.svg or {}
    label = svg.get("aria-labelledby")
    check(svg.get("role") == "img" and label and label in c.ids,
          "the fragment needs an inline <svg> with role=\"img\" and an "
          "aria-labelledby that names an element of the fragment")
    check(c.svg_title, "the <svg> needs a <title> as its first child")
    dup = {i for i in c.ids if c.ids.count(i) > 1}
    check(not dup, "ids used twice: %s" % sorted(dup)[:5])
    bad = [i for i in c.ids if i != "class" and not i.startswith("class-")]
    check(not bad, "ids without the class- prefix: %s" % bad[:5])
    missing = sorted(set(r for r in c.refs if r not in c.ids))
    check(not missing, "references to missing ids: %s" % missing[:5])
    text = "".join(c.text)
    for w in want:
        check(w in text, "the text %r is not in the fragment" % w)
    failed = [k for k, problems in checks.items() if problems]
    for k in failed:
        for x in checks[k]:
            print("%s: %s" % (path, x), file=sys.stderr)
    if not failed:
        print("class: %s is one valid, self-contained <section id=\"class\"> "
              "(%d ids, inline SVG with title and aria-labelledby)" % (path, len(c.ids)))
    print("cases: %d passed, %d failed" % (len(checks) - len(failed), len(failed)))
    sys.exit(1 if failed else 0)


main()
