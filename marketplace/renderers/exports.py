"""Hours for grading and certificates of participation.

A lecturer exports the hours they approved for the students they supervise (CSV for any tool,
XLSX for Excel) to grade them; a student downloads a one-page PDF certificate once their
project is completed. Only approved hours count anywhere here: pending hours still wait for the
supervisor and disputed ones were questioned, so neither may end up in a grade or on paper."""

import csv
import io
import unicodedata
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from accounts.selectors import student_institutions_by_user
from marketplace.models import Project
from marketplace.selectors.exports import HoursRow, approved_hours_of, plain_decimal

ISSUER = "Leren met de Stad"


def _headers() -> list[str]:
    return [
        _("Student"),
        _("E-mail address"),
        _("Institution"),
        _("Challenge"),
        _("Team"),
        _("Course"),
        _("Course code"),
        _("ECTS"),
        _("First date"),
        _("Last date"),
        _("Approved hours"),
        _("Log entries"),
        _("Project status"),
    ]


ECTS_COLUMN, HOURS_COLUMN, ENTRIES_COLUMN = 8, 11, 12  # counted from 1, as spreadsheets do


def _values(row: HoursRow) -> list:
    return [
        row.student_name,
        row.student_email,
        row.institution,
        row.challenge_title,
        row.team_name,
        row.course_name,
        row.course_code,
        row.ects_plain,
        row.first_date,
        row.last_date,
        row.hours_plain,
        row.entries,
        row.status_label,
    ]


# A cell that starts with one of these is run as a formula by spreadsheet programs; titles and
# team names are typed by residents and students, so they are never trusted as formulas.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    value = str(value)
    # OWASP's advice for CSV: a leading apostrophe makes the program show the text as text.
    return "'" + value if value.startswith(FORMULA_START) else value


def hours_csv(rows: list[HoursRow]) -> bytes:
    """Comma-separated, with a header row in the active language; decimals with a dot and
    ISO dates, so any tool reads the numbers the same way. UTF-8 with a byte order mark:
    without it Excel reads the file as Windows-1252 and breaks names like Daniël."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_headers())
    for row in rows:
        writer.writerow([_csv_value(value) for value in _values(row)])
    return buffer.getvalue().encode("utf-8-sig")


def hours_xlsx(rows: list[HoursRow]) -> bytes:
    """One sheet: a bold, frozen header row in the active language, hours and ECTS as numbers,
    dates as real dates, and a total row. The totals are written as values, not formulas, so
    they show in programs that do not recalculate."""
    workbook = Workbook()
    workbook.properties.creator = ISSUER
    sheet = workbook.active
    sheet.title = _("Approved hours")[:31]  # Excel's limit for a sheet name
    bold = Font(bold=True)
    headers = _headers()
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = bold
    widths = [len(header) for header in headers]
    for row in rows:
        values = _values(row)
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value for value in values])
        for index, cell in enumerate(sheet[sheet.max_row]):
            if cell.data_type == "f":
                cell.data_type = "s"  # typed text that looks like a formula stays text
            widths[index] = max(widths[index], len(_csv_value(values[index])))
        _number_formats(sheet[sheet.max_row])
    total_row = [None] * len(headers)
    total_row[0] = _("Total")
    total_row[HOURS_COLUMN - 1] = plain_decimal(sum((row.hours for row in rows), Decimal(0)))
    total_row[ENTRIES_COLUMN - 1] = sum(row.entries for row in rows)
    sheet.append(total_row)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    _number_formats(sheet[sheet.max_row])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 8), 50) + 2
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _number_formats(cells) -> None:
    for cell in cells:
        if isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"
        elif cell.column == HOURS_COLUMN:
            cell.number_format = "0.00"
        elif cell.column == ECTS_COLUMN:
            cell.number_format = "0.0"


# The PDF uses the standard Helvetica, which every PDF reader has, so nothing is embedded and
# nothing is fetched. It covers Latin-1 and the rest of Windows-1252 (Daniël, Zoë, Çelik,
# Ñúñez); what lies beyond is written without its accent (Dvořák → Dvorák, Łukasz → Lukasz)
# rather than as an empty box.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i"})


def pdf_text(text: str) -> str:
    characters = []
    for character in str(text).translate(_LETTERS_WITHOUT_DECOMPOSITION):
        try:
            character.encode("cp1252")
        except UnicodeEncodeError:
            base = "".join(
                part for part in unicodedata.normalize("NFKD", character) if not unicodedata.combining(part)
            )
            try:
                base.encode("cp1252")
            except UnicodeEncodeError:
                base = "?"
            characters.append(base)
        else:
            characters.append(character)
    return "".join(characters)


def _paragraph(text: str, style):
    # Paragraph reads a little markup; names and titles are people's text, never markup.
    return Paragraph(escape(pdf_text(text)), style)


def _day(value) -> str:
    return date_format(value, "j F Y")


def certificate_pdf(*, project: Project, student) -> bytes:
    """A one-page A4 certificate of participation for ``student`` in ``project``, in the
    active language: who, where they study, the challenge and team, the period and number of
    hours the supervisor approved, the supervisor and the day the project was completed.

    The caller checks ``can_download_certificate``; this only writes what is true. The period
    is the first to the last day of the student's approved work, or else the project's own
    start and completion."""
    hours = approved_hours_of(project=project, student=student)
    studies_at = student_institutions_by_user([student.pk]).get(student.pk, [])
    application = project.application
    start = hours["first"] or timezone.localtime(project.created_at).date()
    end = hours["last"] or (timezone.localtime(project.completed_at).date() if project.completed_at else None)

    red = colors.HexColor("#a3111f")  # Leiden red, as on the site
    muted = colors.HexColor("#4a5058")
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=11, leading=15, alignment=TA_CENTER)
    issuer = ParagraphStyle("issuer", parent=base, fontName="Helvetica-Bold", fontSize=13, textColor=red)
    title = ParagraphStyle("title", parent=base, fontName="Helvetica-Bold", fontSize=26, leading=32)
    name = ParagraphStyle("name", parent=base, fontName="Helvetica-Bold", fontSize=22, leading=28)
    challenge = ParagraphStyle("challenge", parent=base, fontName="Helvetica-Bold", fontSize=16, leading=21)
    label = ParagraphStyle("label", parent=base, fontName="Helvetica-Bold", alignment=0)
    value = ParagraphStyle("value", parent=base, alignment=0)
    small = ParagraphStyle("small", parent=base, fontSize=9.5, leading=13, textColor=muted)

    facts = [(_("Team"), project.team.name)]
    if start and end:
        facts.append((_("Period"), _day(start) if start == end else f"{_day(start)} – {_day(end)}"))
    facts.append((_("Approved hours"), number_format(plain_decimal(hours["hours"]), use_l10n=True)))
    if application.course_name:
        course = application.course_name
        if application.course_code:
            course = f"{course} ({application.course_code})"
        if application.ects:
            ects = _("%(ects)s ECTS") % {"ects": number_format(plain_decimal(application.ects), use_l10n=True)}
            course = f"{course}, {ects}"
        facts.append((_("Course"), course))
    if project.supervisor is not None:
        facts.append((_("Supervisor"), project.supervisor.display_name))
    if project.completed_at is not None:
        facts.append((_("Completed on"), _day(timezone.localtime(project.completed_at).date())))
    table = Table(
        [[_paragraph(key, label), _paragraph(text, value)] for key, text in facts],
        colWidths=[50 * mm, 100 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.HexColor("#d6d2cc")),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )

    story = [
        _paragraph(ISSUER, issuer),
        Spacer(1, 14 * mm),
        _paragraph(_("Certificate of participation"), title),
        Spacer(1, 10 * mm),
        _paragraph(_("This is to certify that"), base),
        Spacer(1, 4 * mm),
        _paragraph(student.display_name, name),
    ]
    if studies_at:
        story.append(
            _paragraph(
                _("student at %(institution)s") % {"institution": ", ".join(each.display_name for each in studies_at)},
                base,
            )
        )
    story += [
        Spacer(1, 6 * mm),
        _paragraph(_("took part in the challenge"), base),
        Spacer(1, 3 * mm),
        _paragraph(project.challenge.title, challenge),
        Spacer(1, 10 * mm),
        table,
        Spacer(1, 12 * mm),
        HRFlowable(width="60%", color=red, thickness=1),
        Spacer(1, 5 * mm),
        _paragraph(
            _(
                "In Leren met de Stad, students of Leiden's educational institutions work in mixed teams on real "
                "questions from the city's neighbourhoods, residents and organisations, supervised by their "
                "lecturers."
            ),
            small,
        ),
        Spacer(1, 2 * mm),
        _paragraph(
            _("Only hours approved by the supervisor are counted. Issued on %(date)s.")
            % {"date": _day(timezone.localdate())},
            small,
        ),
    ]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=20 * mm,
        title=pdf_text(_("Certificate of participation")),
        author=ISSUER,
        subject=pdf_text(project.challenge.title),
        creator=ISSUER,
    )
    def frame(canvas, document):
        canvas.saveState()
        canvas.setStrokeColor(red)
        canvas.setLineWidth(1.5)
        canvas.rect(12 * mm, 12 * mm, A4[0] - 24 * mm, A4[1] - 24 * mm)
        canvas.restoreState()

    # Shrinking keeps a very long title or name on the one page a certificate has.
    document.build([KeepInFrame(document.width, document.height, story, mode="shrink")], onFirstPage=frame)
    return buffer.getvalue()

