"""Whether a team and a challenge fit, and why: the one set of rules that the knowledge broker's
desk (``marketplace.selectors.broker``) and a student's "For you" on My page share.

* A team **may apply** to a challenge when PRODUCT.md rule 2 holds (``team_eligibility``: the
  challenge is open and before its deadline, the team's size is within its bounds, every member
  is a verified student, it mixes institutions where asked, it has not applied yet).
* A team **fits** a challenge when, besides, every member studies at a level the challenge asks
  for, and the two have something in common: a theme (one the team chose when it formed, one a
  member follows, or one of a project the team did before), a neighbourhood a member follows, or
  a word of the team's skills (the team's and its members') that the challenge's title, summary
  or themes share. A challenge hidden pending review fits nobody.

The desk proposes teams also after a challenge's deadline (its owners may still choose one), so
it asks without a date; For you asks for today. ``team_match`` says both for one team and one
challenge, with the facts behind it, which the desk words for a broker and My page for the
student. The rules are deliberately simple, so that either can say in a few words why they fit.
A student without a team is matched as a team of one (``person_candidate``): on their level,
follows and skills, not on the rules for a team's size or mix, which they meet once they form one.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Q
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, npgettext, pgettext

from accounts.selectors import student_institutions_by_user
from core.pages import public
from marketplace.choices import ApplicationStatus, ProjectStatus
from marketplace.models import Application, ChallengePage, Follow, Neighbourhood, Project, Team, TeamMembership, Theme
from marketplace.models.projects import RUNNING_PROJECT_STATUSES
from marketplace.selectors.teams import team_mix, unverified_members

LEVELS = ("mbo", "hbo", "wo")


_WORD = re.compile(r"[^\W\d_]{4,}")


# Words that say nothing about what a team can do or a challenge is about (Dutch and English),
# including the verbs people use to describe themselves ("I like to work with people").
_STOP_WORDS = {
    "aan", "about", "alle", "also", "andere", "being", "beter", "bewoners", "buurt", "city", "could", "deze",
    "doen", "door", "each", "elke", "ervaring", "experience", "from", "good", "goed", "graag", "great", "have",
    "hebben", "heel", "help", "helpen", "hoe", "ideas", "interest", "interested", "interesse", "interests", "into",
    "jullie", "kennis", "knowledge", "kunnen", "learn", "learning", "leiden", "leidse", "leren", "like", "love",
    "maar", "make", "maken", "many", "meer", "mensen", "minder", "more", "much", "naar", "neighbourhood", "niet",
    "onder", "onderzoek", "onze", "opleiding", "other", "over", "people", "programme", "project", "projecten",
    "projects", "question", "questions", "research", "residents", "samen", "should", "skills", "some", "stad",
    "student", "studenten", "students", "studie", "study", "such", "team", "teams", "that", "their", "they",
    "this", "together", "vaardigheden", "veel", "very", "vraag", "vragen", "want", "welke", "well", "werk",
    "werken", "werkt", "what", "which", "wijk", "willen", "with", "work", "working", "works", "would", "wordt",
    "worden", "your", "zich", "zijn", "zoals",
}


# Two words are alike when they share this many first letters ("collectie", "collections").
_SHARED_STEM = 6


def words_of(*texts: str) -> set[str]:
    """The telling words of ``texts``: lower case, letters only, four or more of them."""
    return {word for text in texts if text for word in _WORD.findall(text.lower())} - _STOP_WORDS


def _alike(word: str, other: str) -> bool:
    """The same word; one a longer form of the other ("interview", "interviews"; short words
    must be equal); or two forms of one stem, often across Dutch and English ("collectie",
    "collections"; "biodiversiteit", "biodiversity")."""
    if word == other:
        return True
    # Compared a slice at a time, not a letter at a time: the desk asks this thousands of times.
    if len(word) >= _SHARED_STEM and len(other) >= _SHARED_STEM and word[:_SHARED_STEM] == other[:_SHARED_STEM]:
        return True
    shorter, longer = (word, other) if len(word) <= len(other) else (other, word)
    return len(shorter) >= 5 and longer.startswith(shorter)


def _stem_key(word: str) -> str:
    """Alike words always have the same key: equal words, or words whose first five letters are
    the same (see ``_alike``). Only words with the same key need comparing."""
    return word[:5]


def shared_words(words: set[str], other: set[str] | dict[str, list[str]]) -> list[str]:
    """The words of ``words`` (as written there) that ``other`` shares, alphabetically. ``other``
    may come as ``words_by_key(other)``, made once for many comparisons."""
    by_key = other if isinstance(other, dict) else words_by_key(other)
    return sorted(
        word for word in words if any(_alike(word, theirs) for theirs in by_key.get(_stem_key(word), ()))
    )


def words_by_key(words: set[str]) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = {}
    for word in words:
        by_key.setdefault(_stem_key(word), []).append(word)
    return by_key


class WordIndex:
    """Which of many candidates (teams, lecturers) may share a word with a text: those with a word
    of the same key. The desk looks up each challenge's few words here instead of comparing them
    with every candidate's (thousands of challenges times a thousand teams)."""

    def __init__(self, candidates):
        self.by_key: dict[str, list] = {}
        for candidate in candidates:
            for key in {_stem_key(word) for word in candidate.words}:
                self.by_key.setdefault(key, []).append(candidate)

    def sharing(self, words: set[str]) -> list:
        found = {}
        for key in {_stem_key(word) for word in words}:
            for candidate in self.by_key.get(key, ()):
                found[id(candidate)] = candidate
        return list(found.values())


def challenge_levels(challenge) -> list[str]:
    return [level for level in LEVELS if getattr(challenge, f"level_{level}")]


LEVEL_NAMES = {"mbo": gettext_lazy("MBO"), "hbo": gettext_lazy("HBO"), "wo": gettext_lazy("WO")}


def level_names(levels) -> str:
    """"HBO and WO", "mbo, hbo en wo"."""
    return get_text_list([str(LEVEL_NAMES[level]) for level in levels], _("and"))


# Rule 2: who may apply


def challenge_blockers(challenge, today: date | None) -> list[str]:
    """Why no team can apply to ``challenge`` on ``today``; empty when teams can. With ``today``
    None, whatever the deadline (the broker's desk introduces teams also after it)."""
    if not challenge.takes_teams():
        return [_("This challenge is not open for applications.")]
    if today is not None and challenge.deadline_passed(today):
        return [_("The deadline for applications has passed.")]
    return []


def team_eligibility(
    *, challenge, members, is_lead: bool, already_applied: bool, today: date | None, mix: list | None = None
) -> list[str]:
    """PRODUCT.md rule 2 as one pure function: why the team of ``members`` (each with
    ``display_name`` and ``institutions``, as ``team_members`` and ``team_candidates`` give them)
    cannot apply to ``challenge``, one sentence per rule in words for the person; empty when it
    can. ``is_lead``: the person applying leads the team; ``today``: None for whatever the
    deadline (``challenge_blockers``); ``mix``: its ``team_mix``, when the caller has it already.
    No queries: the caller gathers the facts."""
    reasons = challenge_blockers(challenge, today)
    if not is_lead:
        reasons.append(_("Only a lead of the team can apply on its behalf."))
    size = len(members)
    if not challenge.team_size_fits(size):
        reasons.append(
            ngettext(
                "Your team has %(size)s member; this challenge needs %(min)s–%(max)s.",
                "Your team has %(size)s members; this challenge needs %(min)s–%(max)s.",
                size,
            )
            % {"size": size, "min": challenge.team_size_min, "max": challenge.team_size_max}
        )
    not_students = unverified_members(members)
    if not_students:
        reasons.append(
            _("Every member needs a confirmed student address; not yet: %(names)s.")
            % {"names": ", ".join(member.display_name for member in not_students)}
        )
    mix = team_mix(members) if mix is None else mix
    if not challenge.mix_is_enough(mix):
        if mix:
            reasons.append(
                _("This challenge asks for a team that mixes institutions; all your members study at "
                  "%(institution)s.") % {"institution": mix[0].display_name}
            )
        else:
            reasons.append(_("This challenge asks for a team that mixes institutions."))
    if already_applied:
        reasons.append(_("Your team has already applied to this challenge."))
    return reasons


# Who is matched: teams, and students on their own


@dataclass(frozen=True)
class Member:
    """What the matching needs of a team member: their name and skills, and where they are a
    verified student."""

    user_id: int
    display_name: str
    skills: str
    institutions: list


@dataclass(eq=False)
class Candidate:
    """A team (or a student without one, ``team`` None) as the matching sees it: its ``members``,
    ``levels`` (where its verified students study; None when none is), ``mix``, ``words``, ``theme_ids``
    (chosen by the team or followed by a member), ``past_theme_ids`` (of its earlier projects),
    ``neighbourhood_ids`` (followed by a member) and ``busy`` (it has a running project)."""

    team: Team | None
    members: list[Member]
    words: set[str]
    theme_ids: set[int]
    past_theme_ids: set[int]
    neighbourhood_ids: set[int]
    busy: bool = False
    levels: list[str] | None = None
    mix: list = field(default_factory=list)

    def __post_init__(self):
        # Of the members who are verified students; one who is not yet stands in the way of
        # applying anywhere (rule 2), not of seeing what is at the others' level.
        self.levels = sorted(
            {institution.level for member in self.members for institution in member.institutions}, key=LEVELS.index
        ) or None
        self.mix = team_mix(self.members)  # once per candidate, not once per challenge

    @property
    def is_team(self) -> bool:
        return self.team is not None

    @property
    def size(self) -> int:
        return len(self.members)


def _follows_by_user(user_ids) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """The themes and the neighbourhoods each of these people follows: one query."""
    themes: dict[int, set[int]] = {}
    neighbourhoods: dict[int, set[int]] = {}
    for user_id, theme_id, neighbourhood_id in Follow.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "theme_id", "neighbourhood_id"
    ):
        if theme_id is not None:
            themes.setdefault(user_id, set()).add(theme_id)
        else:
            neighbourhoods.setdefault(user_id, set()).add(neighbourhood_id)
    return themes, neighbourhoods


def team_candidates(team_ids=None, *, busy_too: bool = False) -> list[Candidate]:
    """Teams with members (of ``team_ids``, or all), by name, without those with a running
    project unless ``busy_too``: seven queries, and no whole person loaded (a thousand teams
    have two thousand members)."""
    has_members = TeamMembership.objects.filter(team_id=OuterRef("pk"))
    running = Project.objects.filter(team_id=OuterRef("pk"), status__in=RUNNING_PROJECT_STATUSES)
    teams = Team.objects.filter(Exists(has_members)).annotate(busy=Exists(running)).order_by("name", "pk")
    if not busy_too:
        teams = teams.filter(busy=False)
    if team_ids is not None:
        teams = teams.filter(pk__in=team_ids)
    teams = list(teams)
    rows = list(
        TeamMembership.objects.filter(team_id__in=[team.pk for team in teams])
        .order_by("pk")
        .values_list("team_id", "user_id", "user__display_name", "user__skills")
    )
    user_ids = {user_id for _team, user_id, _name, _skills in rows}
    institutions = student_institutions_by_user(user_ids)
    members_by_team: dict[int, list[Member]] = {}
    for team_id, user_id, name, skills in rows:
        members_by_team.setdefault(team_id, []).append(Member(user_id, name, skills, institutions.get(user_id, [])))
    themes_by_team: dict[int, set[int]] = {}
    chosen = Team.themes.through.objects.filter(team_id__in=[team.pk for team in teams])
    for team_id, theme_id in chosen.values_list("team_id", "theme_id"):
        themes_by_team.setdefault(team_id, set()).add(theme_id)
    past: dict[int, set[int]] = {}
    earlier = Project.objects.filter(team_id__in=[team.pk for team in teams]).exclude(status=ProjectStatus.CANCELLED)
    for team_id, theme_id in earlier.values_list("team_id", "challenge__themes"):  # a row per theme
        if theme_id is not None:
            past.setdefault(team_id, set()).add(theme_id)
    followed_themes, followed_neighbourhoods = _follows_by_user(user_ids)
    candidates = []
    for team in teams:
        members = members_by_team.get(team.pk, [])
        theme_ids = themes_by_team.get(team.pk, set()).union(
            *(followed_themes.get(member.user_id, ()) for member in members)
        )
        candidates.append(
            Candidate(
                team=team,
                members=members,
                words=words_of(team.skills, *(member.skills for member in members)),
                theme_ids=theme_ids,
                past_theme_ids=past.get(team.pk, set()) - theme_ids,
                neighbourhood_ids=set().union(*(followed_neighbourhoods.get(member.user_id, ()) for member in members)),
                busy=team.busy,
            )
        )
    return candidates


def person_candidate(user) -> Candidate:
    """A student without a team, matched on their own level, follows and skills: two queries."""
    institutions = student_institutions_by_user([user.pk])
    followed_themes, followed_neighbourhoods = _follows_by_user([user.pk])
    return Candidate(
        team=None,
        members=[Member(user.pk, user.display_name, user.skills, institutions.get(user.pk, []))],
        words=words_of(user.skills),
        theme_ids=followed_themes.get(user.pk, set()),
        past_theme_ids=set(),
        neighbourhood_ids=followed_neighbourhoods.get(user.pk, set()),
    )


# The match


def prepare_for_matching(challenge, themes) -> None:
    """Give a loaded challenge what ``team_match`` reads: ``matching_themes`` (by pk),
    ``level_codes``, ``words`` (of its title, summaries and themes) and ``words_by_key``."""
    challenge.matching_themes = {theme.pk: theme for theme in themes}
    challenge.level_codes = challenge_levels(challenge)
    challenge.words = words_of(
        challenge.title,
        challenge.summary,
        challenge.summary_en,
        *(theme.name for theme in themes),
        *(theme.name_en for theme in themes),
    )
    challenge.words_by_key = words_by_key(challenge.words)


@dataclass
class TeamMatch:
    """What a team (or a student on their own) and a challenge of its level have in common, and
    what stands between them: ``blockers``, empty when the team may apply (and so fits)."""

    candidate: Candidate
    challenge: ChallengePage
    themes: list  # the challenge's themes the team chose or a member follows
    past_themes: list  # the challenge's other themes, of projects the team did before
    neighbourhood: Neighbourhood | None  # the challenge's, when a member follows it
    words: list[str]
    blockers: list[str]  # why the team cannot apply (rule 2), in words
    introduced_at: datetime | None = None

    @property
    def team(self) -> Team | None:
        return self.candidate.team

    @property
    def fits(self) -> bool:
        return not self.blockers

    @property
    def score(self) -> int:
        return 2 * (len(self.themes) + len(self.past_themes)) + bool(self.neighbourhood) + len(self.words)

    @property
    def reasons_for_broker(self) -> list[str]:
        reasons = []
        if self.themes:
            themes = ", ".join(theme.display_name for theme in self.themes)
            reasons.append(_("wants to work on %(themes)s") % {"themes": themes})
        if self.past_themes:
            themes = ", ".join(theme.display_name for theme in self.past_themes)
            reasons.append(_("did a project on %(themes)s") % {"themes": themes})
        if self.neighbourhood:
            reasons.append(_("follows %(neighbourhood)s") % {"neighbourhood": self.neighbourhood.name})
        if self.words:
            reasons.append(_("skills: %(words)s") % {"words": ", ".join(self.words)})
        reasons.append(_("level %(levels)s") % {"levels": level_names(self.candidate.levels or ())})
        return reasons

    @property
    def reasons_for_students(self) -> list[str]:
        """Why it fits, said to the team ("past bij jullie thema …") or to the student on their
        own ("past bij je thema …"). Its deadline, which they can still make, the list shows."""
        team = self.candidate.is_team
        challenge = self.challenge
        reasons = []
        if self.themes:
            count = len(self.themes)
            reasons.append(
                (
                    npgettext("team", "fits your theme %(themes)s", "fits your themes %(themes)s", count)
                    if team
                    else npgettext("person", "fits your theme %(themes)s", "fits your themes %(themes)s", count)
                )
                % {"themes": ", ".join(theme.display_name for theme in self.themes)}
            )
        if self.past_themes:
            reasons.append(
                _("you did a project on %(themes)s before")
                % {"themes": ", ".join(theme.display_name for theme in self.past_themes)}
            )
        if self.neighbourhood:
            reasons.append(
                (
                    pgettext("team", "in %(neighbourhood)s, which you follow")
                    if team
                    else pgettext("person", "in %(neighbourhood)s, which you follow")
                )
                % {"neighbourhood": self.neighbourhood.name}
            )
        if self.words:
            reasons.append(
                (
                    pgettext("team", "asks for what you can do: %(words)s")
                    if team
                    else pgettext("person", "asks for what you can do: %(words)s")
                )
                % {"words": ", ".join(self.words)}
            )
        reasons.append(
            (
                pgettext("team", "for %(levels)s students, like you")
                if team
                else pgettext("person", "for %(levels)s students, like you")
            )
            % {"levels": level_names(challenge.level_codes)}
        )
        if team:
            if challenge.mixed_institutions_required:
                reasons.append(
                    _("asks for a mixed team, and you are %(institutions)s")
                    % {"institutions": " + ".join(institution.short_name for institution in self.candidate.mix)}
                )
            reasons.append(
                _("for teams of %(min)s–%(max)s, and you are %(size)s")
                % {"min": challenge.team_size_min, "max": challenge.team_size_max, "size": self.candidate.size}
            )
        return reasons


def team_match(challenge, candidate: Candidate, *, applied: bool, today: date | None) -> TeamMatch | None:
    """What ``candidate`` and ``challenge`` (made ready by ``prepare_for_matching``) have in
    common and what stands between them; None when the challenge is hidden, is for another level
    than the candidate's, or they have nothing in common. ``applied``: the team has an application to it
    that it did not withdraw; ``today``: None for whatever the deadline. No queries."""
    if challenge.is_hidden:  # pending a moderator's review: proposed to nobody
        return None
    if candidate.levels and not challenge.suits_levels(candidate.levels):
        return None
    themes = challenge.matching_themes
    shared_themes = [themes[pk] for pk in sorted(candidate.theme_ids & themes.keys())]
    past_themes = [themes[pk] for pk in sorted(candidate.past_theme_ids & themes.keys())]
    neighbourhood = challenge.neighbourhood if challenge.neighbourhood_id in candidate.neighbourhood_ids else None
    words = shared_words(candidate.words, challenge.words_by_key)
    if not (shared_themes or past_themes or neighbourhood or words):
        return None
    if candidate.is_team:
        blockers = team_eligibility(
            challenge=challenge, members=candidate.members, is_lead=True, already_applied=applied, today=today,
            mix=candidate.mix,
        )
    else:  # the rules for a team's size and mix hold once they form one
        blockers = challenge_blockers(challenge, today)
    return TeamMatch(
        candidate=candidate,
        challenge=challenge,
        themes=shared_themes,
        past_themes=past_themes,
        neighbourhood=neighbourhood,
        words=words,
        blockers=blockers,
    )


# For you: the open challenges that fit a student's teams, or the student on their own


class ChallengeRow:
    """What matching needs of an open challenge, read as a row rather than loaded as a page: a
    Wagtail page takes a tenth of a millisecond to make, and "For you" weighs thousands of
    challenges to list a few. The rules are the page's own methods, not copies."""

    FIELDS = (
        "pk", "live", "status", "title", "language", "summary", "summary_en", "neighbourhood_id", "level_mbo",
        "level_hbo", "level_wo", "team_size_min", "team_size_max", "mixed_institutions_required",
        "application_deadline", "hidden_at",
    )

    is_hidden = ChallengePage.is_hidden
    takes_teams = ChallengePage.takes_teams
    suits_levels = ChallengePage.suits_levels
    deadline_passed = ChallengePage.deadline_passed
    team_size_fits = ChallengePage.team_size_fits
    mix_is_enough = ChallengePage.mix_is_enough

    def __init__(self, values, neighbourhoods: dict):
        for name, value in zip(self.FIELDS, values, strict=True):
            setattr(self, name, value)
        self.neighbourhood = neighbourhoods.get(self.neighbourhood_id)


@dataclass
class ForYou:
    """The open challenges that fit one team of the student (or the student without a team),
    the best first; and those at its level that share something with it but that it cannot
    apply to, the soonest deadline first (challenges for another level are not for it at all).
    Each ``TeamMatch.challenge`` is a ``ChallengeRow``; those ``for_you`` shows have their
    ``page``."""

    candidate: Candidate
    fitting: list[TeamMatch]
    left_out: list[TeamMatch]

    @property
    def anchor(self) -> str:
        """The id of its part of the page "For you"."""
        return f"team-{self.candidate.team.pk}" if self.candidate.is_team else "own"


# At most this many word stems go into the database's filter (each is a LIKE on three columns;
# SQLite refuses a condition hundreds of them deep); with more, or with letters outside ASCII
# (SQLite's LIKE ignores the case of ASCII letters only), every open challenge at the level is
# read and the words are compared here alone.
FILTER_STEMS = 40


def _interest_filter(candidates: list[Candidate], themes: list) -> Q | None:
    """Open challenges that may share something with one of ``candidates``: a theme, a
    neighbourhood, or a word (alike words share their first letters, ``_stem_key``; the theme
    names count among a challenge's words). A wider net than ``team_match``, which decides; Q()
    for every challenge; None for none."""
    theme_ids = set().union(*(candidate.theme_ids | candidate.past_theme_ids for candidate in candidates))
    neighbourhood_ids = set().union(*(candidate.neighbourhood_ids for candidate in candidates))
    words = set().union(*(candidate.words for candidate in candidates))
    by_key = words_by_key(words)
    if len(by_key) > FILTER_STEMS or not all(key.isascii() for key in by_key):
        return Q()
    theme_ids |= {theme.pk for theme in themes if shared_words(words_of(theme.name, theme.name_en), by_key)}
    conditions = []
    if theme_ids:
        tagged = ChallengePage.themes.through.objects.filter(theme_id__in=theme_ids).values("challengepage_id")
        conditions.append(Q(pk__in=tagged))
    if neighbourhood_ids:
        conditions.append(Q(neighbourhood_id__in=neighbourhood_ids))
    for key in sorted(by_key):
        conditions.append(Q(title__icontains=key) | Q(summary__icontains=key) | Q(summary_en__icontains=key))
    if not conditions:
        return None
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def _open_rows(candidates: list[Candidate], themes: list, today: date) -> list[ChallengeRow]:
    """The open challenges everyone may see (not hidden, not in a restricted section) that may
    share something with one of ``candidates`` and ask for its level, the soonest deadline
    first, ready for ``team_match``: two queries (and the restricted sections, cached)."""
    interest = _interest_filter(candidates, themes)
    if interest is None:
        return []
    levels = Q()  # no verified student in one of them: any level
    if all(candidate.levels for candidate in candidates):
        for candidate in candidates:
            levels |= ChallengePage.suits_levels_q(candidate.levels)
    # A row per theme, rather than the themes asked for by thousands of ids.
    values = (
        public(ChallengePage.objects.live())
        .filter(ChallengePage.open_for_applications_q(today), hidden_at__isnull=True)
        .filter(interest, levels)
        .order_by("application_deadline", "pk", "themes")
        .values_list(*ChallengeRow.FIELDS, "themes")
    )
    neighbourhoods = {neighbourhood.pk: neighbourhood for neighbourhood in Neighbourhood.objects.all()}
    themes_by_pk = {theme.pk: theme for theme in themes}
    by_pk: dict[int, ChallengeRow] = {}
    themes_of: dict[int, list] = {}
    for *fields, theme_id in values:
        pk = fields[0]
        if pk not in by_pk:
            by_pk[pk] = ChallengeRow(fields, neighbourhoods)
            themes_of[pk] = []
        if theme_id is not None:
            themes_of[pk].append(themes_by_pk[theme_id])
    rows = list(by_pk.values())
    for row in rows:
        prepare_for_matching(row, themes_of.get(row.pk, []))
    return rows


def _show_as_pages(matches: list[TeamMatch]) -> None:
    """Give the challenges of the matches shown their ``page`` (for its address): one query."""
    pages = ChallengePage.objects.filter(pk__in={match.challenge.pk for match in matches}).only(
        "title", "slug", "url_path", "live"
    ).in_bulk()
    for match in matches:
        match.challenge.page = pages[match.challenge.pk]


def for_you(user, today: date, *, shown: int) -> list[ForYou]:
    """For a student: per team of theirs (by name; one with a running project too, for what it
    may take on next), or for them on their own when they have none, the open challenges that
    fit and those left out (see ``ForYou``), the first ``shown`` of each with its page. A fixed
    number of queries, however many challenges, teams and follows: the teams and their members
    (seven), the themes, the open challenges that may share something with any of them (with
    their themes), the neighbourhoods, the teams' applications, and the challenges shown."""
    team_ids = TeamMembership.objects.filter(user=user).values_list("team_id", flat=True)
    candidates = team_candidates(team_ids, busy_too=True) or [person_candidate(user)]
    themes = list(Theme.objects.all())
    rows = _open_rows(candidates, themes, today)
    applied = set(
        Application.objects.filter(team_id__in=[c.team.pk for c in candidates if c.is_team])
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .values_list("challenge_id", "team_id")
    )
    found = []
    for candidate in candidates:
        fitting, left_out = [], []
        team_pk = candidate.team.pk if candidate.is_team else None
        for row in rows:
            match = team_match(row, candidate, applied=(row.pk, team_pk) in applied, today=today)
            if match is not None:
                (fitting if match.fits else left_out).append(match)
        fitting.sort(key=lambda match: -match.score)  # stable: the soonest deadline first among equals
        found.append(ForYou(candidate=candidate, fitting=fitting, left_out=left_out))
    if rows:
        _show_as_pages([match for part in found for match in part.fitting[:shown] + part.left_out[:shown]])
    return found
