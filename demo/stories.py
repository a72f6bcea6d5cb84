"""Demo stories, in Dutch and English, each with a picture drawn here with Pillow (nothing
downloaded). Realistic, but invented; the facts in them come from the demo projects' logs.

Every story goes through the workflow "Story sign-off" as an editor and an owner would use it:
the editor saves it and sends it; the challenge's owner confirms it with the same service the
site's confirmation page uses; the editors' task publishes it.

- "Regen in de straat": about the completed rainwater project, with a photo the team shared
  from its log and the resident's words; confirmed by her and live.
- "Draad en dekens": about the delivered oral-history project; waiting for the organisation to
  confirm it, so the demo organisation member finds it on My page.
- "Erfgoed om de hoek": a story about a theme, about no challenge; there is no owner to ask, so
  only the editors' task published it.

Idempotent: the story index and each story are made once, looked up by slug; a story that exists
is left as it is, whatever state editors brought it to.
"""

import math
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter
from wagtail.images.models import Image as WagtailImage
from wagtail.models import PageLogEntry, Revision, TaskState, Workflow, WorkflowState

from accounts.models import Notification
from cms.models import STORY_WORKFLOW, OwnerSignOffTask, StoryIndexPage, StoryPage
from cms.services import story_sign_off
from demo.pages import faq, heading, paragraph
from marketplace.models import Attachment, ChallengeIndexPage, Project, Theme

STORY_INDEX = {
    "title": "Verhalen",
    "title_en": "Stories",
    "slug": "verhalen",
    "intro": "Wat bewoners, organisaties en studenten samen deden: verhalen over afgeronde projecten en over de "
    "thema's van Leren met de Stad, altijd met instemming van wie de vraag stelde.",
    "intro_en": "What residents, organisations and students did together: stories about finished projects and "
    "about the themes of Learning with the City, always with the agreement of whoever asked the question.",
}


CHALLENGES = "challenges"  # stands for the challenge index in a story's buttons


@dataclass(frozen=True)
class DemoStory:
    slug: str
    state: str  # "live" or "waiting": waiting for the challenge owner's confirmation
    days_ago: int  # the story's date; it was sent to the owner a few days before
    project_slug: str  # the challenge of the project it is about; "" for a story about a theme
    theme_slug: str
    drawing: str
    image_title: str
    page: dict
    owner_comment: str = ""


def seed_story_index(home) -> StoryIndexPage:
    """The one story index, under the home page. Its ``save`` gives it the sign-off workflow."""
    index = StoryIndexPage.objects.first()
    if index is None:
        with transaction.atomic():
            index = StoryIndexPage(**STORY_INDEX)
            home.add_child(instance=index)
            index.save_revision().publish()
    return index


def seed_stories(users: dict, *, index: StoryIndexPage | None = None, stdout=None) -> None:
    """The demo stories, each made in one transaction so a failure leaves nothing half-made."""
    index = index or StoryIndexPage.objects.first()
    if index is None or not Workflow.objects.filter(name=STORY_WORKFLOW, active=True).exists():
        return
    # Notifications go to the site's bell as usual; their e-mails stay in memory.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for spec in STORIES:
            if StoryPage.objects.filter(slug=spec.slug).exists():
                continue
            with transaction.atomic():
                story = _story(spec, index=index, editor=users["editor"])
            if stdout is not None and story is not None:
                stdout.write(f"  Story made: {story.title} ({spec.state})")
    if stdout is not None:
        stories = StoryPage.objects.all()
        waiting = sum(1 for story in stories.filter(live=False) if story.get_owner_sign_off() is not None)
        stdout.write(f"  Stories: {stories.filter(live=True).count()} live, {waiting} waiting for the owner.")


def _story(spec: DemoStory, *, index: StoryIndexPage, editor) -> StoryPage | None:
    project = None
    if spec.project_slug:
        project = (
            Project.objects.filter(challenge__slug=spec.project_slug)
            .select_related("challenge__neighbourhood")
            .first()
        )
        if project is None:
            return None
    photos = list(Attachment.shared_photos().filter(project=project).order_by("entry__date", "pk")) if project else []
    page = {key: value for key, value in spec.page.items() if key not in ("body", "body_en")}
    story = StoryPage(
        **page,
        slug=spec.slug,
        body=_body(spec.page["body"], photos),
        body_en=_body(spec.page["body_en"], photos),
        hero_image=_hero_image(spec),
        project=project,
        # What the admin's form fills in from the project; a draft's first save does not clean it.
        challenge=project.challenge if project else None,
        neighbourhood=project.challenge.neighbourhood if project else None,
        theme=Theme.objects.filter(slug=spec.theme_slug).first(),
        authors=f"Tekst: {editor.display_name}",
        date=timezone.localdate() - timedelta(days=spec.days_ago),
        live=False,
    )
    index.add_child(instance=story)
    story.save_revision(user=editor)  # validates the story, its shared photos included
    Workflow.objects.get(name=STORY_WORKFLOW).start(story, editor)
    sent = _moment(spec.days_ago + 3, 10)
    if spec.state == "waiting":
        _backdate(story, editor=editor, sent=sent)
        return story

    # A story about a challenge waits for its owner; one about a theme has passed that task already.
    story = StoryPage.objects.get(pk=story.pk)
    owner, confirmed = None, None
    if story.get_owner_sign_off() is not None:
        owner = project.challenge.posted_by
        story_sign_off(
            story=story, actor=owner, confirm=True, comment=spec.owner_comment, revision_id=story.latest_revision_id
        )
        confirmed = _moment(spec.days_ago + 1, 20)
        story = StoryPage.objects.get(pk=story.pk)
    task_state = story.current_workflow_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    story = StoryPage.objects.get(pk=story.pk)
    _backdate(story, editor=editor, owner=owner, sent=sent, confirmed=confirmed, published=_moment(spec.days_ago, 9))
    return story


def _body(blocks: list, photos: list) -> list:
    """The stream as stored: ``_shared_photo(number=n)`` becomes the project's n-th shared photo
    (left out when the project has fewer), and the buttons point at the challenge index."""
    body = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "shared_photo":
            if value["photo"] >= len(photos):
                continue
            value = {**value, "photo": photos[value["photo"]].pk}
        elif block["type"] == "call_to_action" and value["page"] == CHALLENGES:
            index = ChallengeIndexPage.objects.live().first()
            value = {**value, "page": index.pk if index else None, "url": "" if index else "/uitdagingen/"}
        body.append({"type": block["type"], "value": value})
    return body


def _hero_image(spec: DemoStory):
    drawing = DRAWINGS[spec.drawing](seed=len(spec.slug)).convert("RGB")
    buffer = BytesIO()
    drawing.save(buffer, format="JPEG", quality=88, optimize=True)
    picture = WagtailImage(title=spec.image_title, file=ImageFile(buffer, name=f"verhaal-{spec.slug}.jpg"))
    picture.save()
    return picture


def _moment(days_ago: int, hour: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return min(timezone.make_aware(datetime.combine(day, time(hour))), timezone.now())


def _backdate(story: StoryPage, *, editor, sent, owner=None, confirmed=None, published=None) -> None:
    """The services stamp the time they run; the demo's stories get the days they "happened":
    sent to the owner, confirmed by them, published by the editors."""
    pages = {"object_id": str(story.pk), "base_content_type": story.get_base_content_type()}
    Revision.objects.filter(**pages).update(created_at=sent)
    fields = {"latest_revision_created_at": sent}
    if published:
        fields.update(first_published_at=published, last_published_at=published)
    StoryPage.objects.filter(pk=story.pk).update(**fields)
    states = WorkflowState.objects.filter(**pages)
    states.update(created_at=sent)
    answered = confirmed or sent  # a story about no challenge passes the owner's task at once
    for task_state in TaskState.objects.filter(workflow_state__in=states).select_related("task"):
        if isinstance(task_state.task.specific, OwnerSignOffTask):
            started, finished = sent, answered
        else:
            started, finished = answered, published
        TaskState.objects.filter(pk=task_state.pk).update(
            started_at=started, finished_at=finished if task_state.finished_at else None
        )
    for entry in PageLogEntry.objects.filter(page_id=story.pk):
        by_editor = entry.user_id == editor.pk
        if entry.action == "wagtail.publish" or (entry.action == "wagtail.workflow.approve" and by_editor):
            moment = published
        elif owner is not None and entry.user_id == owner.pk:
            moment = confirmed
        else:
            moment = sent
        PageLogEntry.objects.filter(pk=entry.pk).update(timestamp=moment or sent)
    asked = Notification.objects.filter(url=reverse("stories:sign_off", args=[story.pk]))
    asked.update(created_at=sent)
    if confirmed:
        asked.update(read_at=confirmed)
        Notification.objects.filter(url=reverse("wagtailadmin_pages:edit", args=[story.pk])).update(
            created_at=confirmed
        )


def _call_to_action(text: str, link_text: str) -> dict:
    """A button to the challenge index, found when the story is made (see ``_body``)."""
    return {"type": "call_to_action", "value": {"text": text, "link_text": link_text, "page": CHALLENGES, "url": ""}}


def _quote(text: str, attribution: str) -> dict:
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def _shared_photo(caption: str, number: int = 0) -> dict:
    return {"type": "shared_photo", "value": {"photo": number, "caption": caption}}


RAIN = DemoStory(
    slug="regen-in-de-straat",
    state="live",
    days_ago=4,
    project_slug="regenwater-opvangen",
    theme_slug="duurzaamheid-biodiversiteit",
    drawing="rain",
    image_title="Verhaal: Regen in de straat (illustratie)",
    owner_comment="Mooi opgeschreven, zo is het precies gegaan. Dank je wel!",
    page={
        "title": "Regen in de straat: van plassen naar geveltuinen",
        "title_en": "Rain in the street: from puddles to facade gardens",
        "intro": "Bij elke hoosbui liep een straat in het Bos- en Gasthuisdistrict onder. Twee studenten belden "
        "overal aan en zochten samen met de bewoners naar een oplossing. Nu lopen zes regentonnen over in een "
        "geveltuin.",
        "intro_en": "Every heavy shower flooded a street in the Bos- en Gasthuisdistrict. Two students knocked on "
        "every door and looked for a solution together with the residents. Now six rain barrels overflow into "
        "facade gardens.",
        "hero_alt": "Tekening van een rij huizen in de regen. Bij elk huis loopt de regenpijp in een groene "
        "regenton, met een geveltuin met bloemen ernaast; op straat liggen plassen.",
        "hero_alt_en": "Drawing of a row of houses in the rain. At each house the downpipe runs into a green rain "
        "barrel next to a facade garden with flowers; there are puddles in the street.",
        "body": [
            paragraph(
                "<p>Anneke Vermeulen had er al jaren last van. ‘Bij hevige regen loopt onze straat onder,’ schreef "
                "ze toen ze haar vraag op Leren met de Stad zette. ‘Kunnen we regenwater opvangen en gebruiken "
                "voor het groen?’ Na een flinke bui stond het water voor een rij huizen tot over de stoep, en de "
                "putten liepen vol met blad.</p>"
            ),
            paragraph(
                "<p>Het team <b>De Groene Vleugel</b> pakte de vraag op: Sophie Bakker, die biologie studeert aan "
                "de Universiteit Leiden, en Daan Visser, student Social Work aan Hogeschool Leiden. Docent Karin "
                "Jansen van Hogeschool Leiden begeleidde hen.</p>"
            ),
            heading("Eerst kijken, dan praten"),
            paragraph(
                "<p>Na een regenachtige dinsdag liepen Sophie en Daan de straat af met een meetlint en tekenden "
                "ze op waar het water het langst blijft staan. Het laagste punt ligt voor de huisnummers 18 tot "
                "24, waar de goot de verkeerde kant op helt. Ze telden ook de voortuinen: 31 van de 44 zijn "
                "helemaal betegeld.</p>"
            ),
            paragraph(
                "<p>Daarna ging Daan huis aan huis. Hij sprak 27 huishoudens. Veel bewoners wilden wel een "
                "regenton, maar wisten niet waar die moest staan of hoe je hem op de regenpijp aansluit. Oudere "
                "bewoners vroegen of iemand kon helpen om tegels uit de tuin te halen.</p>"
            ),
            heading("Een ton alleen is niet genoeg"),
            paragraph(
                "<p>Sophie maakte een ruwe rekensom. Een dak van ongeveer 60 m² vangt in een jaar zo’n 50.000 "
                "liter regen op, en een ton van 200 liter is na ongeveer 3 millimeter regen al vol. Een ton "
                "alleen houdt de straat dus niet droog. Daarom kreeg elke ton een overloop naar een geveltuin of "
                "plantenbak, met planten die tegen natte voeten kunnen. Dat werd de kern van het advies.</p>"
            ),
            _shared_photo("Een van de zes regentonnen, met de overloop naar een nieuwe geveltuin. Foto: De Groene "
                          "Vleugel."),
            paragraph(
                "<p>Op een bewonersavond in het buurthuis lieten de studenten zien hoe dat werkt. Zes "
                "huishoudens deden mee aan een proef. Samen met de bewoners zetten Sophie en Daan de tonnen "
                "neer. Twee regenpijpen bleken te kort; die zaterdag kwamen ze terug met extra stukken. Na de "
                "eerstvolgende hoosbui liepen alle tonnen vol en werkte de overloop. Alleen bij één huis bleef "
                "het water staan: daar moet de goot worden aangepast, en dat is gemeld bij de gemeente.</p>"
            ),
            _quote(
                "Bij de laatste hoosbui stond het water voor het eerst niet tot aan de voordeur. De folder hangt "
                "bij de helft van de straat op de koelkast.",
                "Anneke Vermeulen, bewoner, stelde de vraag",
            ),
            heading("Wat blijft"),
            paragraph(
                "<p>De studenten schreven het advies <i>Regen in de straat</i>, met een kaart van de laagste "
                "punten, wat de 27 gesprekken opleverden en drie maatregelen:</p>"
                "<ul><li>regentonnen met een overloop naar een geveltuin of plantenbak;</li>"
                "<li>tegels eruit op de laagste plekken;</li>"
                "<li>een aanpassing van de goot bij de nummers 18 tot 24, voor de gemeente.</li></ul>"
                "<p>Voor iedereen in de straat is er een folder van één pagina. Bij de eindpresentatie in het "
                "buurthuis waren 23 bewoners en een medewerker van de gemeente. De gemeente kijkt naar de goot; "
                "de bewoners willen in het voorjaar samen tegels wippen. De proef met de regentonnen loopt "
                "door.</p>"
            ),
            _call_to_action("Heb jij ook een vraag uit je straat of wijk? Misschien werkt een studententeam er "
                            "straks aan.", "Bekijk de uitdagingen"),
        ],
        "body_en": [
            paragraph(
                "<p>Anneke Vermeulen had been putting up with it for years. ‘Heavy rain floods our street,’ she "
                "wrote when she posted her question on Learning with the City. ‘Can we collect rainwater and use "
                "it for the greenery?’ After a heavy shower, the water in front of a row of houses rose over the "
                "pavement, and the drains filled up with leaves.</p>"
            ),
            paragraph(
                "<p>The team <b>De Groene Vleugel</b> took up the question: Sophie Bakker, who studies biology at "
                "Leiden University, and Daan Visser, a Social Work student at Leiden University of Applied "
                "Sciences. Lecturer Karin Jansen of Leiden University of Applied Sciences supervised them.</p>"
            ),
            heading("Look first, then talk"),
            paragraph(
                "<p>After a rainy Tuesday, Sophie and Daan walked the length of the street with a measuring tape "
                "and marked where the water stays longest. The lowest point is in front of numbers 18 to 24, "
                "where the gutter slopes the wrong way. They also counted the front gardens: 31 of the 44 are "
                "fully paved.</p>"
            ),
            paragraph(
                "<p>Then Daan went from door to door. He spoke with 27 households. Many residents did want a rain "
                "barrel, but did not know where it should go or how to connect it to the downpipe. Older residents "
                "asked whether someone could help them take tiles out of their garden.</p>"
            ),
            heading("A barrel alone is not enough"),
            paragraph(
                "<p>Sophie did a rough calculation. A roof of about 60 m² collects some 50,000 litres of rain a "
                "year, and a 200-litre barrel is full after about 3 millimetres of rain. A barrel alone will not "
                "keep the street dry. So each barrel got an overflow into a facade garden or planter, with plants "
                "that do not mind wet feet. That became the core of the advice.</p>"
            ),
            _shared_photo("One of the six rain barrels, with the overflow into a new facade garden. Photo: De "
                          "Groene Vleugel."),
            paragraph(
                "<p>At a residents’ evening in the community centre, the students showed how it works. Six "
                "households joined a trial. Sophie and Daan installed the barrels together with the residents. "
                "Two downpipes turned out to be too short; they came back that Saturday with extra pieces. After "
                "the next downpour, all the barrels filled up and the overflow worked. Only at one house did the "
                "water stay: the gutter there needs to be adjusted, and this has been reported to the "
                "municipality.</p>"
            ),
            _quote(
                "During the last downpour, for the first time, the water did not come up to the front door. Half "
                "the street has the leaflet on their fridge.",
                "Anneke Vermeulen, resident, who asked the question",
            ),
            heading("What stays"),
            paragraph(
                "<p>The students wrote the advice <i>Regen in de straat</i> (Rain in the street), with a map of "
                "the lowest points, what the 27 conversations brought up, and three measures:</p>"
                "<ul><li>rain barrels with an overflow into a facade garden or planter;</li>"
                "<li>tiles out at the lowest spots;</li>"
                "<li>an adjustment to the gutter at numbers 18 to 24, for the municipality.</li></ul>"
                "<p>Everyone in the street got a one-page leaflet. The final presentation in the community centre "
                "drew 23 residents and someone from the municipality. The municipality is looking at the gutter; "
                "the residents plan to lift tiles together in the spring. The trial with the rain barrels goes "
                "on.</p>"
            ),
            _call_to_action("Do you have a question from your street or neighbourhood too? A student team might "
                            "work on it next.", "See the challenges"),
        ],
    },
)


THREADS = DemoStory(
    slug="draad-en-dekens",
    state="waiting",
    days_ago=1,
    project_slug="oral-history-textile",
    theme_slug="erfgoed-collecties",
    drawing="threads",
    image_title="Verhaal: Draad en dekens (illustratie)",
    page={
        "title": "Draad en dekens: herinneringen van Leidse textielarbeiders",
        "title_en": "Threads and blankets: memories of Leiden's textile workers",
        "intro": "Zes oud-textielarbeiders vertelden drie studenten over de fabriekssirene, ploegendiensten en "
        "collega’s van vroeger. Het werd een boekje en een luisterwandeling door het Roodenburgerdistrict.",
        "intro_en": "Six former textile workers told three students about the factory siren, working in shifts and "
        "the colleagues they remember. The result is a booklet and a listening walk through the "
        "Roodenburgerdistrict.",
        "hero_alt": "Tekening van een klos rood garen. De draad loopt uit in de golfvorm van een geluidsopname; "
        "onderaan een strook geweven stof in rood, blauw, geel en groen.",
        "hero_alt_en": "Drawing of a spool of red thread. The thread turns into the wave of a sound recording; "
        "below is a strip of woven cloth in red, blue, yellow and green.",
        "body": [
            paragraph(
                "<p>De laatste generatie die in de Leidse textielindustrie werkte, wordt ouder. Joost de Graaf van "
                "de wijkvereniging zette daarom een vraag op Leren met de Stad: leg hun herinneringen vast en "
                "deel ze, voordat ze verloren gaan.</p>"
            ),
            paragraph(
                "<p>Het team <b>Threads of Leiden</b> nam de vraag op zich: Priya Raman (Museum Studies) en Lukas "
                "Becker (geschiedenis) van de Universiteit Leiden, en Noor Haddou, die journalistiek studeert aan "
                "Hogeschool Leiden en opgroeide in het Roodenburgerdistrict. Docent Karin Jansen begeleidde "
                "hen.</p>"
            ),
            heading("Eerst de toestemming"),
            paragraph(
                "<p>Voordat er één opname werd gemaakt, schreef het team een gesprekshandleiding en een "
                "toestemmingsformulier, in het Nederlands en het Engels. Iedereen die meedeed, las zijn eigen "
                "fragmenten voordat er iets werd gepubliceerd, en mocht ze terugtrekken. De opnames staan op een "
                "beveiligde schijf van de universiteit, niet op de telefoons van de studenten.</p>"
            ),
            heading("De sirene om kwart voor zeven"),
            paragraph(
                "<p>Een oud-medewerkster van een dekenfabriek, nu 86, vertelde over de sirene om kwart voor zeven "
                "en de ploegendiensten. Een oud-collega nam zijn stempelkaart mee, en een stukje deken dat hij al "
                "zeventig jaar bewaart. Met een derde liepen de studenten langs de plek waar de fabriek stond. "
                "Er staan nu woningen, maar zij wist nog precies waar de ververij was.</p>"
            ),
            paragraph(
                "<p>In het regionaal archief vond Lukas bedrijfsfoto’s uit de jaren vijftig en een "
                "personeelsblad waarin twee van de geïnterviewden met naam worden genoemd.</p>"
            ),
            _shared_photo("De eerste stop van de proefwandeling, op de hoek waar de fabriekspoort was. Foto: "
                          "Threads of Leiden."),
            heading("Een wandeling om naar te luisteren"),
            paragraph(
                "<p>Met vier buurtbewoners liep het team een proefwandeling langs de plekken uit de verhalen; "
                "twee van hen zijn kinderen van oud-textielarbeiders. Met 70 minuten was de wandeling te lang, "
                "dus gingen er twee stops uit. Wat er nu ligt:</p>"
                "<ul><li>het boekje <i>Draad en dekens</i> (32 pagina’s, in het Nederlands met Engelse "
                "samenvattingen);</li>"
                "<li>een luisterwandeling van ongeveer 50 minuten met zeven stops en QR-codes naar de "
                "opnames.</li></ul>"
            ),
            _quote(
                "Wat een mooie middag. Een bewoner vroeg al of de wandeling in het voorjaar ook met de "
                "wijkvereniging kan.",
                "Joost de Graaf, wijkvereniging",
            ),
        ],
        "body_en": [
            paragraph(
                "<p>The last generation that worked in Leiden’s textile industry is getting older. So Joost de "
                "Graaf of the neighbourhood association posted a question on Learning with the City: record their "
                "memories and share them, before they are lost.</p>"
            ),
            paragraph(
                "<p>The team <b>Threads of Leiden</b> took it on: Priya Raman (Museum Studies) and Lukas Becker "
                "(History) of Leiden University, and Noor Haddou, who studies journalism at Leiden University of "
                "Applied Sciences and grew up in the Roodenburgerdistrict. Lecturer Karin Jansen supervised "
                "them.</p>"
            ),
            heading("Consent first"),
            paragraph(
                "<p>Before a single recording was made, the team wrote an interview guide and a consent form, in "
                "Dutch and English. Everyone who took part read their own fragments before anything was "
                "published, and could withdraw them. The recordings are kept on a secure university drive, not on "
                "the students’ phones.</p>"
            ),
            heading("The siren at a quarter to seven"),
            paragraph(
                "<p>A former worker at a blanket factory, now 86, told them about the siren at a quarter to seven "
                "and the shifts. A former colleague brought his old time card, and a piece of blanket he has kept "
                "for seventy years. With a third, the students walked past the place where the factory stood. "
                "There are houses there now, but she still knew exactly where the dye works had been.</p>"
            ),
            paragraph(
                "<p>At the regional archive, Lukas found company photographs from the 1950s and a staff newsletter "
                "that mentions two of the interviewees by name.</p>"
            ),
            _shared_photo("The first stop of the trial walk, on the corner where the factory gate used to be. "
                          "Photo: Threads of Leiden."),
            heading("A walk to listen to"),
            paragraph(
                "<p>The team tried out the walk with four residents along the places in the stories; two of them "
                "are children of former textile workers. At 70 minutes it was too long, so two stops were cut. "
                "What is there now:</p>"
                "<ul><li>the booklet <i>Draad en dekens</i> (Threads and blankets; 32 pages, in Dutch with English "
                "summaries);</li>"
                "<li>a listening walk of about 50 minutes with seven stops and QR codes to the recordings.</li>"
                "</ul>"
            ),
            _quote(
                "What a lovely afternoon. One resident has already asked whether the walk can be done with the "
                "neighbourhood association in the spring.",
                "Joost de Graaf, neighbourhood association",
            ),
        ],
    },
)


HERITAGE = DemoStory(
    slug="erfgoed-om-de-hoek",
    state="live",
    days_ago=47,
    project_slug="",
    theme_slug="erfgoed-collecties",
    drawing="canal",
    image_title="Verhaal: Erfgoed om de hoek (illustratie)",
    page={
        "title": "Erfgoed om de hoek",
        "title_en": "Heritage around the corner",
        "intro": "Leidens erfgoed staat niet alleen in de musea van de binnenstad. Het zit in een oude "
        "fabrieksmuur, in een doos wijkkranten op zolder en in de verhalen van de buren. Waarom studenten en "
        "bewoners daar samen naar zoeken.",
        "intro_en": "Leiden’s heritage is not only in the museums of the city centre. It is in an old factory wall, "
        "in a box of neighbourhood newsletters in the attic and in the stories of the neighbours. Why students "
        "and residents go looking for it together.",
        "hero_alt": "Tekening van een Leidse gracht met smalle huizen met trapgevels en halsgevels, twee lindes "
        "en een molen, weerspiegeld in het water.",
        "hero_alt_en": "Drawing of a Leiden canal with narrow houses with step and neck gables, two lime trees "
        "and a windmill, reflected in the water.",
        "body": [
            paragraph(
                "<p>Leiden is een stad van collecties. De universiteit, de musea en het archief bewaren eeuwen "
                "aan kennis. Maar veel van wat een wijk bijzonder maakt, ligt niet in een depot. Daarom is "
                "<b>cultureel erfgoed en collecties</b> een van de drie thema’s van Leren met de Stad.</p>"
            ),
            heading("Wat een wijk bewaart"),
            paragraph(
                "<ul><li><b>Het werk van vroeger.</b> Leiden was eeuwenlang een textielstad, eerst van het laken "
                "en later van de dekens. In sommige wijken zie je dat nog aan een fabrieksmuur of een "
                "straatnaam.</li>"
                "<li><b>Hofjes en oude panden</b>, met hun eigen bewoners en hun eigen geschiedenis.</li>"
                "<li><b>Wat verenigingen en buurthuizen bewaren</b>: wijkkranten, fotoalbums, notulen van "
                "vergaderingen.</li>"
                "<li><b>Herinneringen</b> van mensen die er woonden en werkten.</li></ul>"
            ),
            paragraph(
                "<p>Dat erfgoed is kwetsbaar. Een doos wijkkranten verdwijnt bij het grofvuil als de vrijwilliger "
                "die hem bewaarde verhuist. Herinneringen gaan verloren als niemand ze opschrijft.</p>"
            ),
            heading("Wat studenten kunnen doen"),
            paragraph(
                "<p>Studenten erfgoed, geschiedenis, journalistiek, informatiebeheer of media kunnen interviews "
                "afnemen, archieven ordenen en digitaliseren, beschrijven wat er is, en er een wandeling, "
                "tentoonstelling of boekje van maken. In gemengde teams: de een weet hoe je een bron beoordeelt, "
                "de ander hoe je een verhaal vertelt of een opname monteert.</p>"
                "<p>Op Leren met de Stad staan bijvoorbeeld vragen over het archief van een wijkkrant en over de "
                "herinneringen van oud-textielarbeiders.</p>"
            ),
            heading("Zorgvuldig met herinneringen"),
            paragraph(
                "<p>Wie erfgoed verzamelt, werkt met mensen en hun verhalen. De teams vragen daarom altijd eerst "
                "toestemming, laten mensen hun eigen woorden lezen voordat er iets wordt gedeeld, en vragen het "
                "archief of een foto gebruikt mag worden. Wat privé is, blijft privé.</p>"
            ),
            faq("Vragen over erfgoed", [
                ("Moet mijn vraag over een museum of een monument gaan?",
                 "<p>Nee. Een vraag over de geschiedenis van je straat, een verzameling van je vereniging of de "
                 "verhalen van oudere buren past net zo goed.</p>"),
                ("Wat gebeurt er met foto’s, opnames en documenten?",
                 "<p>Dat spreek je af met het team. Studenten delen alleen wat de mensen op de foto of in de "
                 "opname goed vinden, en bewaren de rest veilig.</p>"),
                ("Ik heb alleen een doos met spullen, geen vraag. Kan dat ook?",
                 "<p>Ja. Beschrijf wat je hebt en wat je zou willen; een redacteur helpt je er een vraag van te "
                 "maken voordat die online komt.</p>"),
            ]),
            _call_to_action("Bewaar jij iets wat niet verloren mag gaan? Stel je vraag, of kijk welke uitdagingen "
                            "er al zijn.", "Bekijk de uitdagingen"),
        ],
        "body_en": [
            paragraph(
                "<p>Leiden is a city of collections. The university, the museums and the archive keep centuries of "
                "knowledge. But much of what makes a neighbourhood special is not kept in a storeroom. That is "
                "why <b>cultural heritage and collections</b> is one of the three themes of Learning with the "
                "City.</p>"
            ),
            heading("What a neighbourhood keeps"),
            paragraph(
                "<ul><li><b>The work of the past.</b> For centuries Leiden was a textile city, first of woollen "
                "cloth and later of blankets. In some neighbourhoods you can still see it in a factory wall or a "
                "street name.</li>"
                "<li><b>Almshouses (hofjes) and old buildings</b>, with their own residents and their own "
                "history.</li>"
                "<li><b>What associations and community centres keep</b>: neighbourhood newsletters, photo albums, "
                "minutes of meetings.</li>"
                "<li><b>Memories</b> of the people who lived and worked there.</li></ul>"
            ),
            paragraph(
                "<p>This heritage is fragile. A box of newsletters ends up with the bulky waste when the volunteer "
                "who kept it moves house. Memories are lost when nobody writes them down.</p>"
            ),
            heading("What students can do"),
            paragraph(
                "<p>Students of heritage, history, journalism, information management or media can interview "
                "people, sort and digitise archives, describe what is there, and turn it into a walk, an "
                "exhibition or a booklet. In mixed teams: one knows how to weigh a source, another how to tell a "
                "story or edit a recording.</p>"
                "<p>On Learning with the City there are, for example, questions about a neighbourhood newsletter’s "
                "archive and about the memories of former textile workers.</p>"
            ),
            heading("Careful with memories"),
            paragraph(
                "<p>Collecting heritage means working with people and their stories. So the teams always ask for "
                "consent first, let people read their own words before anything is shared, and ask the archive "
                "whether a photograph may be used. What is private stays private.</p>"
            ),
            faq("Questions about heritage", [
                ("Does my question have to be about a museum or a monument?",
                 "<p>No. A question about the history of your street, your association’s collection or the "
                 "stories of older neighbours fits just as well.</p>"),
                ("What happens to photos, recordings and documents?",
                 "<p>You agree on that with the team. Students share only what the people in the photo or the "
                 "recording are happy with, and keep the rest safe.</p>"),
                ("I only have a box of things, not a question. Is that all right?",
                 "<p>Yes. Describe what you have and what you would like; an editor helps you turn it into a "
                 "question before it goes online.</p>"),
            ]),
            _call_to_action("Do you keep something that must not be lost? Ask your question, or see which "
                            "challenges are already there.", "See the challenges"),
        ],
    },
)


# Oldest first, as the editors wrote them.
STORIES = [HERITAGE, RAIN, THREADS]


WIDTH, HEIGHT = 1600, 900


SCALE = 2  # drawn twice as large, then scaled down: smooth edges without an anti-aliasing library


class _Canvas:
    """Pillow's drawing in 1600x900 coordinates, on an image twice that size."""

    def __init__(self, background):
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
        self.draw = ImageDraw.Draw(self.image, "RGBA")

    @staticmethod
    def _box(box):
        return [round(value * SCALE) for value in box]

    @staticmethod
    def _points(points):
        return [(round(x * SCALE), round(y * SCALE)) for x, y in points]

    def rect(self, box, fill, radius=0):
        if radius:
            self.draw.rounded_rectangle(self._box(box), radius=radius * SCALE, fill=fill)
        else:
            self.draw.rectangle(self._box(box), fill=fill)

    def ellipse(self, box, fill=None, outline=None, width=1):
        self.draw.ellipse(self._box(box), fill=fill, outline=outline, width=width * SCALE)

    def polygon(self, points, fill):
        self.draw.polygon(self._points(points), fill=fill)

    def line(self, points, fill, width=1):
        self.draw.line(self._points(points), fill=fill, width=round(width * SCALE), joint="curve")

    def gradient(self, box, top, bottom):
        x0, y0, x1, y1 = self._box(box)
        for y in range(y0, y1):
            t = (y - y0) / max(1, y1 - y0 - 1)
            colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
            self.draw.line([(x0, y), (x1, y)], fill=colour)

    def finish(self) -> Image.Image:
        return self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def _draw_rain_hero(seed: int) -> Image.Image:
    """Terraced houses in the rain, each downpipe running into a rain barrel that overflows into
    a facade garden; puddles on the road."""
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    canvas = _Canvas((230, 236, 238))
    canvas.gradient((0, 0, WIDTH, 640), (170, 192, 214), (226, 234, 236))
    for cx, cy, r in ((240, 120, 120), (420, 96, 150), (610, 140, 110), (1060, 90, 140), (1270, 130, 130),
                      (1460, 96, 110)):
        canvas.ellipse((cx - r * 1.5, cy - r * 0.55, cx + r * 1.5, cy + r * 0.55), fill=(246, 248, 250, 170))
    base = 660
    bricks = [(178, 92, 72), (206, 134, 94), (150, 88, 78), (224, 202, 168), (168, 108, 86), (196, 152, 122)]
    doors = [(40, 96, 104), (46, 84, 60), (38, 60, 110), (150, 50, 56)]
    x, number = -40, 0
    while x < WIDTH:
        width, height = rng.choice((230, 250, 270)), rng.randint(330, 390)
        top = base - height
        trim = (244, 240, 230)
        canvas.rect((x, top, x + width, base), fill=bricks[number % len(bricks)])
        canvas.polygon([(x - 6, top + 2), (x + width / 2, top - 100), (x + width + 6, top + 2)], fill=(72, 78, 96))
        for wx, wy in ((x + 30, top + 34), (x + width / 2 - 5, top + 34), (x + 110, base - 200)):
            canvas.rect((wx - 6, wy - 6, wx + 66, wy + 86), fill=trim)
            canvas.rect((wx, wy, wx + 60, wy + 80), fill=(150, 176, 196))
            canvas.rect((wx, wy, wx + 60, wy + 26), fill=(186, 206, 220))
            canvas.line([(wx + 30, wy), (wx + 30, wy + 80)], fill=trim, width=4)
        canvas.rect((x + 30, base - 150, x + 90, base), fill=doors[number % len(doors)])
        canvas.rect((x + 24, base - 158, x + 96, base - 150), fill=trim)
        # Gutter, downpipe and barrel at the house's right-hand side.
        canvas.rect((x, top - 4, x + width, top + 8), fill=(96, 100, 108))
        pipe = x + width - 30
        canvas.rect((pipe, top + 8, pipe + 12, base - 118), fill=(118, 124, 132))
        canvas.rect((pipe - 40, base - 120, pipe + 24, base), fill=(44, 118, 78), radius=10)
        canvas.ellipse((pipe - 40, base - 132, pipe + 24, base - 108), fill=(70, 146, 98))
        for band in (base - 84, base - 34):
            canvas.rect((pipe - 40, band, pipe + 24, band + 6), fill=(34, 96, 62))
        # The overflow runs into the facade garden in front of the window.
        canvas.rect((pipe - 70, base - 60, pipe - 40, base - 52), fill=(118, 124, 132))
        canvas.rect((x + 100, base - 44, pipe - 44, base), fill=(112, 84, 62))
        for _ in range(6):
            px = rng.uniform(x + 112, pipe - 56)
            size = rng.uniform(22, 34)
            green = (50 + rng.randint(0, 40), 128 + rng.randint(0, 30), 70)
            canvas.ellipse((px - size, base - 44 - size * 1.3, px + size, base - 30), fill=green)
            if rng.random() < 0.7:
                flower = rng.choice(((150, 112, 204), (246, 206, 80), (250, 250, 244), (220, 110, 140)))
                fx, fy = px + rng.uniform(-10, 10), base - 44 - size * rng.uniform(0.6, 1.1)
                canvas.ellipse((fx - 7, fy - 7, fx + 7, fy + 7), fill=flower)
        x += width
        number += 1
    canvas.rect((0, base, WIDTH, 760), fill=(206, 200, 190))
    for tx in range(0, WIDTH, 60):
        canvas.line([(tx, base), (tx - 20, 760)], fill=(186, 180, 170), width=2)
    canvas.line([(0, 708), (WIDTH, 708)], fill=(186, 180, 170), width=2)
    canvas.rect((0, 756, WIDTH, 772), fill=(170, 166, 160))
    canvas.rect((0, 772, WIDTH, HEIGHT), fill=(116, 122, 130))
    for px, width in ((160, 300), (620, 380), (1180, 300)):
        py = rng.randint(810, 850)
        canvas.ellipse((px, py - 26, px + width, py + 26), fill=(168, 192, 214))
        for ring in range(3):
            rx, ry = px + width * rng.uniform(0.3, 0.7), py + rng.uniform(-6, 6)
            r = 14 + ring * 4
            canvas.ellipse((rx - r * 2, ry - r / 2, rx + r * 2, ry + r / 2), outline=(226, 236, 244), width=2)
    for _ in range(340):
        rx, ry = rng.uniform(-60, WIDTH), rng.uniform(-40, HEIGHT)
        length = rng.uniform(22, 40)
        canvas.line([(rx, ry), (rx - length * 0.3, ry + length)], fill=(255, 255, 255, 120), width=2)
    return canvas.finish()


def _draw_threads_hero(seed: int) -> Image.Image:
    """A spool whose red thread turns into the sound wave of a recorded interview, above a band of
    woven cloth; far behind, the saw-tooth roofs of a weaving mill."""
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    canvas = _Canvas((246, 239, 227))
    mill = (230, 218, 202)
    canvas.rect((1526, 300, 1566, 640), fill=mill)
    teeth_x = 0
    while teeth_x < WIDTH:
        canvas.polygon([(teeth_x, 640), (teeth_x, 500), (teeth_x + 110, 550), (teeth_x + 110, 640)], fill=mill)
        teeth_x += 110
    # The spool.
    wood, thread, dark = (186, 140, 96), (176, 58, 64), (146, 42, 50)
    canvas.rect((210, 550, 470, 590), fill=wood, radius=14)
    canvas.rect((245, 230, 435, 554), fill=thread)
    for y in range(238, 550, 10):
        canvas.line([(245, y), (435, y + 4)], fill=dark, width=2)
    canvas.rect((275, 230, 300, 554), fill=(204, 96, 98))
    canvas.rect((210, 194, 470, 234), fill=wood, radius=14)
    # The loose thread, then the interview's sound wave.
    points = []
    for step in range(41):
        t = step / 40
        bx = (1 - t) ** 3 * 435 + 3 * (1 - t) ** 2 * t * 520 + 3 * (1 - t) * t**2 * 500 + t**3 * 610
        by = (1 - t) ** 3 * 330 + 3 * (1 - t) ** 2 * t * 330 + 3 * (1 - t) * t**2 * 410 + t**3 * 390
        points.append((bx, by))
    canvas.line(points, fill=thread, width=5)
    canvas.line([(610, 390), (660, 390)], fill=thread, width=5)
    phase = rng.uniform(0, math.pi)
    for index, bx in enumerate(range(670, 1500, 18)):
        envelope = 0.35 + 0.65 * abs(math.sin(index / 9 + phase)) * (0.6 + 0.4 * math.sin(index / 3.7))
        half = max(6, 150 * envelope * rng.uniform(0.6, 1.0))
        canvas.rect((bx, 390 - half, bx + 9, 390 + half), fill=(58, 68, 128), radius=4)
    # Woven cloth: weft and warp over and under each other.
    top, cell = 646, 52
    weft = [(176, 58, 64), (58, 68, 128), (214, 164, 64), (44, 122, 120), (112, 62, 110)]
    warp = [(240, 226, 200), (214, 164, 64), (58, 68, 128), (176, 58, 64)]
    canvas.rect((0, top - 6, WIDTH, HEIGHT), fill=(120, 92, 70))
    for row in range((HEIGHT - top) // cell + 1):
        y = top + row * cell
        canvas.rect((0, y + 3, WIDTH, y + cell - 3), fill=weft[row % len(weft)])
        for col in range(WIDTH // cell + 1):
            if (row + col) % 2 == 0:
                x = col * cell
                colour = warp[col % len(warp)]
                canvas.rect((x + 4, y - 2, x + cell - 4, y + cell + 2), fill=colour, radius=6)
                shade = tuple(max(0, c - 26) for c in colour)
                canvas.rect((x + cell - 12, y - 2, x + cell - 4, y + cell + 2), fill=shade, radius=3)
    return canvas.finish()


def _draw_canal_hero(seed: int) -> Image.Image:
    """Gabled canal houses, lime trees and a windmill in the evening light, mirrored in the water."""
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    canvas = _Canvas((240, 232, 222))
    quay = 610
    canvas.gradient((0, 0, WIDTH, quay), (198, 208, 234), (252, 224, 192))
    canvas.ellipse((1150, 110, 1260, 220), fill=(253, 240, 210, 230))
    # The windmill, further back than the houses, in the haze.
    mill, mill_dark = (150, 136, 162), (124, 110, 140)
    canvas.polygon([(1380, quay), (1520, quay), (1490, 300), (1410, 300)], fill=mill)
    canvas.polygon([(1398, 306), (1450, 250), (1502, 306)], fill=mill_dark)
    canvas.rect((1362, 450, 1538, 462), fill=mill_dark)
    for wx, wy in ((1440, 340), (1440, 500)):
        canvas.rect((wx, wy, wx + 20, wy + 34), fill=mill_dark)
    hub = (1450, 286)
    for blade in range(4):
        angle = math.radians(24 + blade * 90)
        dx, dy = math.cos(angle), math.sin(angle)
        nx, ny = -dy, dx
        tip = (hub[0] + dx * 200, hub[1] + dy * 200)
        canvas.line([hub, tip], fill=mill_dark, width=7)
        inner = (hub[0] + dx * 44, hub[1] + dy * 44)
        frame = [inner, tip, (tip[0] + nx * 40, tip[1] + ny * 40), (inner[0] + nx * 40, inner[1] + ny * 40)]
        canvas.polygon(frame, fill=(240, 232, 222, 120))
        for step in range(1, 8):
            t = 44 + step * 22
            canvas.line([(hub[0] + dx * t, hub[1] + dy * t), (hub[0] + dx * t + nx * 40, hub[1] + dy * t + ny * 40)],
                        fill=mill_dark, width=3)
        canvas.line([frame[2], frame[3]], fill=mill_dark, width=3)
    canvas.ellipse((hub[0] - 11, hub[1] - 11, hub[0] + 11, hub[1] + 11), fill=(100, 88, 116))
    # The houses along the quay, each with its own gable.
    colours = [(164, 70, 58), (232, 214, 184), (120, 126, 120), (190, 104, 74), (214, 190, 150), (144, 76, 68),
               (86, 100, 112)]
    trim = (246, 242, 232)
    x, number = -30, 0
    while x < 1180:
        width = rng.choice((150, 170, 190))
        top = quay - rng.randint(270, 340)
        colour = colours[number % len(colours)]
        canvas.rect((x, top, x + width, quay), fill=colour)
        gable = number % 3
        if gable == 0:  # a step gable
            steps, rise = 4, 26
            for step in range(steps):
                inset = (step + 1) * width / (2 * steps + 2)
                canvas.rect((x + inset, top - (step + 1) * rise, x + width - inset, top - step * rise + 1), fill=colour)
        elif gable == 1:  # a neck gable with a small pediment
            neck = width * 0.28
            canvas.rect((x + neck, top - 80, x + width - neck, top + 1), fill=colour)
            canvas.polygon([(x + neck - 8, top - 78), (x + width / 2, top - 112), (x + width - neck + 8, top - 78)],
                           fill=trim)
            canvas.polygon([(x, top + 1), (x + neck, top - 40), (x + neck, top + 1)], fill=colour)
            canvas.polygon([(x + width, top + 1), (x + width - neck, top - 40), (x + width - neck, top + 1)],
                           fill=colour)
        else:  # a straight cornice
            canvas.rect((x - 4, top - 16, x + width + 4, top + 4), fill=trim)
        columns = 2 if width < 170 else 3
        gap = width / columns
        for row in range(3):
            for col in range(columns):
                wx, wy = x + col * gap + gap / 2 - 20, top + 30 + row * 82
                if wy + 60 > quay - 100:
                    continue
                canvas.rect((wx - 5, wy - 5, wx + 45, wy + 65), fill=trim)
                canvas.rect((wx, wy, wx + 40, wy + 60), fill=(70, 86, 110))
                canvas.line([(wx, wy + 26), (wx + 40, wy + 26)], fill=trim, width=3)
        door = x + width / 2 - 22
        canvas.rect((door - 5, quay - 92, door + 49, quay), fill=trim)
        canvas.rect((door, quay - 86, door + 44, quay), fill=(58, 74, 62) if number % 2 else (96, 52, 48))
        x += width + 4
        number += 1
    # Two lime trees on the quay, in front of the houses.
    for tx in (330, 900):
        canvas.rect((tx - 6, quay - 150, tx + 6, quay), fill=(84, 66, 52))
        for dx, dy, r in ((-34, -180, 50), (30, -186, 52), (0, -222, 50), (0, -160, 44)):
            green = (72 + rng.randint(0, 20), 118 + rng.randint(0, 14), 80)
            canvas.ellipse((tx + dx - r, quay + dy - r, tx + dx + r, quay + dy + r), fill=green)
    canvas.rect((0, quay, WIDTH, quay + 18), fill=(178, 168, 156))
    canvas.rect((0, quay + 18, WIDTH, quay + 24), fill=(132, 124, 116))
    # The water mirrors the street, darker, softened and broken up by ripples.
    water_top = quay + 24
    depth = HEIGHT - water_top
    mirrored = canvas.image.crop((0, (quay - depth) * SCALE, WIDTH * SCALE, quay * SCALE))
    mirrored = mirrored.transpose(Image.Transpose.FLIP_TOP_BOTTOM).filter(ImageFilter.GaussianBlur(3 * SCALE))
    water = Image.new("RGB", mirrored.size, (78, 112, 138))
    canvas.image.paste(Image.blend(mirrored, water, 0.62), (0, water_top * SCALE))
    for _ in range(150):
        rx, ry = rng.uniform(-60, WIDTH), rng.uniform(water_top + 10, HEIGHT)
        length = rng.uniform(40, 140) * (0.6 + (ry - water_top) / depth)
        canvas.line([(rx, ry), (rx + length, ry)], fill=(214, 228, 236, 90), width=2)
    return canvas.finish()


DRAWINGS = {"rain": _draw_rain_hero, "threads": _draw_threads_hero, "canal": _draw_canal_hero}

