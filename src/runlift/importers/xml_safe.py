"""Safe, streaming XML reading for device files (GPX, TCX).

Every byte of XML that runlift reads goes through :mod:`defusedxml` (DESIGN.md). The GPX
and TCX importers do not hand files to gpxpy or tcxreader: gpxpy runs its own parser
(``xml.dom.minidom`` or lxml), so it could only be used after a separate defused
pre-parse, which doubles the work and still builds a whole document tree. Instead one
pass of :class:`defusedxml.ElementTree.DefusedXMLParser` feeds a *target* object
(:class:`StreamTarget`) that sees each element's start, text and end and keeps only
the numbers it needs. No tree is built, so memory stays bounded whatever the shape of
the file, and a one-hour 1 Hz track takes about a tenth of a second.

What is refused, always as :class:`~runlift.importers.base.ImportFileError` with a
reason a person can act on:

* a document type declaration (``<!DOCTYPE ...>``), and with it every entity trick:
  billion laughs, quadratic blow-up, external entities that would read local files
  (``file:///etc/passwd``) or the network. GPX and TCX never need a DTD. External
  entities are refused a second time by defusedxml's ``forbid_external``, and entity
  declarations by ``forbid_entities``, so nothing is ever fetched or expanded;
* files over :data:`MAX_XML_BYTES` (200 MB: a 48-hour 1 Hz TCX written like the
  Garmin samples, about 700 bytes a trackpoint, is about 120 MB), checked before
  parsing;
* nesting deeper than :data:`MAX_DEPTH` (the deepest real TCX path is 11 levels),
  more than :data:`MAX_ELEMENTS` elements (a 48-hour 1 Hz TCX has about 2.3 million),
  more than one element per :data:`MIN_BYTES_PER_ELEMENT` bytes read so far (the
  samples average 38-54 bytes, compact files without indentation about 30;
  ``<a/><a/>...`` has 4) and more than :data:`MAX_NAMES` different element or
  attribute names (real files use fewer than 100). Each limit stops the parse as soon
  as it is crossed, so a hostile file is refused within a fraction of a second;
* a piece of the file fed to the parser (:data:`FEED_BYTES`, 1 MiB) with no ``<`` or
  ``>`` in it, so any text or attribute value over 2 MiB: no real file has one, and
  refusing early keeps expat from buffering a giant attribute. Element text is kept
  only up to :data:`MAX_TEXT_CHARS` characters and otherwise passes through in 8 KB
  pieces, so memory stays bounded;
* not XML at all, an HTML page, a ZIP, gzip or FIT file, XML whose root element is
  not the one expected (a KML file, a TCX file given as GPX ...), an encoding
  declaration that does not match the bytes, and files cut short.

UTF-8 with or without a BOM, UTF-16 (with a BOM, or declared), ISO-8859-1,
windows-1252 and the other single-byte encodings Python knows are read as declared.
"""

from __future__ import annotations

from typing import Any
from xml.parsers.expat import errors as expat_errors

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from runlift.importers.base import ImportFileError

MAX_XML_BYTES = 200 * 1024 * 1024
MAX_DEPTH = 32
MAX_ELEMENTS = 4_000_000
MAX_NAMES = 2_000
MIN_BYTES_PER_ELEMENT = 10
ELEMENT_SLACK = 10_000
MAX_TEXT_CHARS = 4_096
FEED_BYTES = 1 << 20

_CODE = expat_errors.codes
_TRUNCATION_CODES = {
    _CODE[expat_errors.XML_ERROR_NO_ELEMENTS],
    _CODE[expat_errors.XML_ERROR_UNCLOSED_TOKEN],
    _CODE[expat_errors.XML_ERROR_PARTIAL_CHAR],
    _CODE[expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION],
}
_ENCODING_CODES = {
    _CODE[expat_errors.XML_ERROR_UNKNOWN_ENCODING],
    _CODE[expat_errors.XML_ERROR_INCORRECT_ENCODING],
}
_JUNK_AFTER = _CODE[expat_errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]

#: What a root element says about a file given to the wrong importer.
_KNOWN_ROOTS = {
    "gpx": "a GPX file",
    "TrainingCenterDatabase": "a TCX file",
    "kml": "a KML file (Google Earth)",
    "html": "an HTML page",
    "FitnessWorkbook": "a Garmin workout file",
    "PWX": "a TrainingPeaks PWX file",
}


class XmlRefused(Exception):
    """Raised by a target to stop the parse; ``reason`` is shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StreamTarget:
    """Receives the parse as events; subclasses implement :meth:`on_start`/:meth:`on_end`.

    ``stack`` holds the local names (namespace removed) of the open elements, the
    current one last, during both calls. ``on_end`` gets the element's own text,
    stripped and cut to :data:`MAX_TEXT_CHARS`. Namespaces are ignored on purpose:
    GPX 1.0 and 1.1, TrackPointExtension v1 and v2 and the prefixes each app picks
    all reduce to the same local names.
    """

    #: Local name the root element must have, and the format's name for messages.
    root = ""
    kind = ""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.elements = 0
        #: Elements allowed so far; parse_stream raises it as bytes are fed.
        self.budget = ELEMENT_SLACK
        self._local: dict[str, str] = {}
        self._text: list[str] = []
        self._text_len = 0

    # -- hooks for subclasses -------------------------------------------------
    def on_start(self, local: str, attrib: dict[str, str]) -> None:
        """An element opened (its attributes are complete, its text is not yet)."""

    def on_end(self, local: str, text: str) -> None:
        """An element closed; ``text`` is its own text, stripped."""

    # -- the ElementTree target protocol ----------------------------------------
    def start(self, tag: str, attrib: dict[str, str]) -> None:
        local = self._local.get(tag)
        if local is None:
            local = self._new_name(tag)
        if attrib:
            for key in attrib:
                if key not in self._local:
                    self._new_name(key)
        self.elements += 1
        if self.elements > self.budget:
            self._too_many()
        stack = self.stack
        if not stack:
            self._check_root(local, tag)
        stack.append(local)
        if len(stack) > MAX_DEPTH:
            raise XmlRefused(
                f"nests XML elements more than {MAX_DEPTH} deep, which no real "
                f"{self.kind} file does; refused"
            )
        self._text = []
        self._text_len = 0
        self.on_start(local, attrib)

    def data(self, text: str) -> None:
        if self._text_len < MAX_TEXT_CHARS:
            self._text.append(text)
            self._text_len += len(text)

    def end(self, tag: str) -> None:
        parts = self._text
        text = (parts[0] if len(parts) == 1 else "".join(parts)).strip() if parts else ""
        self._text = []
        self._text_len = 0
        self.on_end(self.stack[-1], text)
        self.stack.pop()

    def close(self) -> None:
        return None

    # -- helpers --------------------------------------------------------------
    def _too_many(self) -> None:
        if self.elements > MAX_ELEMENTS:
            raise XmlRefused(
                f"has more than {MAX_ELEMENTS:,} XML elements, far more than any real "
                f"{self.kind} file; refused"
            )
        raise XmlRefused(
            f"packs XML elements far more densely than any real {self.kind} file "
            f"(more than one per {MIN_BYTES_PER_ELEMENT} bytes); refused"
        )

    def _new_name(self, tag: str) -> str:
        if len(self._local) >= MAX_NAMES:
            raise XmlRefused(
                f"uses more than {MAX_NAMES:,} different XML names, which no real "
                f"{self.kind} file does; refused"
            )
        local = tag.rpartition("}")[2]
        self._local[tag] = local
        return local

    def _check_root(self, local: str, tag: str) -> None:
        if local == self.root:
            return
        known = _KNOWN_ROOTS.get(local) or _KNOWN_ROOTS.get(local.lower())
        if known:
            raise XmlRefused(f"is {known}, not a {self.kind} file")
        raise XmlRefused(f"is XML but not a {self.kind} file: its root element is <{local}>")


def _sniff(data: bytes, kind: str) -> str | None:
    """A reason to refuse ``data`` before parsing it, or None to go ahead."""
    if not data:
        return "the file is empty"
    if len(data) > MAX_XML_BYTES:
        return (
            f"is {len(data) / 1e6:.0f} MB; {kind} files over "
            f"{MAX_XML_BYTES // (1024 * 1024)} MB are refused"
        )
    if data[:2] == b"\x1f\x8b":
        return f"is gzip-compressed: unpack it (it should give a .{kind.lower()} file) first"
    if data[:4] == b"PK\x03\x04":
        return f"is a ZIP archive, not a single {kind} file: unpack it first"
    if len(data) >= 12 and data[8:12] == b".FIT":
        return f"is a FIT file, not {kind}: import it as FIT"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:2] in (b"<\x00", b"\x00<"):
        return None  # UTF-16: expat reads it
    head = data[:2048]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    head = head.lstrip(b" \t\r\n\x00")
    if not head:
        return "the file is empty (only blank space)"
    if not head.startswith(b"<"):
        return f"is not XML (it starts with {bytes(head[:12])!r}), so not a {kind} file"
    lower = head[:256].lower()
    if lower.startswith((b"<!doctype html", b"<html")):
        return (
            f"is an HTML page (perhaps an error or login page saved instead of the "
            f"file), not a {kind} file"
        )
    return None


def _declared_encoding(data: bytes) -> str:
    head = data[:200]
    if not head.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml"):
        return "utf-8"
    end = head.find(b"?>")
    decl = head[: end if end > 0 else len(head)].decode("ascii", "replace").lower()
    for quote in ('"', "'"):
        marker = "encoding=" + quote
        at = decl.find(marker)
        if at >= 0:
            value = decl[at + len(marker) :]
            return value.split(quote, 1)[0].strip() or "utf-8"
    return "utf-8"


def _explain(error: ParseError, data: bytes, kind: str, at_end: bool) -> str:
    code = getattr(error, "code", None)
    line, column = getattr(error, "position", (0, 0))
    where = f"line {line}, column {column}"
    if code in _TRUNCATION_CODES and at_end:
        return f"the file ends too early (cut off near {where}): copy or download it again"
    if code in _ENCODING_CODES:
        return (
            f"the XML declaration names the encoding {_declared_encoding(data)!r}, which "
            f"does not match the bytes or cannot be read: save the file as UTF-8"
        )
    if code == _JUNK_AFTER:
        return (
            f"has more content after the end of the {kind} document ({where}); "
            f"perhaps two files were joined"
        )
    encoding = _declared_encoding(data)
    if encoding.replace("-", "").replace("_", "") in ("utf8", ""):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            return (
                f"is not valid UTF-8 (byte {bad.start}), although it declares UTF-8 or no "
                f"encoding: save it as UTF-8 or fix the encoding declaration"
            )
    message = str(error).split(":", 1)[0]
    return f"is not well-formed XML ({message} at {where})"


def parse_stream(data: bytes, name: str, target: StreamTarget) -> None:
    """Parse ``data`` into ``target``; every problem becomes an ImportFileError."""
    kind = target.kind
    reason = _sniff(data, kind)
    if reason is not None:
        raise ImportFileError(name, reason)
    parser: Any = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    at_end = False
    try:
        for offset in range(0, len(data), FEED_BYTES):
            chunk = data[offset : offset + FEED_BYTES]
            if len(chunk) == FEED_BYTES and b"<" not in chunk and b">" not in chunk:
                raise XmlRefused(
                    f"has more than {FEED_BYTES // (1024 * 1024)} MB of text or attribute "
                    f"without any markup (near byte {offset:,}), which no real {kind} "
                    f"file has; refused"
                )
            fed = offset + len(chunk)
            target.budget = min(MAX_ELEMENTS, fed // MIN_BYTES_PER_ELEMENT + ELEMENT_SLACK)
            parser.feed(chunk)
        at_end = True
        parser.close()
    except XmlRefused as refused:
        raise ImportFileError(name, refused.reason) from None
    except LookupError:  # an encoding Python does not know
        raise ImportFileError(
            name,
            f"the XML declaration names the encoding {_declared_encoding(data)!r}, which "
            f"cannot be read: save the file as UTF-8",
        ) from None
    except DTDForbidden:
        raise ImportFileError(
            name,
            f"contains a document type declaration (<!DOCTYPE ...>), which {kind} files "
            f"never need; refused for safety (it can define entities that exhaust memory "
            f"or read local files)",
        ) from None
    except EntitiesForbidden:
        raise ImportFileError(
            name, f"declares XML entities, which {kind} files never need; refused for safety"
        ) from None
    except ExternalReferenceForbidden:
        raise ImportFileError(
            name,
            "refers to an external entity; refused: an import never reads other files or "
            "the network",
        ) from None
    except ParseError as error:
        raise ImportFileError(name, _explain(error, data, kind, at_end)) from None
