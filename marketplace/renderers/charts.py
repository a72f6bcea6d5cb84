"""Horizontal bar charts drawn on the server as SVG: no JavaScript, nothing from elsewhere.

Each bar has its label on a line of its own above it and its value written after it, so the
chart reads at 360 px and needs no colour, hover or legend to be understood. The SVG has no
``viewBox``: widths are percentages of the chart's own width and everything else is in CSS
pixels, so the text keeps its size on a phone instead of shrinking with the drawing. For
screen readers the SVG is one image (``role="img"``) named by its ``<title>`` and described
by its ``<desc>``; the page puts the same figures in a table next to it."""

import textwrap
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# The longest bar takes this share of the width; the rest is room for its value.
BAR_AREA_PERCENT = Decimal(72)


LINE_HEIGHT = 18  # px, for labels of 15 px


LABEL_CHARACTERS = 34  # a label wraps beyond this, so it fits a phone's width


BAR_GAP = 4


BAR_HEIGHT = 16


ROW_GAP = 14


VALUE_OFFSET = 6  # px between a bar's end and its value


@dataclass(frozen=True)
class LabelLine:
    text: str
    y: int  # baseline


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal
    value_text: str  # the value as people read it, e.g. "1.234,5"
    lang: str | None
    lines: tuple[LabelLine, ...]
    y: int  # top of the bar
    length: str  # percentage of the chart's width, with a dot, for SVG attributes
    value_y: int
    value_offset: int


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    description: str
    measure: str  # stable key, so a page (or a test) can pair the chart with a table column
    bars: tuple[Bar, ...]
    height: int
    bar_height: int = BAR_HEIGHT
    track_length: str = f"{BAR_AREA_PERCENT:.2f}"

    @property
    def title_id(self) -> str:
        return f"{self.chart_id}-title"

    @property
    def description_id(self) -> str:
        return f"{self.chart_id}-desc"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    items: list[tuple[str, int | Decimal, str, str | None]],
    measure: str = "",
    description: str = "",
) -> BarChart:
    """A chart of ``items``: (label, value, value as text, language of the label or None), in
    the order given. Bars are scaled to the largest value; a chart of zeros draws no bars, only
    the zeros. Without a ``description`` the chart says which bar is the largest."""
    largest = max((value for _label, value, _text, _lang in items), default=0)
    bars = []
    top = 0
    for label, value, value_text, lang in items:
        lines = tuple(
            LabelLine(text=line, y=top + (index + 1) * LINE_HEIGHT - 4)
            for index, line in enumerate(textwrap.wrap(label, LABEL_CHARACTERS) or [""])
        )
        bar_top = top + len(lines) * LINE_HEIGHT + BAR_GAP
        share = Decimal(value) / Decimal(largest) if largest else Decimal(0)
        bars.append(
            Bar(
                label=label,
                value=value,
                value_text=value_text,
                lang=lang,
                lines=lines,
                y=bar_top,
                length=f"{share * BAR_AREA_PERCENT:.2f}",
                value_y=bar_top + BAR_HEIGHT - 3,
                value_offset=VALUE_OFFSET if value else 0,
            )
        )
        top = bar_top + BAR_HEIGHT + ROW_GAP
    return BarChart(
        chart_id=chart_id,
        title=title,
        description=description or _describe(items, largest),
        measure=measure,
        bars=tuple(bars),
        height=max(top - ROW_GAP + 2, 0),
    )


def _describe(items, largest) -> str:
    if not items:
        return _("There are no figures yet.")
    if not largest:
        return _("Every bar is 0 so far.")
    label, _value, value_text, _lang = next(item for item in items if item[1] == largest)
    return _("Horizontal bar chart. Largest: %(label)s, %(value)s.") % {"label": label, "value": value_text}


def render_bar_chart(chart: BarChart) -> str:
    """The chart as an SVG string, for use outside a template."""
    return render_to_string("components/bar_chart.html", {"chart": chart})

