import re

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import get_descendants_content_types_pks

from core.pages import public
from marketplace.choices import (
    ApplicationStatus,
    ChallengeSort,
    ProjectStatus,
    PublicationState,
)
from marketplace.models import (
    Application,
    ChallengePage,
    ChallengePageImage,
    Neighbourhood,
    Project,
)


def challenge_list(*, sort: str = "", **filters):
    """Live challenges for the index, filtered (``_matching_challenges``: parent, q, theme,
    neighbourhood, organisation, level, status, language, mixed, open_on) and sorted, with
    everything a card shows fetched in a fixed number of queries. With ``open_on`` (a date)
    only those a team can apply to on that day."""
    challenges = _matching_challenges(**filters)
    order = ("application_deadline", "pk") if sort == ChallengeSort.DEADLINE else ("-first_published_at", "-pk")
    return (
        challenges.order_by(*order)
        .annotate(taken_places=taken_places_annotation())
        .select_related("neighbourhood", "organisation", "posted_by")
        .prefetch_related(
            "themes",
            Prefetch(
                "images",
                queryset=ChallengePageImage.objects.order_by("sort_order").select_related("image")
                .prefetch_related("image__renditions"),
            ),
        )
    )


def neighbourhoods_with_challenge_counts(**filters) -> list[Neighbourhood]:
    """The neighbourhoods with at least one live challenge matching the index's filters
    (``_matching_challenges``), by name, each with ``challenge_count``: the map of challenges
    and the list beside it. The same challenges as the list's, so a marker's count is what its
    link shows; a hidden one is counted there as the list's "hidden challenge" card. One query,
    one more for the matches of a search, and the restricted sections (cached); never a
    location finer than the neighbourhood."""
    matching = _matching_challenges(**filters).filter(neighbourhood=OuterRef("pk"))
    counted = matching.order_by().values("neighbourhood").annotate(n=Count("pk")).values("n")
    return list(
        Neighbourhood.objects.annotate(challenge_count=Subquery(counted, output_field=IntegerField()))
        .filter(challenge_count__gt=0)
        .order_by("name")
    )


def _matching_challenges(
    *,
    parent=None,
    q: str = "",
    theme=None,
    neighbourhood=None,
    organisation=None,
    level: str = "",
    status: str = "",
    language: str = "",
    mixed: bool = False,
    open_on=None,
):
    """The live challenges everyone may see (under ``parent``, not in a section with a view
    restriction) that pass the index's filters, unordered."""
    challenges = public(ChallengePage.objects.live())
    if parent is not None:
        challenges = challenges.child_of(parent)
    if theme is not None:
        # A subquery rather than a join: no duplicate rows, so no DISTINCT over whole pages.
        tagged = ChallengePage.themes.through.objects.filter(theme=theme).values("challengepage_id")
        challenges = challenges.filter(pk__in=tagged)
    if neighbourhood is not None:
        challenges = challenges.filter(neighbourhood=neighbourhood)
    if organisation is not None:
        challenges = challenges.filter(organisation=organisation)
    if level:
        challenges = challenges.filter(**{f"level_{level}": True})
    if status:
        challenges = challenges.filter(status=status)
    if language:
        field = "can_be_done_in_dutch" if language == "nl" else "can_be_done_in_english"
        challenges = challenges.filter(**{field: True})
    if mixed:
        challenges = challenges.filter(mixed_institutions_required=True)
    if open_on is not None:
        challenges = challenges.filter(ChallengePage.open_for_applications_q(open_on))
    if q:
        # Search on its own, then filter by the matches: the search backends cannot filter on
        # many-to-many fields such as themes. One query for the ids of the matches; on SQLite
        # it bypasses the backend's slow join (see search.py).
        challenges = challenges.filter(pk__in=live_challenge_ids_matching(q))
    return challenges


def challenges_for_poster(user) -> list:
    """The challenges someone posted or may manage for their organisations, newest first, each
    with ``publication_state``, when changes were requested ``review_comment``, and
    ``application_count`` (the applications that reached the owner) and ``awaiting_decision``
    (those waiting for the owner's decision) — three queries whatever the number."""
    if not user.is_authenticated:
        return []
    # A subquery, not a join: the OR over organisation members already multiplies the rows.
    received = (
        Application.objects.filter(challenge_id=OuterRef("pk"), submitted_at__isnull=False)
        .order_by().values("challenge_id").annotate(n=Count("pk")).values("n")
    )
    waiting = (
        Application.objects.filter(challenge_id=OuterRef("pk"), status=ApplicationStatus.SUBMITTED)
        .order_by().values("challenge_id").annotate(n=Count("pk")).values("n")
    )
    challenges = list(
        ChallengePage.objects.filter(challenge_managed_by(user))
        .distinct()
        .select_related("organisation")
        .order_by("-latest_revision_created_at", "-pk")
        .annotate(
            application_count=Coalesce(Subquery(received, output_field=IntegerField()), Value(0)),
            awaiting_decision=Coalesce(Subquery(waiting, output_field=IntegerField()), Value(0)),
        )
    )
    latest_state = {}
    page_type = ContentType.objects.get_for_model(Page)  # cached after the first call
    for state in WorkflowState.objects.filter(
        base_content_type=page_type, object_id__in=[str(c.pk) for c in challenges]
    ).order_by("created_at"):
        latest_state[state.object_id] = state
    rejected = {
        task_state.workflow_state_id: task_state
        for task_state in TaskState.objects.filter(
            workflow_state__in=[s for s in latest_state.values() if s.status == WorkflowState.STATUS_NEEDS_CHANGES],
            status=TaskState.STATUS_REJECTED,
        ).order_by("finished_at")
    } if latest_state else {}
    for challenge in challenges:
        state = latest_state.get(str(challenge.pk))
        challenge.review_comment = ""
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            challenge.publication_state = (
                PublicationState.PUBLISHED_CHANGES_IN_REVIEW if challenge.live else PublicationState.IN_REVIEW
            )
        elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            challenge.publication_state = PublicationState.CHANGES_REQUESTED
            task_state = rejected.get(state.pk)
            challenge.review_comment = task_state.comment if task_state else ""
        elif challenge.live:
            challenge.publication_state = PublicationState.PUBLISHED
        else:
            challenge.publication_state = PublicationState.DRAFT
        challenge.publication_state_label = PublicationState(challenge.publication_state).label
    return challenges


def challenge_in_review(challenge) -> bool:
    return WorkflowState.objects.for_instance(challenge).filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


# Words too common to say two titles are about the same thing.
_COMMON_WORDS = {
    "aan", "als", "bij", "dan", "dat", "die", "dit", "een", "hoe", "het", "met", "naar", "niet", "onze", "ook",
    "van", "voor", "wat", "wij", "zijn", "and", "for", "from", "how", "our", "the", "with", "what", "can",
    "buurt", "wijk", "leiden", "meer", "minder", "beter", "samen",
}


def similar_challenges(title: str, *, exclude_pk=None, limit: int = 5) -> list:
    """Live challenges whose words resemble ``title``, most alike first, so that someone
    about to post can see whether their question is already on the site."""
    words = [w for w in re.findall(r"\w+", title.lower()) if len(w) > 2 and w not in _COMMON_WORDS]
    return live_challenges_like(words[:8], exclude_pk=exclude_pk, limit=limit)


def challenge_owners(challenge) -> list:
    """The people who manage a challenge: its poster and the members of the organisation it was
    posted for (see permissions.can_manage_challenge)."""
    if challenge.organisation_id is None and challenge.posted_by_id is None:
        return []
    owners = Q(pk=challenge.posted_by_id) if challenge.posted_by_id else Q(pk__in=[])
    if challenge.organisation_id is not None:
        owners |= Q(organisation_memberships__organisation_id=challenge.organisation_id)
    return list(get_user_model().objects.filter(owners).distinct())


def _taken_places_of(challenge_ref):
    """The number of projects holding a place of the challenge ``challenge_ref`` points at
    (a pk or an ``OuterRef``); a cancelled project gives its place up."""
    return Project.objects.filter(challenge_id=challenge_ref).exclude(status=ProjectStatus.CANCELLED)


def challenge_taken_places(challenge) -> int:
    return _taken_places_of(challenge.pk).count()


def taken_places_annotation():
    """``taken_places`` for a queryset of challenges, as a subquery: no extra query per row."""
    counted = _taken_places_of(OuterRef("pk")).order_by().values("challenge_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def live_challenge_ids_matching(q: str) -> list:
    """The primary keys of the live challenges that contain every word of ``q``, in no
    particular order, fetched in one query."""
    live = ChallengePage.objects.live()
    if _uses_sqlite_fts():
        entries = _sqlite_index_entries_matching(ChallengePage, q)
        return list(live.filter(pk__in=entries).order_by().values_list("pk", flat=True))
    matches = live.search(q, operator="and", order_by_relevance=False)
    if hasattr(matches, "get_queryset"):  # the database backends: only the ids, not whole pages
        return list(matches.get_queryset().order_by().values_list("pk", flat=True))
    return [page.pk for page in matches]


def _uses_sqlite_fts() -> bool:
    """Whether searches go to Wagtail's SQLite FTS5 backend (it falls back to a plain
    database backend when SQLite lacks FTS5)."""
    if connection.vendor != "sqlite":
        return False
    # Importing this backend defines Wagtail's SQLite index models, which must wait for the app registry.
    from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend  # noqa: PLC0415

    return isinstance(get_search_backend(), SQLiteSearchBackend)


def _sqlite_index_entries_matching(model, q: str):
    """The ``object_id`` of the search index entries of ``model`` (and its subclasses) whose
    title or body contain every word of ``q``."""
    # Wagtail defines this model only when SQLite with FTS5 is the database.
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry  # noqa: PLC0415

    match = _fts5_all_words(q)
    if match is None:
        return IndexEntry.objects.none().values("object_id")
    fts_table = connection.ops.quote_name(SQLiteFTSIndexEntry._meta.db_table)
    # The FTS5 table's rowid is the index entry's id. As a subquery of its own the MATCH runs
    # once, whatever order SQLite picks for the rest. (Only the table name is formatted in; the
    # search words are a parameter.)
    matching_rowids = RawSQL(f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH %s", [match])  # noqa: S608, S611
    return IndexEntry.objects.filter(
        content_type_id__in=get_descendants_content_types_pks(model), id__in=matching_rowids
    ).values("object_id")


def _fts5_all_words(q: str):
    """An FTS5 query for the title and body columns requiring every whitespace-separated word
    of ``q``, as Wagtail's backend builds it for ``operator="and"``. Each word is an FTS5
    string, so ``*``, ``(``, ``-``, ``:``, ``^`` or AND, OR, NOT, NEAR have no special
    meaning; a double quote inside a word is doubled (the backend leaves it alone, and the
    query fails). None when there are no words."""
    words = q.split()
    if not words:
        return None
    quoted = " AND ".join('"{}"'.format(word.replace('"', '""')) for word in words)
    return f"{{title body}} : ({quoted})"


def live_challenges_like(words: list[str], *, exclude_pk=None, limit: int = 5) -> list:
    """Live challenges containing any of ``words``, the most alike first (by the search
    backend's relevance). On SQLite the ranked MATCH runs on its own, for the reason above."""
    live = ChallengePage.objects.live()
    if exclude_pk is not None:
        live = live.exclude(pk=exclude_pk)
    if not words:
        return []
    if not _uses_sqlite_fts():
        return list(live.search(" ".join(words), operator="or")[:limit])
    ranked = _sqlite_ranked_object_ids(ChallengePage, words, candidates=limit * 20)
    found = live.in_bulk(ranked)
    return [found[pk] for pk in ranked if pk in found][:limit]


def _sqlite_ranked_object_ids(model, words: list[str], *, candidates: int) -> list[int]:
    # Wagtail defines this model only when SQLite with FTS5 is the database.
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry  # noqa: PLC0415

    quoted = " OR ".join('"{}"'.format(word.replace('"', '""')) for word in words)
    fts_table = connection.ops.quote_name(SQLiteFTSIndexEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH %s ORDER BY rank LIMIT %s",  # noqa: S608
            [f"{{title body}} : ({quoted})", candidates],
        )
        rowids = [row[0] for row in cursor.fetchall()]
    entries = dict(
        IndexEntry.objects.filter(
            id__in=rowids, content_type_id__in=get_descendants_content_types_pks(model)
        ).values_list("id", "object_id")
    )
    return [int(entries[rowid]) for rowid in rowids if rowid in entries]


def challenge_managed_by(user, via: str = ""):
    """``can_manage_challenge`` as a filter: the challenges (reached through ``via``, such as
    ``"challenge__"``) that ``user`` posted or whose organisation they belong to. Use it with
    ``.distinct()``: a person can meet it twice."""
    return Q(**{f"{via}posted_by": user}) | Q(**{f"{via}organisation__memberships__user": user})

