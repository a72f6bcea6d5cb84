"""The public Impact page and its figures as open data (CSV). Both show counts only."""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.http import require_safe

from marketplace.renderers.exports import FORMULA_START
from marketplace.renderers.impact import figure_text, impact_section
from marketplace.selectors.exports import plain_decimal
from marketplace.selectors.impact import (
    impact_csv_rows,
    impact_figures,
)

CSV_FILENAME = "leren-met-de-stad-impact.csv"
CSV_SPREADSHEET_FILENAME = "leren-met-de-stad-impact-spreadsheet.csv"


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
        "sections": [] if figures.is_empty else [impact_section(breakdown) for breakdown in figures.breakdowns],
    }
    return render(request, "marketplace/impact.html", context)


@require_safe
def impact_csv(request):
    """The figures as tidy open data: one value a row, UTF-8 with a header. The column names,
    dimensions and measures are stable keys that do not change with the language, so a script
    that reads this file keeps working; the group names follow the page's language. Decimals
    use a dot, as every CSV reader expects.

    ``?for=spreadsheet`` gives the same rows for a spreadsheet program in the page's language:
    a byte order mark (without it Excel reads UTF-8 as Windows-1252: "Daniël" garbles), and
    on the Dutch page semicolons and decimal commas, which Dutch Excel expects (it puts a
    comma-separated file in one column)."""
    spreadsheet = request.GET.get("for") == "spreadsheet"
    dutch = spreadsheet and get_language() == "nl"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if dutch else ",")
    writer.writerow(["dimension", "group_key", "group", "measure", "value"])
    for dimension, key, label, measure, value in impact_csv_rows(impact_figures()):
        if isinstance(value, Decimal):
            value = format(plain_decimal(value), "f")
            if dutch:
                value = value.replace(".", ",")
        writer.writerow([dimension, key, _csv_text(label), measure, value])
    content = buffer.getvalue().encode("utf-8-sig" if spreadsheet else "utf-8")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    filename = CSV_SPREADSHEET_FILENAME if spreadsheet else CSV_FILENAME
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _csv_text(value: str) -> str:
    # Editors name themes and neighbourhoods; a name starting like a formula must stay text
    # when someone opens the file in a spreadsheet (OWASP's advice for CSV).
    return "'" + value if value.startswith(FORMULA_START) else value

