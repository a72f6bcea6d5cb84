"""The public impact figures: what residents and students did together, counted by theme,
neighbourhood, institution and semester, for the Impact page and its open-data CSV.

Only counts leave this module, never a person: a student is a number in a set, an hour is a
number in a sum. The definitions are the ones the page explains under "How we count":

- *challenges posted*: challenges that are live on the site (published and not taken down);
  each counts in the semester it was first published;
- *challenges completed*: those of them whose status is completed; each counts in the semester
  its last project was completed, and in no semester if none of its projects was;
- *students taking part*: different people in the teams of projects that were not cancelled;
  a project counts in the semester it started;
- *mixed teams*: of the teams with a project that was not cancelled, those whose members study
  at two or more institutions;
- *approved hours*: hours a supervisor approved, also in projects that were cancelled later
  (the work was done); they count in the semester of their log entry's date.

Projects and hours of a challenge that is no longer live are left out, like the challenge.
The database counts the challenges (per theme, neighbourhood and month); what concerns people
(students, hours) is counted here over the projects, so the page costs the same at ten
thousand challenges as at ten."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from allauth.account.models import EmailAddress
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.choices import DomainKind
from accounts.domains import email_domain
from accounts.models import Institution
from accounts.selectors import all_institutions, institutions_for_domains
from core.translation import DEFAULT_LANGUAGE, language_of
from marketplace.choices import ChallengeStatus, HoursStatus, ProjectStatus
from marketplace.models import ChallengePage, LogHours, Neighbourhood, Project, TeamMembership, Theme

# Stable keys: the open-data CSV names its measures with them, so they never change with the language.
CHALLENGES_POSTED = "challenges_posted"


CHALLENGES_COMPLETED = "challenges_completed"


STUDENTS = "students"


APPROVED_HOURS = "approved_hours"


TEAMS = "teams"


MIXED_TEAMS = "mixed_teams"


MIXED_TEAMS_PERCENT = "mixed_teams_percent"


# The measures of the breakdowns; teams and mixed teams are counted in the totals only.
MEASURE_LABELS = {
    CHALLENGES_POSTED: gettext_lazy("Challenges posted"),
    CHALLENGES_COMPLETED: gettext_lazy("Challenges completed"),
    STUDENTS: gettext_lazy("Students taking part"),
    APPROVED_HOURS: gettext_lazy("Hours logged"),
}


THEME = "theme"


NEIGHBOURHOOD = "neighbourhood"


INSTITUTION = "institution"


SEMESTER = "semester"


TOTAL = "total"


CHALLENGE_MEASURES = (CHALLENGES_POSTED, CHALLENGES_COMPLETED, STUDENTS, APPROVED_HOURS)


# Challenges belong to no institution; what an institution contributes is its students' work.
INSTITUTION_MEASURES = (STUDENTS, APPROVED_HOURS)


@dataclass(frozen=True, order=True)
class Semester:
    """Leiden's academic year starts on 1 September: semester 1 runs to 31 January, semester 2
    from 1 February to 31 August."""

    start_year: int
    number: int

    @classmethod
    def of_month(cls, year: int, month: int) -> "Semester":
        if month >= 9:
            return cls(year, 1)
        if month == 1:
            return cls(year - 1, 1)
        return cls(year - 1, 2)

    @classmethod
    def of(cls, moment) -> "Semester":
        """The semester of a date, or of a moment in Leiden's local time."""
        day = timezone.localtime(moment).date() if hasattr(moment, "hour") else moment
        return cls.of_month(day.year, day.month)

    def next(self) -> "Semester":
        return Semester(self.start_year, 2) if self.number == 1 else Semester(self.start_year + 1, 1)

    @property
    def key(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}-{self.number}"

    @property
    def label(self) -> str:
        return _("%(start)s–%(end)s, semester %(number)s") % {
            "start": self.start_year,
            "end": self.start_year + 1,
            "number": self.number,
        }


@dataclass(frozen=True)
class ImpactRow:
    """One group of a breakdown (a theme, a neighbourhood, …) and its figures."""

    key: str  # stable: a slug, an institution's short name or a semester such as "2026-2027-1"
    label: str  # in the active language
    values: dict[str, int | Decimal]
    lang: str | None = None  # the label's language when it may differ from the page's


@dataclass(frozen=True)
class ImpactBreakdown:
    dimension: str
    measures: tuple[str, ...]
    rows: list[ImpactRow]

    def is_all_zero(self) -> bool:
        return not any(value for row in self.rows for value in row.values.values())


@dataclass(frozen=True)
class ImpactTotals:
    challenges_posted: int = 0
    challenges_completed: int = 0
    students: int = 0
    teams: int = 0
    mixed_teams: int = 0
    approved_hours: Decimal = Decimal(0)

    @property
    def mixed_teams_percent(self) -> int | None:
        """Whole percent, rounded half up; None while no team has a project."""
        if not self.teams:
            return None
        share = Decimal(self.mixed_teams * 100) / Decimal(self.teams)
        return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ImpactFigures:
    totals: ImpactTotals
    by_theme: ImpactBreakdown
    by_neighbourhood: ImpactBreakdown
    by_institution: ImpactBreakdown
    by_semester: ImpactBreakdown
    computed_on: date = field(default_factory=timezone.localdate)

    @property
    def breakdowns(self) -> list[ImpactBreakdown]:
        return [self.by_theme, self.by_neighbourhood, self.by_institution, self.by_semester]

    @property
    def is_empty(self) -> bool:
        return self.totals.challenges_posted == 0


class _Tally:
    """Figures of one group while they are being counted: challenges as counts the database
    made, students as a set, so that nobody counts twice in a group."""

    def __init__(self):
        self.posted = 0  # counted by the database, each challenge once per group
        self.completed = 0
        self.students: set[int] = set()
        self.hours = Decimal(0)

    def values(self, measures: Iterable[str]) -> dict[str, int | Decimal]:
        every = {
            CHALLENGES_POSTED: self.posted,
            CHALLENGES_COMPLETED: self.completed,
            STUDENTS: len(self.students),
            APPROVED_HOURS: self.hours,
        }
        return {measure: every[measure] for measure in measures}


# What counts, shared by the full figures and the headline: change a rule here, both follow.
def _posted_challenges():
    """Challenges posted: those live on the site."""
    return ChallengePage.objects.live()


# Challenges completed: posted ones whose status is completed.
_COMPLETED = ChallengeStatus.COMPLETED


def _live_projects():
    """Projects of live challenges: a challenge taken down takes its projects with it."""
    return Project.objects.filter(challenge__live=True)


def _taking_part(projects):
    """Projects whose team members count as students taking part: those not cancelled."""
    return projects.exclude(status=ProjectStatus.CANCELLED)


def _approved_hours():
    """Hours a supervisor approved in projects of live challenges, cancelled projects included."""
    return LogHours.objects.filter(status=HoursStatus.APPROVED, entry__project__challenge__live=True)


@dataclass(frozen=True)
class ImpactHeadline:
    """The four totals a page can show in passing, such as the home page; each attribute is
    named by its measure key (``CHALLENGE_MEASURES``)."""

    challenges_posted: int = 0
    challenges_completed: int = 0
    students: int = 0
    approved_hours: Decimal = Decimal(0)


def impact_headline() -> ImpactHeadline:
    """The totals of ``impact_figures`` that need no institutions, counted by the database in
    three queries that return one row each: 1. the posted and completed challenges; 2. the
    different students taking part; 3. the sum of the approved hours."""
    challenges = _posted_challenges().order_by().aggregate(
        posted=Count("pk"), completed=Count("pk", filter=Q(status=_COMPLETED))
    )
    students = (
        TeamMembership.objects.filter(team_id__in=_taking_part(_live_projects()).values("team_id"))
        .order_by()
        .values("user_id")
        .distinct()
        .count()
    )
    hours = _approved_hours().order_by().aggregate(total=Sum("hours"))["total"]
    return ImpactHeadline(
        challenges_posted=challenges["posted"],
        challenges_completed=challenges["completed"],
        students=students,
        approved_hours=hours if hours is not None else Decimal(0),
    )


def impact_figures() -> ImpactFigures:
    """Every figure of the Impact page, in thirteen queries whatever the amount of data. The
    challenges are counted by the database, so the page costs the same at ten thousand:

    1. the posted and completed challenges; 2. per theme; 3. per neighbourhood; 4. per month
    of first publication, in Leiden's time; 5. all themes; 6. all neighbourhoods; 7. the
    projects of the live challenges; 8. the status and neighbourhood of their challenges; 9.
    those challenges' themes; 10. the members of teams with a project that was not cancelled;
    11. the approved hours summed per project, person and month; 12. the confirmed e-mail
    addresses of those members and of the people with hours; 13. the institutions (kept
    between requests, see ``accounts.selectors.all_institutions``)."""
    by_theme: dict[int, _Tally] = defaultdict(_Tally)
    by_neighbourhood: dict[int, _Tally] = defaultdict(_Tally)
    by_institution: dict[int, _Tally] = defaultdict(_Tally)
    by_semester: dict[Semester, _Tally] = defaultdict(_Tally)

    posted = _posted_challenges()
    counts = {"posted": Count("pk"), "completed": Count("pk", filter=Q(status=_COMPLETED))}
    challenge_totals = posted.order_by().aggregate(**counts)
    for theme_id, in_theme, completed_in_theme in (
        ChallengePage.themes.through.objects.filter(challengepage__live=True)
        .order_by()
        .values("theme_id")
        .annotate(
            posted=Count("challengepage_id"),
            completed=Count("challengepage_id", filter=Q(challengepage__status=_COMPLETED)),
        )
        .values_list("theme_id", "posted", "completed")
    ):
        by_theme[theme_id].posted, by_theme[theme_id].completed = in_theme, completed_in_theme
    for neighbourhood_id, in_place, completed_in_place in (
        posted.order_by().values("neighbourhood_id").annotate(**counts).values_list(
            "neighbourhood_id", "posted", "completed"
        )
    ):
        by_neighbourhood[neighbourhood_id].posted = in_place
        by_neighbourhood[neighbourhood_id].completed = completed_in_place
    for month, in_month in (
        posted.filter(first_published_at__isnull=False)
        .order_by()
        .values(month=TruncMonth("first_published_at"))  # in Leiden's time zone, the current one
        .annotate(posted=Count("pk"))
        .values_list("month", "posted")
    ):
        by_semester[Semester.of_month(month.year, month.month)].posted += in_month
    themes = list(Theme.objects.all())
    neighbourhoods = list(Neighbourhood.objects.all())

    live_projects = _live_projects()
    projects = list(
        live_projects.order_by().values_list("pk", "challenge_id", "team_id", "status", "created_at", "completed_at")
    )
    with_projects = live_projects.values("challenge_id")
    status_and_place = {
        challenge_id: (status, neighbourhood_id)
        for challenge_id, status, neighbourhood_id in ChallengePage.objects.filter(pk__in=with_projects)
        .order_by()
        .values_list("pk", "status", "neighbourhood_id")
    }
    theme_ids_by_challenge: dict[int, list[int]] = defaultdict(list)
    for challenge_id, theme_id in (
        ChallengePage.themes.through.objects.filter(challengepage_id__in=with_projects)
        .order_by()
        .values_list("challengepage_id", "theme_id")
    ):
        theme_ids_by_challenge[challenge_id].append(theme_id)
    taking_part = _taking_part(live_projects)
    members_by_team: dict[int, set[int]] = defaultdict(set)
    for team_id, user_id in (
        TeamMembership.objects.filter(team_id__in=taking_part.values("team_id"))
        .order_by()
        .values_list("team_id", "user_id")
    ):
        members_by_team[team_id].add(user_id)
    approved = _approved_hours()
    hours = list(
        approved.order_by()
        .values("entry__project_id", "person_id", year=ExtractYear("entry__date"), month=ExtractMonth("entry__date"))
        .annotate(total=Sum("hours"))
        .values_list("entry__project_id", "person_id", "year", "month", "total")
    )
    institutions_by_person, institutions = _student_institutions(
        Q(user_id__in=TeamMembership.objects.filter(team_id__in=taking_part.values("team_id")).values("user_id"))
        | Q(user_id__in=approved.values("person_id"))
    )

    def places(challenge_id: int) -> list[_Tally]:
        """The theme and neighbourhood groups a challenge's figures count in."""
        return [by_theme[theme_id] for theme_id in theme_ids_by_challenge[challenge_id]] + [
            by_neighbourhood[status_and_place[challenge_id][1]]
        ]

    last_completion: dict[int, datetime] = {}
    challenge_of_project = {}
    students: set[int] = set()
    teams: set[int] = set()
    for project_id, challenge_id, team_id, status, created_at, completed_at in projects:
        challenge_of_project[project_id] = challenge_id
        if status == ProjectStatus.COMPLETED and completed_at is not None:
            if challenge_id not in last_completion or completed_at > last_completion[challenge_id]:
                last_completion[challenge_id] = completed_at
        if status == ProjectStatus.CANCELLED:
            continue
        members = members_by_team[team_id]
        teams.add(team_id)
        students |= members
        for tally in [*places(challenge_id), by_semester[Semester.of(created_at)]]:
            tally.students |= members
        for person_id in members:
            for institution in institutions_by_person.get(person_id, []):
                by_institution[institution.pk].students.add(person_id)
    for challenge_id, completed_at in last_completion.items():
        if status_and_place[challenge_id][0] == _COMPLETED:
            by_semester[Semester.of(completed_at)].completed += 1

    total_hours = Decimal(0)
    for project_id, person_id, year, month, total in hours:
        total_hours += total
        for tally in [*places(challenge_of_project[project_id]), by_semester[Semester.of_month(year, month)]]:
            tally.hours += total
        for institution in institutions_by_person.get(person_id, []):
            by_institution[institution.pk].hours += total

    mixed_teams = sum(
        1
        for team_id in teams
        if len({i.pk for person_id in members_by_team[team_id] for i in institutions_by_person.get(person_id, [])})
        >= 2
    )
    totals = ImpactTotals(
        challenges_posted=challenge_totals["posted"],
        challenges_completed=challenge_totals["completed"],
        students=len(students),
        teams=len(teams),
        mixed_teams=mixed_teams,
        approved_hours=total_hours,
    )
    institutions.sort(key=lambda institution: institution.display_name.lower())
    return ImpactFigures(
        totals=totals,
        by_theme=ImpactBreakdown(
            THEME,
            CHALLENGE_MEASURES,
            [
                ImpactRow(theme.slug, theme.display_name, by_theme[theme.pk].values(CHALLENGE_MEASURES),
                          lang=language_of(theme, "display_name"))
                for theme in themes
            ],
        ),
        by_neighbourhood=ImpactBreakdown(
            NEIGHBOURHOOD,
            CHALLENGE_MEASURES,
            [
                ImpactRow(place.slug, place.name, by_neighbourhood[place.pk].values(CHALLENGE_MEASURES))
                for place in neighbourhoods
            ],
        ),
        by_institution=ImpactBreakdown(
            INSTITUTION,
            INSTITUTION_MEASURES,
            [
                ImpactRow(
                    institution.short_name,
                    institution.display_name,
                    by_institution[institution.pk].values(INSTITUTION_MEASURES),
                    lang=DEFAULT_LANGUAGE if _shows_dutch_fallback(institution) else None,
                )
                for institution in institutions
            ],
        ),
        by_semester=ImpactBreakdown(
            SEMESTER,
            CHALLENGE_MEASURES,
            [
                ImpactRow(semester.key, semester.label, by_semester[semester].values(CHALLENGE_MEASURES))
                for semester in _semesters(by_semester)
            ],
        ),
    )


def _student_institutions(people: Q) -> tuple[dict[int, list[Institution]], list[Institution]]:
    """The institutions where each of ``people`` is a verified student, the rule of
    ``accounts.selectors.student_institutions_by_user``, with the people given as a subquery
    rather than a list of ids: one query for the addresses (the institutions are kept between
    requests), and no list that grows with the data."""
    domains: dict[int, list[str]] = defaultdict(list)
    for user_id, address in (
        EmailAddress.objects.filter(people, verified=True).order_by().values_list("user_id", "email")
    ):
        domains[user_id].append(email_domain(address))
    institutions = list(all_institutions())
    by_domains: dict[tuple[str, ...], list[Institution]] = {}  # many people share a few domains
    for user_domains in domains.values():
        key = tuple(sorted(user_domains))
        if key not in by_domains:
            by_domains[key] = institutions_for_domains(list(key), DomainKind.STUDENT, institutions)
    return {user_id: by_domains[tuple(sorted(user_domains))] for user_id, user_domains in domains.items()}, institutions


def _shows_dutch_fallback(institution: Institution) -> bool:
    """An English page shows the Dutch name of an institution that has no English one."""
    return (get_language() or DEFAULT_LANGUAGE).split("-")[0] != DEFAULT_LANGUAGE and not institution.name_en


def _semesters(by_semester: dict[Semester, _Tally]) -> list[Semester]:
    """Every semester from the first with a figure to the last, gaps included, so that a quiet
    semester shows as one rather than disappearing from the series."""
    counted = [semester for semester, tally in by_semester.items() if any(tally.values(CHALLENGE_MEASURES).values())]
    if not counted:
        return []
    semester, last = min(counted), max(counted)
    semesters = [semester]
    while semester < last:
        semester = semester.next()
        semesters.append(semester)
    return semesters


def impact_csv_rows(figures: ImpactFigures) -> list[tuple[str, str, str, str, int | Decimal]]:
    """The figures in tidy long form, one value a row: dimension, group key, group name,
    measure, value. The totals come first as dimension "total", group "all"; the mixed-teams
    share is left out while there are no teams rather than written as a made-up 0."""
    totals = figures.totals
    rows: list[tuple[str, str, str, str, int | Decimal]] = [
        (TOTAL, "all", _("All of Leiden"), CHALLENGES_POSTED, totals.challenges_posted),
        (TOTAL, "all", _("All of Leiden"), CHALLENGES_COMPLETED, totals.challenges_completed),
        (TOTAL, "all", _("All of Leiden"), STUDENTS, totals.students),
        (TOTAL, "all", _("All of Leiden"), TEAMS, totals.teams),
        (TOTAL, "all", _("All of Leiden"), MIXED_TEAMS, totals.mixed_teams),
    ]
    if totals.mixed_teams_percent is not None:
        rows.append((TOTAL, "all", _("All of Leiden"), MIXED_TEAMS_PERCENT, totals.mixed_teams_percent))
    rows.append((TOTAL, "all", _("All of Leiden"), APPROVED_HOURS, totals.approved_hours))
    for breakdown in figures.breakdowns:
        for row in breakdown.rows:
            for measure in breakdown.measures:
                rows.append((breakdown.dimension, row.key, row.label, measure, row.values[measure]))
    return rows

