"""Hours for grading and certificates of participation.

A lecturer exports the hours they approved for the students they supervise (CSV for any tool,
XLSX for Excel) to grade them; a student downloads a one-page PDF certificate once their
project is completed. Only approved hours count anywhere here: pending hours still wait for the
supervisor and disputed ones were questioned, so neither may end up in a grade or on paper."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Max, Min, Sum

from accounts.selectors import student_institutions_by_user
from marketplace.choices import HoursStatus, ProjectStatus
from marketplace.models import LogHours


@dataclass(frozen=True)
class HoursRow:
    """One student's approved hours in one project (within the chosen period)."""

    project_id: int
    student_id: int
    student_name: str
    student_email: str
    institution: str  # display names in the active language, joined by ", "; empty if none
    challenge_title: str
    challenge_language: str  # the language the challenge was written in, for ``lang``
    team_name: str
    course_name: str
    course_code: str
    ects: Decimal | None
    first_date: date
    last_date: date
    hours: Decimal
    entries: int
    status: str

    @property
    def status_label(self) -> str:
        return str(ProjectStatus(self.status).label)

    @property
    def hours_plain(self) -> Decimal:
        return plain_decimal(self.hours)

    @property
    def ects_plain(self) -> Decimal | None:
        return None if self.ects is None else plain_decimal(self.ects)


def plain_decimal(value: Decimal) -> Decimal:
    """12.50 → 12.5 and 10.00 → 10 (never 1E+1), for people to read."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def approved_hours_rows(*, supervisor, institution=None, start=None, end=None, project=None) -> list[HoursRow]:
    """One row per student and project that ``supervisor`` supervises, with the student's
    approved hours whose log entry falls within ``start``–``end`` (both inclusive, either
    optional). Students without approved hours in the period have no row: the export is what
    can be graded. ``institution`` keeps the students who study there (by their confirmed
    student address). Sorted by institution, student and challenge.

    Three queries whatever the size: the hours summed per student and project with the
    project's facts joined in, then the students' confirmed addresses and the institutions
    (``student_institutions_by_user``); one when there is nothing to show."""
    hours = LogHours.objects.filter(status=HoursStatus.APPROVED, entry__project__supervisor=supervisor)
    if project is not None:
        hours = hours.filter(entry__project=project)
    if start is not None:
        hours = hours.filter(entry__date__gte=start)
    if end is not None:
        hours = hours.filter(entry__date__lte=end)
    totals = list(
        hours.order_by()
        .values(
            "person_id",
            project_id=F("entry__project_id"),
            student_name=F("person__display_name"),
            student_email=F("person__email"),
            challenge_title=F("entry__project__challenge__title"),
            challenge_language=F("entry__project__challenge__language"),
            team_name=F("entry__project__team__name"),
            course_name=F("entry__project__application__course_name"),
            course_code=F("entry__project__application__course_code"),
            ects=F("entry__project__application__ects"),
            project_status=F("entry__project__status"),
        )
        # LogHours is unique per entry and person, so counting rows counts entries.
        .annotate(total=Sum("hours"), entries=Count("pk"), first=Min("entry__date"), last=Max("entry__date"))
    )
    institutions = student_institutions_by_user({total["person_id"] for total in totals})
    rows = []
    for total in totals:
        studies_at = institutions.get(total["person_id"], [])
        if institution is not None and institution.pk not in {each.pk for each in studies_at}:
            continue
        rows.append(
            HoursRow(
                project_id=total["project_id"],
                student_id=total["person_id"],
                student_name=total["student_name"],
                student_email=total["student_email"],
                institution=", ".join(each.display_name for each in studies_at),
                challenge_title=total["challenge_title"],
                challenge_language=total["challenge_language"],
                team_name=total["team_name"],
                course_name=total["course_name"],
                course_code=total["course_code"],
                ects=total["ects"],
                first_date=total["first"],
                last_date=total["last"],
                hours=total["total"],
                entries=total["entries"],
                status=total["project_status"],
            )
        )
    rows.sort(
        key=lambda row: (
            not row.institution,  # students without a confirmed student address last
            row.institution.casefold(),
            row.student_name.casefold(),
            row.challenge_title.casefold(),
            row.project_id,
        )
    )
    return rows


def approved_hours_of(*, project, student) -> dict:
    """A student's approved hours in one project, with the first and last date they were
    logged on: one query. ``hours`` is 0 when there are none."""
    result = LogHours.objects.filter(entry__project=project, person=student, status=HoursStatus.APPROVED).aggregate(
        hours=Sum("hours"), first=Min("entry__date"), last=Max("entry__date")
    )
    result["hours"] = result["hours"] or Decimal(0)
    return result

