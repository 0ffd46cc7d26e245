"""The HTML report: self-contained, offline, escaped, signals first, one SVG per chart."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from runlift.analysis.charts import CHARTS
from runlift.analysis.report import Report
from runlift.analysis.report_html import render_html
from tests.analysis.sample_report import (
    HOSTILE,
    empty_report,
    hostile_report,
    sample_report,
)

WEEKS = 26
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
_VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}
_URL_ATTRIBUTES = {"href", "xlink:href", "src", "srcset", "action", "poster", "data", "formaction"}


class Page(HTMLParser):
    """Tags in order, every URL-bearing attribute, and whether elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.problems: list[str] = []
        self._open: list[str] = []

    def _attrs(self, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in _URL_ATTRIBUTES and value is not None:
                self.urls.append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._attrs(attrs)
        if tag not in _VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._attrs(attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self._open[-1:]}")
        else:
            self._open.pop()


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report(weeks=WEEKS)


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return render_html(report)


@pytest.fixture(scope="module")
def hostile() -> str:
    return render_html(hostile_report())


def _section(text: str, element_id: str) -> str:
    start = text.index(f'id="{element_id}"')
    tag = text.rfind("<", 0, start)
    name = re.match(r"<(\w+)", text[tag:])
    assert name is not None
    return text[tag : text.index(f"</{name.group(1)}>", start)]


def _caption(text: str, chart: str) -> str:
    figure = text[text.index(f'id="chart-{chart}"') :]
    return figure[figure.index("<figcaption>") : figure.index("</figcaption>")]


def test_document_is_well_formed_with_one_svg_per_chart(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    parsed = parse(page)
    assert parsed.problems == []
    assert parsed.tags.count("svg") == len(CHARTS) == page.count("<svg")
    for name in CHARTS:
        figure = page[page.index(f'<figure id="chart-{name}">') :]
        figure = figure[: figure.index("</figure>")]
        assert figure.count("<svg") == 1, name


def test_nothing_is_loaded_from_anywhere(page: str) -> None:
    parsed = parse(page)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(parsed.tags)
    assert all(url.startswith("#") for url in parsed.urls), parsed.urls
    # the only absolute URLs allowed are the SVG namespace names, which are never fetched
    without_namespaces = re.sub(r'\sxmlns(:\w+)?="[^"]*"', "", page)
    assert "http://" not in without_namespaces
    assert "https://" not in without_namespaces
    assert "//" not in " ".join(parsed.urls)
    assert re.search(r"url\((?!#)", page) is None
    assert "@import" not in page


def test_header_gives_athlete_period_measure_and_estimated_sessions(
    page: str, report: Report
) -> None:
    header = page[: page.index('<section id="signals"')]
    assert "Training report: Sam" in header
    assert "5 Jan 2026 to 5 Jul 2026 (26 weeks)" in header
    assert "session RPE" in header
    total = sum(sum(w.sources.values()) for w in report.weeks)
    estimated = sum(1 for i in range(WEEKS) if i % 3 == 0)  # the fixture estimates one then
    assert f"Sessions: {total}, of which {estimated} estimated" in header


def test_signals_come_first_most_severe_first_with_their_figures(page: str) -> None:
    assert page.index('id="signals"') < page.index('id="charts"') < page.index('id="weeks"')
    signals = _section(page, "signals")
    assert signals.index("ALERT") < signals.index("WARN") < signals.index("INFO")
    alert = _section(page, "signal-load.ramp")
    assert "Weekly load jumped by 38 %" in alert
    assert "<dt>ramp pct</dt><dd>38.2</dd>" in alert
    assert "<dd>2,140.5</dd>" in alert
    assert "Week of 2 Feb 2026" in alert
    assert "#1011, #1012" in alert
    assert "Hold next week" in alert
    assert "References: [17] [28]" in alert
    info = _section(page, "signal-data.estimated")
    assert "<dt>share</dt><dd>\N{EN DASH}</dd>" in info
    assert "References" not in info  # no refs, no empty line


def test_chart_notes_state_the_acwr_criticisms_and_the_banister_fit(
    page: str, report: Report
) -> None:
    acwr = _caption(page, "acwr")
    assert "[28]" in acwr and "[29]" in acwr and "[30]" in acwr
    assert "mathematically coupled" in acwr and "not an injury probability" in acwr
    fitness = _caption(page, "fitness")
    fit = report.banister
    assert fit is not None
    assert f"fitted to {fit.tests} performance tests (5 km VDOT)" in fitness
    assert "r² = 0.71" in fitness and "RMSE = 0.62" in fitness
    references = _section(page, "references")
    for author in ("Gabbett TJ", "Lolli L", "Impellizzeri FM", "Williams S", "Morton RH"):
        assert author in references
    assert "Latest: deadlift" in _caption(page, "e1rm")


def test_weekly_table_has_a_row_per_week_with_monotony_and_strain(
    page: str, report: Report
) -> None:
    table = _section(page, "weeks")
    body = table[table.index("<tbody>") :]
    assert body.count("<tr>") == WEEKS
    first = report.weeks[0]
    assert first.monotony is not None and first.strain is not None
    assert f"<td>{first.monotony:.2f}</td><td>{first.strain:.0f}</td>" in body


def test_user_text_is_escaped_everywhere(hostile: str) -> None:
    assert HOSTILE not in hostile
    assert "<script" not in hostile.lower()
    assert f"<title>Training report: {ESCAPED}</title>" in hostile
    assert f"<h1>Training report: {ESCAPED}</h1>" in hostile
    signals = _section(hostile, "signals")
    assert f"<dt>{ESCAPED}</dt><dd>{ESCAPED}</dd>" in signals
    assert f"<strong>What to try:</strong> {ESCAPED}" in signals
    assert re.search(
        re.escape(ESCAPED) + r" \d+\.\d kg", _caption(hostile, "e1rm")
    )  # a renamed lift
    assert f"No Banister model was fitted: No fit {ESCAPED} &amp; done" in hostile
    assert ESCAPED in hostile[hostile.index('id="chart-e1rm"') :]  # inside the SVG too
    assert parse(hostile).problems == []


def test_empty_report_still_renders_every_chart_and_says_why_there_is_no_fit() -> None:
    text = render_html(empty_report())
    assert parse(text).problems == []
    assert text.count("<svg") == len(CHARTS)
    assert text.count(": no data") >= len(CHARTS)
    assert "No signals in this period" in text
    assert "No Banister model was fitted: Too few performance tests" in text
    assert "No training logged in this period." in text
