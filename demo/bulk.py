"""Many challenges and teams at once, made in bulk, for measuring how the site behaves at the
size a busy programme reaches (10,000 live challenges, 1,000 teams): ``make bench`` and the
query-count tests at that size use them. Never part of the demo data a visitor sees.

The rows are inserted a batch at a time rather than through Wagtail's page API one by one (which
takes a quarter of a second a page); what they make is real: pages in the tree with URL paths,
challenges with themes and search index entries, teams of verified students."""

import uuid
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from accounts.models import Institution, User
from demo.marketplace import NEIGHBOURHOODS
from marketplace.choices import TeamRole
from marketplace.models import ChallengeIndexPage, ChallengePage, Neighbourhood, Team, TeamMembership, Theme

# The slug of every bulk-made challenge starts with this.
BULK_SLUG = "bench-"


# What the bulk challenges are about and the bulk teams can do: each team shares words with some.
WORDS = ["binnentuin", "hofjes", "vlinders", "eenzaamheid", "speeltuin", "archief", "hittestress", "regenwater"]


def fill_challenges(total: int) -> int:
    """Live challenges under the challenge index up to ``total``: Wagtail's page rows (tree path,
    depth, URL path, locale, content type) and the challenge rows inserted a batch at a time,
    their themes, and their entries in the search index. Nothing is published one by one, so no
    revisions and no signals."""
    missing = total - ChallengePage.objects.live().count()
    if missing <= 0:
        return 0
    index = ChallengeIndexPage.objects.get()
    content_type = ContentType.objects.get_for_model(ChallengePage)
    themes = list(Theme.objects.order_by("pk"))
    districts = list(Neighbourhood.objects.order_by("pk"))
    last_child = index.get_last_child()
    last_step = Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0
    first_number = Page.objects.filter(slug__startswith=BULK_SLUG).count()
    now = timezone.now()
    today = timezone.localdate()
    local_fields = ChallengePage._meta.local_concrete_fields
    through = ChallengePage.themes.through
    backend = get_search_backend()
    batch = 1000
    for start in range(0, missing, batch):
        numbers = range(first_number + start, first_number + min(start + batch, missing))
        pages = []
        for offset, number in enumerate(numbers):
            word = WORDS[number % len(WORDS)]
            slug = f"{BULK_SLUG}{number}"
            title = f"Uitdaging {number}: {word} in {NEIGHBOURHOODS[number % len(NEIGHBOURHOODS)][0]}"
            published = now - timedelta(days=number % 365, minutes=number)
            pages.append(Page(
                path=Page._get_path(index.path, index.depth + 1, last_step + start + offset + 1),
                depth=index.depth + 1,
                numchild=0,
                title=title,
                draft_title=title,
                slug=slug,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
            ))
        pages = Page.objects.bulk_create(pages)
        challenges = []
        theme_rows = []
        for page, number in zip(pages, numbers, strict=True):
            word = WORDS[number % len(WORDS)]
            # One in four mentions green, which the search on "groen" finds.
            green = " en meer groen in de straat" if number % 4 == 0 else ""
            challenges.append(ChallengePage(
                page_ptr_id=page.pk,
                summary=f"Een vraag over {word}{green} uit de wijk.",
                description=f"<p>Wat bewoners willen weten over {word}, en waarom dat nu speelt.</p>",
                language="nl",
                neighbourhood=districts[number % len(districts)],
                outcome="Een advies dat de buurt zelf kan uitvoeren.",
                level_mbo=number % 3 != 0,
                level_hbo=True,
                level_wo=number % 2 == 0,
                application_deadline=today + timedelta(days=number % 90),
                period_start=today + timedelta(days=100),
                period_end=today + timedelta(days=200),
                contact_name="Bewoner",
                contact_email="bewoner.bench@example.org",
            ))
            theme_rows.append(through(challengepage_id=page.pk, theme_id=themes[number % len(themes)].pk))
        # Django's bulk_create refuses a model with a parent table; the parent's rows are in, so
        # only the child table's own columns are inserted here, as Model.save() would.
        size = max(1, connection.ops.bulk_batch_size(local_fields, challenges))
        for offset in range(0, len(challenges), size):
            ChallengePage._base_manager._insert(challenges[offset : offset + size], fields=local_fields)
        through.objects.bulk_create(theme_rows)
        backend.add_bulk(ChallengePage, list(ChallengePage.objects.filter(pk__in=[page.pk for page in pages])))
    Page.objects.filter(pk=index.pk).update(numchild=ChallengePage.objects.child_of(index).count())
    return missing


def fill_teams(total: int) -> int:
    """Teams up to ``total``, each with two verified students of different institutions (a lead
    and a member) and skills that match some challenges, as the broker's desk would meet them."""
    missing = total - Team.objects.count()
    if missing <= 0:
        return 0
    institutions = list(Institution.objects.order_by("pk"))
    domains = [institution.student_domains.split()[0] for institution in institutions]
    first_number = User.objects.filter(email__startswith="bench.student.").count() // 2
    numbers = range(first_number, first_number + missing)
    students = []
    for number in numbers:
        for side in (0, 1):
            domain = domains[(number + side) % len(domains)]
            students.append(User(
                email=f"bench.student.{number}.{side}@{domain}",
                display_name=f"Student {number}-{side}",
                password="!bench",  # an unusable password: nobody logs in as these  # noqa: S106
                programme="Biologie" if side == 0 else "Social Work",
                study_year=2,
                skills=f"{WORDS[(number + side) % len(WORDS)]}, interviews, veldwerk",
            ))
    students = User.objects.bulk_create(students, batch_size=1000)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=student, email=student.email, primary=True, verified=True) for student in students],
        batch_size=1000,
    )
    teams = Team.objects.bulk_create(
        [
            Team(
                name=f"Team {number}",
                description="Studenten van twee instellingen samen.",
                skills=f"{WORDS[number % len(WORDS)]}, {WORDS[(number + 3) % len(WORDS)]}",
                created_by=students[2 * offset],
            )
            for offset, number in enumerate(numbers)
        ],
        batch_size=1000,
    )
    TeamMembership.objects.bulk_create(
        [
            TeamMembership(
                team=team, user=students[2 * offset + side], role=TeamRole.LEAD if side == 0 else TeamRole.MEMBER
            )
            for offset, team in enumerate(teams)
            for side in (0, 1)
        ],
        batch_size=1000,
    )
    return missing
