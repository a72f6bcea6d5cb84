"""Demo data for the marketplace: Leiden's districts, the partnership's themes and an
organisation. Realistic, but invented; idempotent."""

import random
from datetime import timedelta
from io import BytesIO

from allauth.account.models import EmailAddress
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw
from wagtail.images.models import Image as WagtailImage
from wagtail.models import WorkflowState

from accounts.models import User
from demo.challenge_texts import CHALLENGES, CHANGES_REQUESTED, CLOSED_REASON, DRAFTS, EDITED_WHILE_LIVE, IN_REVIEW
from marketplace.choices import MembershipRole, OrganisationKind
from marketplace.forms.challenges import text_to_html
from marketplace.models import (
    Application,
    ChallengeIndexPage,
    ChallengePage,
    ChallengePageImage,
    Neighbourhood,
    Organisation,
    OrganisationMembership,
    Team,
    Theme,
)
from marketplace.permissions import application_blockers
from marketplace.services.applications import (
    application_accept,
    application_endorse,
    application_send_back,
    application_submit,
    application_withdraw,
)
from marketplace.services.challenges import CHALLENGE_FIELDS, challenge_save_draft, challenge_submit
from marketplace.services.messages import message_send
from marketplace.services.organisations import organisation_invite
from marketplace.services.teams import supervision_accept, supervision_request, team_create, team_join, team_link_create

# Leiden's districts with a point near the middle of each (latitude, longitude; approximate, for the
# map of challenges, which never shows more than the neighbourhood).
NEIGHBOURHOODS = [
    ("Binnenstad-Noord", "binnenstad-noord", "52.16150", "4.49350"),
    ("Binnenstad-Zuid", "binnenstad-zuid", "52.15650", "4.48950"),
    ("Stationsdistrict", "stationsdistrict", "52.16500", "4.48400"),
    ("Leiden-Noord", "leiden-noord", "52.17350", "4.48950"),
    ("Roodenburgerdistrict", "roodenburgerdistrict", "52.15000", "4.49700"),
    ("Bos- en Gasthuisdistrict", "bos-en-gasthuisdistrict", "52.15250", "4.47300"),
    ("Morsdistrict", "morsdistrict", "52.16300", "4.46700"),
    ("Boerhaavedistrict", "boerhaavedistrict", "52.17000", "4.47300"),
    ("Merenwijk", "merenwijk", "52.17500", "4.50500"),
    ("Stevenshof", "stevenshof", "52.14300", "4.45500"),
]


THEMES = [
    {
        "slug": "gezondheid-welzijn",
        "name": "Gezondheid & welzijn",
        "name_en": "Health & well-being",
        "description": "Eenzaamheid, bewegen, gezond eten, zorg dichtbij: vragen over hoe Leidenaren "
        "prettig en gezond samenleven.",
        "description_en": "Loneliness, exercise, healthy food, care close to home: questions about how "
        "people in Leiden live together well and healthily.",
        "sort_order": 1,
    },
    {
        "slug": "duurzaamheid-biodiversiteit",
        "name": "Duurzaamheid & biodiversiteit",
        "name_en": "Sustainability & biodiversity",
        "description": "Groene binnentuinen, hittestress, energie besparen, vlinders langs de singels: "
        "vragen over een stad die leefbaar blijft.",
        "description_en": "Green courtyards, heat stress, saving energy, butterflies along the canals: "
        "questions about a city that stays liveable.",
        "sort_order": 2,
    },
    {
        "slug": "erfgoed-collecties",
        "name": "Cultureel erfgoed & collecties",
        "name_en": "Cultural heritage & collections",
        "description": "Verhalen van de wijk, hofjes, oude ambachten en de collecties van Leidse musea: "
        "vragen over wat de stad bewaart en doorvertelt.",
        "description_en": "Neighbourhood stories, almshouses, old crafts and the collections of Leiden's "
        "museums: questions about what the city keeps and passes on.",
        "sort_order": 3,
    },
]


ORGANISATION = {
    "name": "Wijkvereniging Stevenshof",
    "slug": "wijkvereniging-stevenshof",
    "kind": OrganisationKind.NEIGHBOURHOOD_ASSOCIATION,
    "description": "Bewoners die zich inzetten voor een groene, levendige en veilige Stevenshof.",
}


COLLEAGUE = {"email": "secretaris.stevenshof@example.org", "display_name": "Fatima El Amrani"}


INVITED_COLLEAGUE = "penningmeester.stevenshof@example.org"


def seed_marketplace(*, organisation_admin=None, stdout=None) -> None:
    for name, slug, latitude, longitude in NEIGHBOURHOODS:
        Neighbourhood.objects.get_or_create(slug=slug, defaults={"name": name})
        # A demo site made before the map gets its points too; one an editor placed stays where it is.
        Neighbourhood.objects.filter(slug=slug, latitude__isnull=True).update(latitude=latitude, longitude=longitude)
    for data in THEMES:
        Theme.objects.get_or_create(slug=data["slug"], defaults=data)
    organisation, _ = Organisation.objects.get_or_create(
        name=ORGANISATION["name"],
        defaults={**ORGANISATION, "neighbourhood": Neighbourhood.objects.get(slug="stevenshof")},
    )
    if organisation_admin is not None:
        OrganisationMembership.objects.get_or_create(
            organisation=organisation, user=organisation_admin, defaults={"role": MembershipRole.ADMIN}
        )
        _seed_colleagues(organisation, organisation_admin)


def _seed_colleagues(organisation, admin) -> None:
    """A colleague who joined earlier (no demo login) and one invitation still open."""
    colleague, created = User.objects.get_or_create(
        email=COLLEAGUE["email"], defaults={"display_name": COLLEAGUE["display_name"]}
    )
    if created:
        colleague.set_unusable_password()
        colleague.save(update_fields=["password"])
    OrganisationMembership.objects.get_or_create(
        organisation=organisation, user=colleague, defaults={"role": MembershipRole.MEMBER}
    )
    if not organisation.invitations.exists():
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            organisation_invite(
                organisation=organisation, actor=admin, email=INVITED_COLLEAGUE, role=MembershipRole.MEMBER
            )


def _draw_picture(seed: int, theme_slug: str) -> bytes:
    """A simple street scene drawn with Pillow: sky, houses, trees or a canal; nothing downloaded."""
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    palettes = {
        "gezondheid-welzijn": ((244, 226, 216), (197, 90, 70)),
        "duurzaamheid-biodiversiteit": ((218, 236, 220), (46, 125, 80)),
        "erfgoed-collecties": ((232, 228, 244), (90, 74, 150)),
    }
    sky, accent = palettes.get(theme_slug, ((225, 232, 240), (23, 54, 93)))
    image = Image.new("RGB", (1200, 750), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 750), fill=(120, 150, 180) if rng.random() < 0.5 else (150, 150, 140))
    x = 40
    while x < 1160:
        width, height = rng.randint(110, 180), rng.randint(220, 380)
        colour = tuple(min(255, c + rng.randint(-30, 30)) for c in (160, 70, 50))
        draw.rectangle((x, 560 - height, x + width, 560), fill=colour)
        draw.polygon([(x, 560 - height), (x + width // 2, 500 - height), (x + width, 560 - height)], fill=accent)
        for row in range(3):
            for col in range(2):
                wx, wy = x + 20 + col * (width // 2), 580 - height + 40 + row * 70
                draw.rectangle((wx, wy, wx + 30, wy + 40), fill=(250, 240, 200))
        x += width + rng.randint(10, 40)
    for _ in range(rng.randint(2, 5)):
        tx = rng.randint(60, 1140)
        draw.rectangle((tx - 8, 520, tx + 8, 600), fill=(90, 60, 40))
        draw.ellipse((tx - 60, 420, tx + 60, 540), fill=(60 + rng.randint(0, 40), 130, 70))
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def seed_challenges(*, home, resident, organisation_admin) -> None:
    """The challenge index and the demo challenges, each created once."""
    index = ChallengeIndexPage.objects.first()
    if index is None:
        index = ChallengeIndexPage(
            title="Uitdagingen",
            title_en="Challenges",
            slug="uitdagingen",
            intro="Vragen uit Leidse wijken waar studententeams aan kunnen werken. Filter op thema, wijk of niveau.",
            intro_en="Questions from Leiden's neighbourhoods for student teams to work on. Filter by theme, "
            "neighbourhood or level.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()

    organisation = Organisation.objects.get(name=ORGANISATION["name"])
    today = timezone.localdate()
    existing = set(ChallengePage.objects.values_list("slug", flat=True))
    for number, (row, publish) in enumerate([(c, True) for c in CHALLENGES] + [(d, False) for d in DRAFTS]):
        slug, title, summary, summary_en, theme_slugs, district, language, status, days, by_org = row
        if slug in existing:
            continue
        deadline = today + timedelta(days=days)
        poster = organisation_admin if by_org else resident
        page = ChallengePage(
            title=title,
            slug=slug,
            summary=summary,
            summary_en=summary_en,
            language=language,
            description=f"<p>{summary}</p><p>"
            + (
                "We zoeken een team dat met bewoners praat, de situatie onderzoekt en met concrete voorstellen "
                "komt. Wij zorgen voor contact met de buurt en een plek om af te spreken.</p>"
                if language == "nl"
                else "We are looking for a team that talks with residents, studies the situation and comes back "
                "with concrete proposals. We provide contacts in the neighbourhood and a place to meet.</p>"
            ),
            outcome="Een advies met concrete voorstellen, gepresenteerd aan de buurt."
            if language == "nl"
            else "Advice with concrete proposals, presented to the neighbourhood.",
            neighbourhood=Neighbourhood.objects.get(slug=district),
            posted_by=poster,
            organisation=organisation if by_org else None,
            level_mbo=number % 3 != 2,
            level_hbo=True,
            level_wo=number % 2 == 0,
            team_size_min=2 + number % 2,
            team_size_max=4 + number % 3,
            team_capacity=1 + number % 2,
            mixed_institutions_required=number % 3 == 0,
            application_deadline=deadline,
            period_start=deadline + timedelta(days=14),
            period_end=deadline + timedelta(days=120),
            can_be_done_in_dutch=language == "nl" or number % 2 == 0,
            can_be_done_in_english=language == "en" or number % 4 == 0,
            contact_name=poster.display_name,
            contact_email=poster.email,
            contact_phone="071 000 00 00",
            status=status,
            closed_reason=CLOSED_REASON if status == "closed" else "",
            owner=poster,
            live=False,
        )
        index.add_child(instance=page)
        page.themes.set([Theme.objects.get(slug=theme_slug) for theme_slug in theme_slugs])
        page.save()
        drawing = BytesIO(_draw_picture(number, theme_slugs[0]))
        picture = WagtailImage(title=title, file=ImageFile(drawing, name=f"{slug}.jpg"))
        picture.save()
        ChallengePageImage.objects.create(
            page=page, image=picture, sort_order=0,
            alt_text=f"Getekende straat in {page.neighbourhood.name} (illustratie)",
        )
        revision = page.save_revision(user=poster)
        if publish:
            revision.publish()
            # A demo of a site that has been running a while: each challenge went online about six
            # weeks before its deadline, so some have waited long enough for the broker's desk.
            published = timezone.now() - timedelta(days=max(1, 45 - days))
            ChallengePage.objects.filter(pk=page.pk).update(first_published_at=published, last_published_at=published)


def seed_review_examples(*, resident, organisation_admin, editor) -> None:
    """Two challenges on their way through the editors' review, made with the services a poster
    and an editor use on the site: one in review, one with changes requested. No e-mail is sent."""
    today = timezone.localdate()
    organisation = Organisation.objects.get(name=ORGANISATION["name"])
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for number, example in enumerate([IN_REVIEW, CHANGES_REQUESTED]):
            if ChallengePage.objects.filter(slug=slugify(example["title"])[:70]).exists():
                continue
            poster = organisation_admin if example["by_org"] else resident
            data = {
                "title": example["title"],
                "summary": example["summary"],
                "summary_en": "",
                "language": "nl",
                "description": text_to_html(example["description"]),
                "outcome": example["outcome"],
                "themes": list(Theme.objects.filter(slug__in=example["themes"])),
                "neighbourhood": Neighbourhood.objects.get(slug=example["neighbourhood"]),
                "organisation": organisation if example["by_org"] else None,
                "level_mbo": True,
                "level_hbo": True,
                "level_wo": number == 0,
                "team_size_min": 2,
                "team_size_max": 5,
                "team_capacity": 1,
                "mixed_institutions_required": False,
                "application_deadline": today + timedelta(days=35),
                "period_start": today + timedelta(days=50),
                "period_end": today + timedelta(days=150),
                "can_be_done_in_dutch": True,
                "can_be_done_in_english": False,
                "contact_name": poster.display_name,
                "contact_email": poster.email,
                "contact_phone": "",
            }
            photo = SimpleUploadedFile(
                f"demo-{number}.jpg", _draw_picture(100 + number, example["themes"][0]), content_type="image/jpeg"
            )
            photo_alt = f"Getekende straat in {data['neighbourhood']} (illustratie)"
            challenge = challenge_save_draft(actor=poster, data=data, photo=photo, photo_alt=photo_alt)
            challenge_submit(challenge=challenge, actor=poster)
            if "comment" in example:
                state = WorkflowState.objects.for_instance(challenge).get(status=WorkflowState.STATUS_IN_PROGRESS)
                task_state = state.current_task_state
                task_state.task.specific.on_action(task_state, editor, "reject", comment=example["comment"])

        # A live challenge whose organisation changed it: the change waits for review while the
        # published version stays on the site.
        live = ChallengePage.objects.filter(slug=EDITED_WHILE_LIVE["slug"], live=True).first()
        if live is not None and not WorkflowState.objects.for_instance(live).exists():
            data = {name: getattr(live, name) for name in CHALLENGE_FIELDS}
            data["themes"] = list(live.themes.all())
            data["outcome"] = EDITED_WHILE_LIVE["outcome"]
            edited = challenge_save_draft(actor=organisation_admin, data=data, challenge=live)
            challenge_submit(challenge=edited, actor=organisation_admin)


DEMO_TEAMS = [
    {
        "name": "De Groene Vleugel",
        "description": "Biologie en Social Work samen: we tellen wat er groeit en praten met wie er woont.",
        "skills": "Veldwerk, soortentellingen, interviews met bewoners, data-analyse in R",
        "themes": ["duurzaamheid-biodiversiteit", "gezondheid-welzijn"],
        "lead": "student_ul",
        "members": ["student_hsl"],
        "supervised": True,
    },
    {
        "name": "Groen Doen Noord",
        "description": "Wij maken plannen die je morgen kunt planten.",
        "skills": "Tuinontwerp, planten, bouwen met hout",
        "themes": ["duurzaamheid-biodiversiteit"],
        "lead": "student_mbo",
        "members": [],
        "supervised": False,  # asked the lecturer; the request waits on her My page
    },
]


def seed_teams(users: dict) -> None:
    """Student teams made with the services: a mixed team with a supervisor, and a team of one
    institution whose request for supervision waits for an answer. No e-mail is sent."""
    lecturer = users["lecturer"]
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for data in DEMO_TEAMS:
            if Team.objects.filter(name=data["name"]).exists():
                continue
            lead = users[data["lead"]]
            team = team_create(
                actor=lead, name=data["name"], description=data["description"], skills=data["skills"],
                language="nl", themes=Theme.objects.filter(slug__in=data["themes"]),
            )
            if data["members"]:
                link = team_link_create(team=team, actor=lead)
                for key in data["members"]:
                    team_join(token=link.link_token, user=users[key])
            asked = supervision_request(
                team=team, actor=lead, lecturer=lecturer,
                message="Wij zoeken een begeleider voor ons project dit semester.",
            )
            if data["supervised"]:
                supervision_accept(supervision=asked, actor=lecturer, answer="Graag, ik begeleid jullie.")


DEMO_COLLEAGUE_STUDENT = {"email": "m.deboer@student.mborijnland.nl", "display_name": "Mila de Boer"}


DEMO_PROPOSAL = {
    "motivation": "Wij wonen en studeren in Leiden en willen dat onze kennis de buurt echt iets oplevert.",
    "approach": "Eerst praten we met bewoners, dan maken we een plan, en aan het eind presenteren we het in de "
    "buurt.",
    "course_name": "Projectonderwijs",
    "course_code": "",
    "ects": 5,
}


def seed_applications(users: dict) -> None:
    """Applications in every state, made with the services: sent to the owner after the
    supervisor's endorsement, waiting for the endorsement, sent back with a note, withdrawn, and a
    challenge whose only place went to a team without a supervisor (a project), so that the other
    team was told kindly that it is full."""
    groene_vleugel = Team.objects.filter(name=DEMO_TEAMS[0]["name"]).first()
    groen_doen = Team.objects.filter(name=DEMO_TEAMS[1]["name"]).first()
    if groene_vleugel is None or groen_doen is None or Application.objects.filter(team=groene_vleugel).exists():
        return
    sophie, yasmin, lecturer = users["student_ul"], users["student_mbo"], users["lecturer"]
    today = timezone.localdate()

    def apply(team, lead, slug):
        challenge = ChallengePage.objects.filter(slug=slug, live=True).first()
        if challenge is None or application_blockers(lead, challenge, team, today):
            return None
        data = {**DEMO_PROPOSAL, "period_start": today + timedelta(days=30), "period_end": today + timedelta(days=120)}
        return application_submit(challenge=challenge, team=team, actor=lead, data=data)

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mila, created = User.objects.get_or_create(
            email=DEMO_COLLEAGUE_STUDENT["email"], defaults={"display_name": DEMO_COLLEAGUE_STUDENT["display_name"]}
        )
        if created:

            mila.set_unusable_password()
            mila.save(update_fields=["password"])
            EmailAddress.objects.create(user=mila, email=mila.email, primary=True, verified=True)
        if not groen_doen.memberships.filter(user=mila).exists():
            link = team_link_create(team=groen_doen, actor=yasmin)
            team_join(token=link.link_token, user=mila)

        endorsed = apply(groene_vleugel, sophie, "groene-binnentuin-merenwijk")
        if endorsed:
            application_endorse(application=endorsed, actor=lecturer, note="Een sterk, gemengd team.")
            owner = endorsed.challenge.posted_by
            if owner is not None:
                message_send(
                    actor=owner, application=endorsed, language="nl",
                    text="Leuk dat jullie je aanmelden! Kunnen jullie ook op een zaterdag komen? Dan zijn de "
                    "meeste bewoners thuis, en dan kunnen we samen de tuin bekijken.",
                )
                message_send(
                    actor=sophie, application=endorsed, language="en",
                    text="Thank you! Yes, Saturdays work for all of us. Daan speaks Dutch with the residents; "
                    "I will bring the soil samples kit.",
                )
        apply(groene_vleugel, sophie, "vlinders-singels")  # waits on the lecturer's My page
        returned = apply(groene_vleugel, sophie, "hofjes-verhalen")
        if returned:
            application_send_back(
                application=returned, actor=lecturer,
                note="Noem in je aanpak welke hofjes jullie willen bezoeken en wanneer.",
            )
        for slug in ("mantelzorgers-ondersteunen", "oral-history-textile"):
            withdrawn = apply(groen_doen, yasmin, slug)
            if withdrawn:
                application_withdraw(application=withdrawn, actor=yasmin)
                break
        second = apply(groene_vleugel, sophie, "speeltuin-morsdistrict")
        if second:
            application_endorse(application=second, actor=lecturer)
        chosen = apply(groen_doen, yasmin, "speeltuin-morsdistrict")
        if chosen:
            application_accept(
                application=chosen,
                actor=chosen.challenge.posted_by,
                message="Wat fijn dat jullie willen bouwen! Ik neem contact op voor een eerste afspraak.",
            )

