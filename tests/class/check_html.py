#!/usr/bin/env python3
"""Checks build/class/section.html, the fragment the instructor's report
inlines: one <section id="class"> element and nothing else, every element
closed in order (void elements aside), no script, no style sheet, no
external resource, the SVG inlined with role="img", an aria-labelledby and a
<title>, its ids prefixed "class-" and unique, and every reference to an
id resolved inside the fragment.  With --text S, S must appear as text
(escaped in the source, so the parser gives it back).

    tests/class/check_html.py FILE [--text S]...
"""
import html.parser
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.roots = [], [], []
        self.ids, self.refs, self.text = [], [], []
        self.svg = None
        self.svg_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if not self.stack:
            self.roots.append((tag, a.get("id")))
        if tag in ("script", "link", "iframe", "object", "embed", "style"):
            self.errors.append("a <%s> element" % tag)
        for k, v in attrs:
            v = v or ""
            if k.startswith("on"):
                self.errors.append("an event handler %s=" % k)
            if k in ("src", "href", "xlink:href") and not v.startswith("#"):
                self.errors.append("an external resource %s=%r" % (k, v))
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
            self.errors.append("</%s> closes <%s>" %
                               (tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        if not self.stack and data.strip():
            self.errors.append("text outside the section: %r" % data[:40])
        self.text.append(data)

    def handle_decl(self, decl):
        self.errors.append("a declaration <!%s>" % decl[:30])

    def handle_pi(self, data):
        self.errors.append("a processing instruction <?%s>" % data[:30])


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
    e = c.errors
    if c.stack:
        e.append("unclosed: %s" % " ".join("<%s>" % t for t in c.stack))
    if c.roots != [("section", "class")]:
        e.append("the fragment must be one <section id=\"class\">, not %r"
                 % c.roots[:5])
    if c.svg is None:
        e.append("no inline <svg>")
    else:
        label = c.svg.get("aria-labelledby")
        if c.svg.get("role") != "img" or not label or label not in c.ids:
            e.append("the <svg> needs role=\"img\" and an aria-labelledby "
                     "that names an element of the fragment")
        if not c.svg_title:
            e.append("the <svg> needs a <title> as its first child")
    dup = {i for i in c.ids if c.ids.count(i) > 1}
    if dup:
        e.append("ids used twice: %s" % sorted(dup)[:5])
    bad = [i for i in c.ids if i != "class" and not i.startswith("class-")]
    if bad:
        e.append("ids without the class- prefix: %s" % bad[:5])
    missing = sorted(set(r for r in c.refs if r not in c.ids))
    if missing:
        e.append("references to missing ids: %s" % missing[:5])
    text = "".join(c.text)
    for w in want:
        if w not in text:
            e.append("the text %r is not in the fragment" % w)
    for x in e:
        print("%s: %s" % (path, x), file=sys.stderr)
    if not e:
        print("class: %s is one valid, self-contained <section id=\"class\"> "
              "(%d ids, inline SVG with title and aria-labelledby)" % (path, len(c.ids)))
    sys.exit(1 if e else 0)


main()
