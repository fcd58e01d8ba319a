"""Finding quotation-mark spans in a body by scanning its characters.

Double marks (curly and straight) and single marks (curly and straight, as
British copy uses them) are paired paragraph by paragraph. A straight mark
is an opener or a closer by what surrounds it: an opener follows a space or
an opening bracket and is followed by a letter, a closer the other way
round. An opener met inside an open quote ends that quote there (copy that
lost its paragraph breaks: `... honour. "It's ...`); a double quote still
open at the end of its paragraph ends there and is marked `unclosed`, so
that the caller can continue it into the next paragraph. Single marks are
only taken when they close within their paragraph, and never inside a
double quote (where they are a quote within the quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE = "\u201c", "\u201d", '"'
SINGLE_OPEN, SINGLE_CLOSE, SINGLE = "\u2018", "\u2019", "'"
OPEN_CONTEXT = set("([{\u2014\u2013-/:")
CLOSE_CONTEXT = set(".,;:!?)]}\u2014\u2013-")
# the only characters the scan acts on: it jumps from one to the next
MARKS_RE = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE + SINGLE_OPEN
                                      + SINGLE_CLOSE + SINGLE) + "]")


@dataclass
class MarkSpan:
    """One quoted stretch: `open`/`close` include the marks, `start`/`end`
    the words between them (character offsets into the body)."""

    open: int
    start: int
    end: int
    close: int
    closed: bool
    single: bool = False
    paragraph: int = 0
    para_start: bool = False  # the mark opens its paragraph

    @property
    def unclosed_at_paragraph_end(self) -> bool:
        return not self.closed and not self.single


def _is_opener(line: str, i: int) -> bool:
    prev = line[i - 1] if i > 0 else " "
    nxt = line[i + 1] if i + 1 < len(line) else " "
    return (prev.isspace() or prev in OPEN_CONTEXT) and not nxt.isspace()


def _is_closer(line: str, i: int) -> bool:
    prev = line[i - 1] if i > 0 else " "
    nxt = line[i + 1] if i + 1 < len(line) else " "
    return not prev.isspace() and (nxt.isspace() or nxt in CLOSE_CONTEXT
                                   or nxt in (DOUBLE, DOUBLE_CLOSE))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_line(line: str, base: int, para: int) -> list[MarkSpan]:
    out: list[MarkSpan] = []
    dopen: int | None = None  # offset of an open double mark (in line)
    sopen: int | None = None  # offset of an open single mark
    lead = len(line) - len(line.lstrip())

    def finish(o: int, c_start: int, c_end: int, closed: bool, single: bool) -> None:
        s, e = _trim(line, o + 1, c_start)
        out.append(MarkSpan(base + o, base + s, base + e, base + c_end, closed, single,
                            para, o == lead))

    for match in MARKS_RE.finditer(line):
        i, ch = match.start(), match.group()
        if ch in (DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE):
            sopen = None  # a single mark still open here was an apostrophe
            if ch == DOUBLE_OPEN:
                opener, closer = True, False
            elif ch == DOUBLE_CLOSE:
                opener, closer = False, True
            else:
                opener, closer = _is_opener(line, i), _is_closer(line, i)
            if dopen is None:
                if opener or not closer:
                    dopen = i
                continue
            if opener and not closer:  # a new quote starts: the open one ends here
                finish(dopen, i, i, False, False)
                out[-1].close = out[-1].end
                dopen = i
            else:
                finish(dopen, i, i + 1, True, False)
                dopen = None
        elif ch in (SINGLE_OPEN, SINGLE_CLOSE, SINGLE) and dopen is None:
            nxt = line[i + 1] if i + 1 < len(line) else " "
            if sopen is None:
                if (ch == SINGLE_OPEN or ch == SINGLE and _is_opener(line, i)) \
                        and nxt.isalnum():
                    sopen = i
            elif ch != SINGLE_OPEN and _is_closer(line, i) and not nxt.isalnum():
                finish(sopen, i, i + 1, True, True)
                sopen = None
    if dopen is not None:
        finish(dopen, len(line), len(line), False, False)
        out[-1].close = out[-1].end
    return out


def scan(text: str) -> list[MarkSpan]:
    """Every quoted span of `text`, in order."""
    out: list[MarkSpan] = []
    pos = 0
    para = 0
    for line in text.split("\n"):
        if line.strip():
            if MARKS_RE.search(line):  # a line without marks has no span
                out.extend(_scan_line(line, pos, para))
            para += 1
        pos += len(line) + 1
    return [s for s in out if s.end > s.start]
