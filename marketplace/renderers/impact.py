"""The public Impact page and its figures as open data (CSV). Both show counts only."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from marketplace.renderers.charts import BarChart, bar_chart
from marketplace.selectors.exports import plain_decimal
from marketplace.selectors.impact import (
    APPROVED_HOURS,
    CHALLENGES_COMPLETED,
    CHALLENGES_POSTED,
    INSTITUTION,
    MEASURE_LABELS,
    NEIGHBOURHOOD,
    SEMESTER,
    STUDENTS,
    THEME,
    ImpactBreakdown,
)

SECTIONS = {
    THEME: {
        "heading": _("By theme"),
        "group": _("Theme"),
        "caption": _("Figures by theme"),
        "note": _("A challenge with two themes counts under both, so the rows add up to more than the total."),
    },
    NEIGHBOURHOOD: {
        "heading": _("By neighbourhood"),
        "group": _("Neighbourhood"),
        "caption": _("Figures by neighbourhood"),
        "note": _("Where the challenge's question comes from."),
    },
    INSTITUTION: {
        "heading": _("By institution"),
        "group": _("Institution"),
        "caption": _("Figures by institution"),
        "note": _(
            "A student's institution is the one of their confirmed student e-mail address. A student of two "
            "institutions counts under each; a student without a confirmed address counts only in the total."
        ),
    },
    SEMESTER: {
        "heading": _("By semester"),
        "group": _("Semester"),
        "caption": _("Figures by semester"),
        "note": _("Semester 1 runs from 1 September to 31 January, semester 2 from 1 February to 31 August."),
    },
}


# A whole sentence per chart: translators get a title they can word naturally.
CHART_TITLES = {
    (THEME, CHALLENGES_POSTED): _("Challenges posted by theme"),
    (THEME, CHALLENGES_COMPLETED): _("Challenges completed by theme"),
    (THEME, STUDENTS): _("Students taking part by theme"),
    (THEME, APPROVED_HOURS): _("Hours logged by theme"),
    (NEIGHBOURHOOD, CHALLENGES_POSTED): _("Challenges posted by neighbourhood"),
    (NEIGHBOURHOOD, CHALLENGES_COMPLETED): _("Challenges completed by neighbourhood"),
    (NEIGHBOURHOOD, STUDENTS): _("Students taking part by neighbourhood"),
    (NEIGHBOURHOOD, APPROVED_HOURS): _("Hours logged by neighbourhood"),
    (INSTITUTION, STUDENTS): _("Students taking part by institution"),
    (INSTITUTION, APPROVED_HOURS): _("Hours logged by institution"),
    (SEMESTER, CHALLENGES_POSTED): _("Challenges posted by semester"),
    (SEMESTER, CHALLENGES_COMPLETED): _("Challenges completed by semester"),
    (SEMESTER, STUDENTS): _("Students taking part by semester"),
    (SEMESTER, APPROVED_HOURS): _("Hours logged by semester"),
}


def figure_text(value: int | Decimal) -> str:
    """A figure as people read it in the active language: 1.234 and 12,5 in Dutch."""
    if isinstance(value, Decimal):
        value = plain_decimal(value)
    return number_format(value, force_grouping=True)


@dataclass(frozen=True)
class Column:
    measure: str
    label: str


@dataclass(frozen=True)
class Cell:
    measure: str
    label: str  # the column's, for the table as a stack of cards on a phone
    text: str


@dataclass(frozen=True)
class TableRow:
    label: str
    lang: str | None
    cells: list[Cell]


@dataclass(frozen=True)
class SectionChart:
    label: str  # the measure, as the chart's visible heading; the section names the dimension
    chart: BarChart


@dataclass(frozen=True)
class Section:
    dimension: str
    heading: str
    note: str
    group_label: str
    caption: str
    charts: list[SectionChart]
    columns: list[Column]
    rows: list[TableRow]


def impact_section(breakdown: ImpactBreakdown) -> Section:
    texts = SECTIONS[breakdown.dimension]
    charts = [
        SectionChart(
            label=MEASURE_LABELS[measure],
            chart=bar_chart(
                chart_id=f"impact-{breakdown.dimension}-{measure}",
                title=str(CHART_TITLES[breakdown.dimension, measure]),
                measure=measure,
                items=[
                    (row.label, row.values[measure], figure_text(row.values[measure]), row.lang)
                    for row in breakdown.rows
                ],
            ),
        )
        for measure in breakdown.measures
    ]
    return Section(
        dimension=breakdown.dimension,
        heading=texts["heading"],
        note=texts["note"],
        group_label=texts["group"],
        caption=texts["caption"],
        charts=charts,
        columns=[Column(measure, MEASURE_LABELS[measure]) for measure in breakdown.measures],
        rows=[
            TableRow(
                row.label,
                row.lang,
                [
                    Cell(measure, MEASURE_LABELS[measure], figure_text(row.values[measure]))
                    for measure in breakdown.measures
                ],
            )
            for row in breakdown.rows
        ],
    )

