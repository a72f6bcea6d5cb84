"""Full-text search of the live challenges, for the challenge index.

On PostgreSQL this is Wagtail's search. On SQLite, Wagtail's full-text backend joins its FTS5
table to ``wagtailsearch_indexentry`` with the index entries in the outer loop: SQLite walks
every entry of the challenge content type and runs the FTS5 MATCH once per entry (about 0.5 s
at 10,000 challenges, where the MATCH on its own takes 1 ms). Here the MATCH runs once, in an
uncorrelated ``rowid IN (...)`` subquery, against the same index tables and with the same words,
columns and operator as the backend, so the results are the same.
"""

from django.db import connection
from django.db.models.expressions import RawSQL


def live_challenge_ids_matching(q: str) -> list:
    """The primary keys of the live challenges that contain every word of ``q``, in no
    particular order, fetched in one query."""
    from .models import ChallengePage

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
    from wagtail.search.backends import get_search_backend
    from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(get_search_backend(), SQLiteSearchBackend)


def _sqlite_index_entries_matching(model, q: str):
    """The ``object_id`` of the search index entries of ``model`` (and its subclasses) whose
    title or body contain every word of ``q``."""
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry
    from wagtail.search.utils import get_descendants_content_types_pks

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
    from .models import ChallengePage

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
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry
    from wagtail.search.utils import get_descendants_content_types_pks

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
