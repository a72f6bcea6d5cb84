"""Reads for the knowledge broker's desk: what is stuck, and whom to bring together.

The open challenges are sorted into the desk's lists from a few columns each; only the ones it
shows are loaded whole. The teams that could take one on and the approved lecturers are loaded
once and matched in Python, the most urgent challenge first, until the desk has enough to show.
So the desk costs a number of queries that does not grow with the data (``broker_desk`` names
them), and its time grows with the number of teams rather than with challenges times teams. The
matching is ``marketplace.selectors.matching``'s, the one a student's "For you" uses too; a
**lecturer** fits when they teach at an institution of a level the challenge asks for and
supervised a project on one of its themes (or, when they wrote some, share a word of their
interests with it), and never supervised a project of this very challenge.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry

from accounts.selectors import approved_lecturers
from marketplace.choices import ApplicationStatus, ProjectStatus, SupervisionStatus
from marketplace.models import Application, ChallengePage, Project, Supervision, Team, TeamMembership
from marketplace.models.projects import RUNNING_PROJECT_STATUSES
from marketplace.selectors.challenges import taken_places_annotation
from marketplace.selectors.matching import (
    TeamMatch,
    WordIndex,
    prepare_for_matching,
    shared_words,
    team_candidates,
    team_match,
    words_by_key,
    words_of,
)

# A challenge nobody applied to within two weeks of going live needs a push; younger ones are
# shown apart, as "new", so the broker sees them coming.
STUCK_AFTER = timedelta(days=14)


DEADLINE_WINDOW = timedelta(days=14)


LIST_LIMIT = 20


# Open challenges loaded at a time while looking for matches (the next batch is twice as large).
MATCH_BATCH = 50


MATCHES_PER_SIDE = 3


RECENT_INTRODUCTIONS = 10


INTRODUCED_ACTION = "marketplace.broker.introduced"


RUNNING = RUNNING_PROJECT_STATUSES


# Applications that say a team is (still) interested; withdrawn and declined ones do not.
INTERESTED = (
    ApplicationStatus.AWAITING_ENDORSEMENT,
    ApplicationStatus.RETURNED,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.ACCEPTED,
)


@dataclass(frozen=True)
class Capped:
    """The first items of a longer list, and how long the whole list is."""

    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    def __bool__(self) -> bool:
        return self.total > 0


def _capped(items: list, limit: int = LIST_LIMIT) -> Capped:
    return Capped(items=items[:limit], total=len(items))


@dataclass
class LecturerMatch:
    lecturer: object
    themes: list  # the challenge's themes on which they supervised projects
    words: list[str]
    institutions: list
    introduced_at: datetime | None = None

    @property
    def score(self) -> int:
        return 2 * len(self.themes) + len(self.words)

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.themes:
            themes = ", ".join(theme.display_name for theme in self.themes)
            reasons.append(_("supervised projects on %(themes)s") % {"themes": themes})
        if self.words:
            reasons.append(_("interests: %(words)s") % {"words": ", ".join(self.words)})
        institutions = ", ".join(
            f"{institution.display_name} ({institution.level.upper()})" for institution in self.institutions
        )
        reasons.append(_("teaches at %(institutions)s") % {"institutions": institutions})
        return reasons


@dataclass
class ChallengeMatches:
    challenge: ChallengePage
    teams: Capped
    lecturers: Capped


@dataclass(frozen=True)
class BusyNeighbourhood:
    name: str
    running_projects: int
    open_challenges: int


@dataclass
class Desk:
    waiting: Capped  # open, live, no application, online for more than STUCK_AFTER
    new: Capped  # the same, online for less time
    deadlines: Capped  # open, live, with free places, deadline within DEADLINE_WINDOW
    matches: Capped  # ChallengeMatches for the first LIST_LIMIT challenges above that have any
    unsupervised: Capped  # teams with members and no supervisor
    busy_neighbourhoods: list[BusyNeighbourhood]
    fatigue_threshold: int
    introductions: list = field(default_factory=list)  # the latest, newest first
    matches_unchecked: int = 0  # challenges above not looked at for matches (matches was full)
    stuck_after_days: int = STUCK_AFTER.days
    deadline_days: int = DEADLINE_WINDOW.days


@dataclass(frozen=True)
class _OpenChallenge:
    """Which of the desk's lists an open challenge belongs in, before it is loaded whole."""

    pk: int
    neighbourhood_id: int
    nobody_applied: bool  # no application under way
    stuck: bool  # online for more than STUCK_AFTER
    deadline_soon: date | None  # its deadline, when within DEADLINE_WINDOW and a place is free


def _interested_count():
    """Applications that say a team is (still) interested, per challenge, as a subquery."""
    interested = (
        Application.objects.filter(challenge_id=OuterRef("pk"), status__in=INTERESTED)
        .order_by().values("challenge_id").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(interested, output_field=IntegerField()), Value(0))


def _open_challenge_rows(today: date) -> list[_OpenChallenge]:
    """Every open, live challenge, longest online first, with what decides its lists worked out
    by the database: one query of small columns, however many challenges there are."""
    soon = Q(
        application_deadline__gte=today,
        application_deadline__lte=today + DEADLINE_WINDOW,
        team_capacity__gt=F("taken_places"),
    )
    rows = (
        ChallengePage.objects.live()
        .filter(ChallengePage.takes_teams_q())
        .annotate(taken_places=taken_places_annotation(), application_count=_interested_count())
        .annotate(
            nobody_applied=ExpressionWrapper(Q(application_count=0), output_field=BooleanField()),
            stuck=ExpressionWrapper(Q(first_published_at__lt=_stuck_since(today)), output_field=BooleanField()),
            deadline_soon=Case(When(soon, then=F("application_deadline")), default=None),
        )
        .order_by(F("first_published_at").asc(nulls_last=True), "pk")
        .values_list("pk", "neighbourhood_id", "nobody_applied", "stuck", "deadline_soon")
    )
    return [
        _OpenChallenge(pk, neighbourhood_id, bool(nobody), bool(stuck), deadline)
        for pk, neighbourhood_id, nobody, stuck, deadline in rows
    ]


class _Challenges:
    """The open challenges the desk shows, loaded whole only when it shows them: each with its
    neighbourhood, organisation, poster and themes, ``application_count``, ``places_free``,
    ``days_online``, ``days_left``, and what ``team_match`` reads. Two queries a batch."""

    def __init__(self, today: date):
        self.today = today
        self.loaded: dict[int, ChallengePage] = {}

    def load(self, pks) -> None:
        missing = [pk for pk in dict.fromkeys(pks) if pk not in self.loaded]
        if not missing:
            return
        challenges = (
            ChallengePage.objects.filter(pk__in=missing)
            .annotate(taken_places=taken_places_annotation(), application_count=_interested_count())
            .select_related("neighbourhood", "organisation", "posted_by")
            .prefetch_related("themes")
        )
        for challenge in challenges:
            published = (
                timezone.localdate(challenge.first_published_at) if challenge.first_published_at else self.today
            )
            challenge.days_online = (self.today - published).days
            challenge.days_left = (challenge.application_deadline - self.today).days
            challenge.places_free = challenge.free_places(challenge.taken_places)
            prepare_for_matching(challenge, challenge.themes.all())
            self.loaded[challenge.pk] = challenge

    def get(self, pks) -> list[ChallengePage]:
        self.load(pks)
        return [self.loaded[pk] for pk in pks if pk in self.loaded]


def _lecturer_candidates() -> list:
    """Approved lecturers, each with ``institutions``, ``levels``, ``theme_ids`` (of the
    challenges of projects they supervised), ``challenge_ids`` and ``words``: two queries."""
    lecturers: dict[int, object] = {}
    for approval in approved_lecturers():
        lecturer = lecturers.get(approval.user_id)
        if lecturer is None:
            lecturer = lecturers[approval.user_id] = approval.user
            lecturer.institutions, lecturer.levels = [], set()
            lecturer.theme_ids, lecturer.challenge_ids = set(), set()
            lecturer.words = words_of(lecturer.skills)
        lecturer.institutions.append(approval.institution)
        lecturer.levels.add(approval.institution.level)
    supervised = (
        Project.objects.filter(supervisor_id__in=lecturers)
        .exclude(status=ProjectStatus.CANCELLED)
        .values_list("supervisor_id", "challenge_id", "challenge__themes")  # a row per theme
    )
    for lecturer_id, challenge_id, theme_id in supervised:
        lecturers[lecturer_id].challenge_ids.add(challenge_id)
        if theme_id is not None:
            lecturers[lecturer_id].theme_ids.add(theme_id)
    return list(lecturers.values())


def _team_matches(
    challenge,
    teams: WordIndex,
    by_theme: dict[int, list],
    by_neighbourhood: dict[int, list],
    applied: set[tuple[int, int]],
) -> list[TeamMatch]:
    """The teams that fit ``challenge`` (``team_match``), the best first."""
    # A team matches on a shared theme, neighbourhood or word, or not at all.
    candidates = {id(team): team for team in teams.sharing(challenge.words)}
    for pk in challenge.matching_themes:
        candidates.update((id(team), team) for team in by_theme.get(pk, ()))
    candidates.update((id(team), team) for team in by_neighbourhood.get(challenge.neighbourhood_id, ()))
    matches = []
    for candidate in candidates.values():
        # Brokers introduce teams also after the application deadline (the owners may still choose).
        match = team_match(challenge, candidate, applied=(challenge.pk, candidate.team.pk) in applied, today=None)
        if match is not None and match.fits:
            matches.append(match)
    matches.sort(key=lambda match: (-match.score, match.team.name.lower(), match.team.pk))
    return matches


def _lecturer_matches(challenge, lecturers: WordIndex, by_theme: dict[int, list]) -> list[LecturerMatch]:
    themes = {theme.pk: theme for theme in challenge.themes.all()}
    matches = []
    # A lecturer matches on a shared theme or a shared word.
    candidates = {id(lecturer): lecturer for lecturer in lecturers.sharing(challenge.words)}
    for pk in themes:
        candidates.update((id(lecturer), lecturer) for lecturer in by_theme.get(pk, ()))
    challenge_words = words_by_key(challenge.words)
    for lecturer in candidates.values():
        if challenge.pk in lecturer.challenge_ids or not lecturer.levels & set(challenge.level_codes):
            continue
        shared_themes = [themes[pk] for pk in sorted(lecturer.theme_ids & themes.keys())]
        words = shared_words(lecturer.words, challenge_words)
        if shared_themes or words:
            matches.append(
                LecturerMatch(
                    lecturer=lecturer,
                    themes=shared_themes,
                    words=words,
                    institutions=lecturer.institutions,
                )
            )
    matches.sort(key=lambda match: (-match.score, match.lecturer.display_name.lower(), match.lecturer.pk))
    return matches


def _introductions_of(challenge_ids) -> dict[tuple[int, str, int], datetime]:
    """When each team or lecturer was last introduced to each of these challenges."""
    latest: dict[tuple[int, str, int], datetime] = {}
    entries = PageLogEntry.objects.filter(action=INTRODUCED_ACTION, page_id__in=list(challenge_ids))
    for page_id, data, timestamp in entries.values_list("page_id", "data", "timestamp"):
        for side in ("team", "lecturer"):
            other_id = (data or {}).get(f"{side}_id")
            if other_id is not None:
                key = (page_id, side, other_id)
                latest[key] = max(latest.get(key, timestamp), timestamp)
    return latest


def recent_introductions(limit: int = RECENT_INTRODUCTIONS) -> list:
    """The latest introductions by any broker, with who made them: one query. Each is a log
    entry; ``label`` is the challenge's title then, ``data`` names the team or lecturer."""
    return list(
        PageLogEntry.objects.filter(action=INTRODUCED_ACTION).select_related("user").order_by("-timestamp", "-pk")[
            :limit
        ]
    )


def unsupervised_teams() -> list:
    """Teams with members but no supervisor, each with ``member_count``, ``open_requests`` (lecturers
    asked who have not answered) and ``has_project`` (a running project without supervisor, the
    most urgent); those first, then the longest waiting. One query."""
    members = (
        TeamMembership.objects.filter(team_id=OuterRef("pk"))
        .order_by().values("team_id").annotate(n=Count("pk")).values("n")
    )
    requests = (
        Supervision.objects.filter(team_id=OuterRef("pk"), status=SupervisionStatus.REQUESTED)
        .order_by().values("team_id").annotate(n=Count("pk")).values("n")
    )
    supervised = Supervision.objects.filter(team_id=OuterRef("pk"), status=SupervisionStatus.ACCEPTED)
    teams = (
        Team.objects.annotate(
            member_count=Coalesce(Subquery(members, output_field=IntegerField()), Value(0)),
            open_requests=Coalesce(Subquery(requests, output_field=IntegerField()), Value(0)),
            has_project=Exists(Project.objects.filter(team_id=OuterRef("pk"), status__in=RUNNING)),
        )
        .filter(member_count__gt=0)
        .exclude(Exists(supervised))
        .order_by("-has_project", "created_at", "pk")
    )
    return list(teams)


def busy_neighbourhoods(threshold: int, open_challenges: list[_OpenChallenge]) -> list[BusyNeighbourhood]:
    """Neighbourhoods with at least ``threshold`` running projects, the busiest first, with the
    open challenges that may add more: one query."""
    rows = (
        Project.objects.filter(status__in=RUNNING)
        .values("challenge__neighbourhood_id", "challenge__neighbourhood__name")
        .annotate(running=Count("pk"))
        .filter(running__gte=threshold)
        .order_by("-running", "challenge__neighbourhood__name")
    )
    waiting: dict[int, int] = {}
    for challenge in open_challenges:
        waiting[challenge.neighbourhood_id] = waiting.get(challenge.neighbourhood_id, 0) + 1
    return [
        BusyNeighbourhood(
            name=row["challenge__neighbourhood__name"],
            running_projects=row["running"],
            open_challenges=waiting.get(row["challenge__neighbourhood_id"], 0),
        )
        for row in rows
    ]


def _stuck_since(today: date) -> datetime:
    """A challenge first published before this moment has been online for more than
    ``STUCK_AFTER`` (counted in Leiden's days, as ``days_online``)."""
    return timezone.make_aware(datetime.combine(today - STUCK_AFTER, time.min))


def _find_matches(challenges: _Challenges, order: list[int], limit: int) -> tuple[list[ChallengeMatches], int]:
    """Matches for the challenges in ``order`` (the most urgent first) until ``limit`` of them have
    some, and how many of ``order`` were looked at. Challenges are loaded a batch at a time, each
    batch twice as large as the one before, so that a desk whose first challenges fit nobody
    still costs a few queries, not one per challenge."""
    applied = set(
        Application.objects.exclude(status=ApplicationStatus.WITHDRAWN)
        .filter(challenge_id__in=ChallengePage.objects.live().filter(ChallengePage.takes_teams_q()).values("pk"))
        .values_list("challenge_id", "team_id")
    )
    team_list = team_candidates()
    teams = WordIndex(team_list)
    teams_by_theme: dict[int, list] = {}
    teams_by_neighbourhood: dict[int, list] = {}
    for team in team_list:
        for theme_id in team.theme_ids | team.past_theme_ids:
            teams_by_theme.setdefault(theme_id, []).append(team)
        for neighbourhood_id in team.neighbourhood_ids:
            teams_by_neighbourhood.setdefault(neighbourhood_id, []).append(team)
    lecturer_list = _lecturer_candidates()
    lecturers = WordIndex(lecturer_list)
    lecturers_by_theme: dict[int, list] = {}
    for lecturer in lecturer_list:
        for theme_id in lecturer.theme_ids:
            lecturers_by_theme.setdefault(theme_id, []).append(lecturer)

    found: list[tuple[ChallengePage, list[TeamMatch], list[LecturerMatch]]] = []
    looked_at, batch = 0, MATCH_BATCH
    while looked_at < len(order) and len(found) < limit:
        chunk = order[looked_at : looked_at + batch]
        challenges.load(chunk)
        for pk in chunk:
            looked_at += 1
            challenge = challenges.loaded.get(pk)  # None: taken down since the first query
            if challenge is None or challenge.is_hidden:  # hidden pending review: proposed to nobody
                continue
            team_matches = _team_matches(challenge, teams, teams_by_theme, teams_by_neighbourhood, applied)
            lecturer_matches = _lecturer_matches(challenge, lecturers, lecturers_by_theme)
            if team_matches or lecturer_matches:
                found.append((challenge, team_matches, lecturer_matches))
                if len(found) == limit:
                    break
        batch *= 2

    introduced = _introductions_of(challenge.pk for challenge, _teams, _lecturers in found)
    matches = []
    for challenge, team_matches, lecturer_matches in found:
        for match in team_matches[:MATCHES_PER_SIDE]:
            match.introduced_at = introduced.get((challenge.pk, "team", match.team.pk))
        for match in lecturer_matches[:MATCHES_PER_SIDE]:
            match.introduced_at = introduced.get((challenge.pk, "lecturer", match.lecturer.pk))
        matches.append(
            ChallengeMatches(
                challenge=challenge,
                teams=_capped(team_matches, MATCHES_PER_SIDE),
                lecturers=_capped(lecturer_matches, MATCHES_PER_SIDE),
            )
        )
    return matches, looked_at


def broker_desk(*, now: datetime | None = None, fatigue_threshold: int | None = None) -> Desk:
    """Everything the desk shows, in a number of queries that does not grow with the data: the
    open challenges as a row of flags each (which lists each belongs in, worked out by the
    database); the ones it shows, loaded whole with their themes (two more queries for each
    further batch, when the first challenges fit nobody); the applications to open challenges; the
    candidate teams, their members, the members' confirmed addresses and the institutions, the
    themes the teams chose and their members follow; the
    approved lecturers and the projects they supervised; earlier introductions to the matched
    challenges; the teams without a supervisor; the running projects per neighbourhood; the
    latest introductions.

    Matching stops once ``LIST_LIMIT`` challenges have a match: the broker works through the most
    urgent first, and comparing every open challenge with every team on each visit would make the
    desk slower the busier the programme gets. ``Desk.matches_unchecked`` says how many of the
    challenges to match were not looked at."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    threshold = max(1, fatigue_threshold if fatigue_threshold is not None else settings.BROKER_FATIGUE_THRESHOLD)

    rows = _open_challenge_rows(today)  # longest online first
    waiting = [row.pk for row in rows if row.nobody_applied and row.stuck]
    new = [row.pk for row in rows if row.nobody_applied and not row.stuck]
    soonest_first = sorted((row for row in rows if row.deadline_soon), key=lambda row: (row.deadline_soon, row.pk))
    deadlines = [row.pk for row in soonest_first]
    # The deadlines first (they cannot wait), then the longest waiting, then the new ones.
    to_match = list(dict.fromkeys([*deadlines, *waiting, *new]))

    challenges = _Challenges(today)
    challenges.load([*deadlines[:LIST_LIMIT], *waiting[:LIST_LIMIT], *new[:LIST_LIMIT], *to_match[:MATCH_BATCH]])
    matches, looked_at = _find_matches(challenges, to_match, LIST_LIMIT) if to_match else ([], 0)

    return Desk(
        waiting=Capped(challenges.get(waiting[:LIST_LIMIT]), len(waiting)),
        new=Capped(challenges.get(new[:LIST_LIMIT]), len(new)),
        deadlines=Capped(challenges.get(deadlines[:LIST_LIMIT]), len(deadlines)),
        matches=Capped(matches, len(matches)),
        matches_unchecked=len(to_match) - looked_at,
        unsupervised=_capped(unsupervised_teams()),
        busy_neighbourhoods=busy_neighbourhoods(threshold, rows),
        fatigue_threshold=threshold,
        introductions=recent_introductions(),
    )
