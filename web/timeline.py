"""A speaker's quotes per month as the bars of a chart drawn on the server: the template writes
them as inline SVG (no script), each bar a link to that month's quotes."""

from __future__ import annotations

from dataclasses import dataclass

# Geometry of the chart, in SVG units: bar width and gap, plot height, room for the year labels.
BAR_WIDTH = 14
BAR_GAP = 4
PLOT_HEIGHT = 80
LABEL_HEIGHT = 16
# A bar of one quote is still this tall, so that it can be seen and clicked.
MIN_BAR = 3


@dataclass(frozen=True)
class Bar:
    """One month of the chart: YYYY-MM, its count, and where its bar and label go."""

    month: str
    count: int
    x: int
    y: int
    height: int
    # The year written under the bar (its January, or the first month shown), else "".
    year_label: str = ""


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    width: int
    height: int
    plot_height: int = PLOT_HEIGHT


def timeline(months: list[tuple[str, int]]) -> Timeline | None:
    """The bars of every month from the first to the last counted (months without a quote
    have no bar), or None when nothing is dated."""
    counts = dict(months)
    if not counts:
        return None
    first, last = min(counts), max(counts)
    top = max(counts.values())
    bars = []
    for n, month in enumerate(_months_between(first, last)):
        count = counts.get(month, 0)
        height = max(MIN_BAR, round(PLOT_HEIGHT * count / top)) if count else 0
        label = month[:4] if n == 0 or month.endswith("-01") else ""
        x = n * (BAR_WIDTH + BAR_GAP)
        bars.append(Bar(month, count, x, PLOT_HEIGHT - height, height, label))
    width = len(bars) * (BAR_WIDTH + BAR_GAP) - BAR_GAP
    return Timeline(bars, max(width, 40), PLOT_HEIGHT + LABEL_HEIGHT)


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out
