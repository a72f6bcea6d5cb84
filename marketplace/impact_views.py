"""The public Impact page and its figures as open data (CSV). Both show counts only."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .charts import BarChart, bar_chart
from .exports import FORMULA_START, plain_decimal
from .impact import (
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
    impact_csv_rows,
    impact_figures,
)

CSV_FILENAME = "leren-met-de-stad-impact.csv"

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


def _section(breakdown: ImpactBreakdown) -> Section:
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


@require_safe
def impact(request):
    figures = impact_figures()
    totals = figures.totals
    percent = totals.mixed_teams_percent
    context = {
        "figures": figures,
        "totals": totals,
        "counters": {
            "challenges_posted": figure_text(totals.challenges_posted),
            "challenges_completed": figure_text(totals.challenges_completed),
            "students": figure_text(totals.students),
            "approved_hours": figure_text(totals.approved_hours),
            "mixed_teams_percent": None if percent is None else gettext("%(percent)s%%") % {"percent": percent},
            "mixed_teams_detail": (
                ngettext("%(mixed)s of %(teams)s team", "%(mixed)s of %(teams)s teams", totals.teams)
                % {"mixed": figure_text(totals.mixed_teams), "teams": figure_text(totals.teams)}
            ),
        },
        "sections": [] if figures.is_empty else [_section(breakdown) for breakdown in figures.breakdowns],
    }
    return render(request, "marketplace/impact.html", context)


@require_safe
def impact_csv(request):
    """The figures as tidy open data: one value a row, UTF-8 with a header. The column names,
    dimensions and measures are stable keys that do not change with the language, so a script
    that reads this file keeps working; the group names follow the page's language. Decimals
    use a dot, as every CSV reader expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["dimension", "group_key", "group", "measure", "value"])
    for dimension, key, label, measure, value in impact_csv_rows(impact_figures()):
        if isinstance(value, Decimal):
            value = format(plain_decimal(value), "f")
        writer.writerow([dimension, key, _csv_text(label), measure, value])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=CSV_FILENAME)
    return response


def _csv_text(value: str) -> str:
    # Editors name themes and neighbourhoods; a name starting like a formula must stay text
    # when someone opens the file in a spreadsheet (OWASP's advice for CSV).
    return "'" + value if value.startswith(FORMULA_START) else value
