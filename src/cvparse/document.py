"""What intake hands to segmentation: a document as lines in reading order.

Every reader (text, Markdown, PDF, DOCX) produces the same :class:`Document`, so
segmentation and the extractors never know where a line came from. Layout facts are kept
where the format has them (page, box, font size, bold) because they are heading cues and
because evidence points back at them. ``Document.text`` joins the lines with ``\\n`` and
each line knows its offset in it, so any value can be traced to a character span.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, init=False)
class Line:
    """One line of text in reading order.

    ``text`` is the line as written (full-width forms kept); ``page`` counts from 0;
    ``bbox`` is ``(x0, top, x1, bottom)`` in PDF points where the format has layout;
    ``size`` the dominant font size; ``bold`` whether most characters are bold;
    ``heading`` a hint from the format itself (a Markdown ``#`` line, a Word heading style).
    """

    text: str
    page: int = 0
    bbox: tuple[float, float, float, float] | None = None
    size: float | None = None
    bold: bool = False
    heading: bool = False

    def __init__(
        self,
        text: str,
        page: int = 0,
        bbox: tuple[float, float, float, float] | None = None,
        size: float | None = None,
        bold: bool = False,
        heading: bool = False,
    ) -> None:
        # Every line of every document is built here: the slots are set directly, as the
        # generated frozen __init__ would through object.__setattr__, at half the cost.
        _SET_TEXT(self, text)
        _SET_PAGE(self, page)
        _SET_BBOX(self, bbox)
        _SET_SIZE(self, size)
        _SET_BOLD(self, bold)
        _SET_HEADING(self, heading)


# The slot descriptors' setters (they bypass the frozen __setattr__, as object.__setattr__ does).
_SET_TEXT, _SET_PAGE, _SET_BBOX, _SET_SIZE, _SET_BOLD, _SET_HEADING = (
    Line.__dict__[name].__set__ for name in ("text", "page", "bbox", "size", "bold", "heading")
)


@dataclass(slots=True)
class Document:
    """A document's lines plus what intake learnt about the file."""

    lines: list[Line]
    source: str | None = None
    format: str = "text"
    pages: int = 1
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def offsets(self) -> list[int]:
        """Start offset of each line in :attr:`text`."""
        out: list[int] = []
        pos = 0
        for line in self.lines:
            out.append(pos)
            pos += len(line.text) + 1
        return out
