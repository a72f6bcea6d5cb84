"""Demo projects in every state, with the work that fills them: log entries by the students
with their hours, photos drawn here with Pillow (nothing downloaded), small PDFs written by
hand, comments by the resident, the organisation and the supervisor, milestones, results,
feedback and the supervisor's review of hours. Realistic, but invented.

Everything goes through the services the site uses, so the demo obeys the same rules as a
person would. Idempotent: a project that already has log entries is left as it is, and the
teams, students and applications made here are looked up by name, e-mail and challenge first.

- "Een speeltuin waar iedereen kan spelen": active. Groen Doen Noord was chosen without a
  supervisor (``seed_applications``); a milestone is overdue and one falls due within three days.
- "Regenwater opvangen in de straat": completed. De Groene Vleugel; the supervisor disputed
  hours once, the student corrected them; the resident said thank you with five stars.
- "Oral history of Leiden's textile workers": delivered, waiting for the organisation's feedback.
- "Gezond ontbijt op de basisschool": cancelled by the supervisor, saying honestly why.

The challenge closed without result ("deelauto-onderzoek", with its reason) comes from
``seed_challenges``; it is not made a second time here.
"""

import random
import textwrap
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from PIL import ExifTags, Image, ImageDraw, ImageFont

from accounts.models import User
from demo.marketplace import DEMO_COLLEAGUE_STUDENT, DEMO_PROPOSAL, DEMO_TEAMS, _draw_picture
from marketplace.choices import AttachmentKind, ProjectStatus
from marketplace.files.uploads import clean_upload
from marketplace.models import (
    Application,
    Attachment,
    ChallengePage,
    Conversation,
    ConversationRead,
    LogComment,
    LogEntry,
    LogHours,
    Milestone,
    Project,
    Team,
)
from marketplace.permissions import application_blockers
from marketplace.services.applications import application_accept, application_endorse, application_submit
from marketplace.services.messages import message_send
from marketplace.services.projects import (
    hours_review,
    log_comment_add,
    log_entry_create,
    log_entry_update,
    milestone_add,
    milestone_set_done,
    project_cancel,
    project_complete,
    project_deliver,
    project_feedback,
)
from marketplace.services.teams import supervision_accept, supervision_request, team_create, team_join, team_link_create

# Students who have no demo login; they log their own work in the projects below.
STUDENTS = {
    "priya": ("p.raman@umail.leidenuniv.nl", "Priya Raman", "en", "Museum Studies", 1),
    "lukas": ("l.becker@umail.leidenuniv.nl", "Lukas Becker", "en", "History", 2),
    "noor": ("n.haddou@student.hsleiden.nl", "Noor Haddou", "nl", "Journalistiek", 3),
    "lisa": ("l.hoekstra@student.hsleiden.nl", "Lisa Hoekstra", "nl", "Voeding en Diëtetiek", 3),
    "bram": ("b.vandermeer@student.hsleiden.nl", "Bram van der Meer", "nl", "Pedagogiek", 2),
    "sem": ("s.dejong@student.mborijnland.nl", "Sem de Jong", "nl", "Pedagogisch medewerker", 2),
}


@dataclass(frozen=True)
class Photo:
    scene: str  # "playground", "sketch", "rain", "barrel" or "street"
    seed: int
    name: str


def seed_projects(users: dict, stdout=None) -> None:
    """The four demo projects, each made in one transaction so a failure leaves nothing half-made."""
    people = {**users, **_students()}
    seeders = [_speeltuin, _regenwater, _textile, _ontbijt]
    # Notifications go to the site's bell as usual; their e-mails stay in memory.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for seeder in seeders:
            with transaction.atomic():
                project, made = seeder(people)
            if stdout is not None and project is not None:
                status = Project.objects.values_list("status", flat=True).get(pk=project.pk)
                stdout.write(f"  Project {'made' if made else 'already there'}: {project} ({status})")
    if stdout is not None:
        _summary(stdout)


def _summary(stdout) -> None:
    statuses = {status: Project.objects.filter(status=status).count() for status in ProjectStatus.values}
    stdout.write(
        "  Projects: "
        + ", ".join(f"{count} {status}" for status, count in statuses.items())
        + f"; {LogEntry.objects.count()} log entries, "
        f"{Attachment.objects.filter(kind=AttachmentKind.PHOTO).count()} photos, "
        f"{Attachment.objects.exclude(kind=AttachmentKind.PHOTO).count()} files, "
        f"{LogComment.objects.count()} comments, {Milestone.objects.count()} milestones."
    )


def _speeltuin(people: dict) -> tuple[Project | None, bool]:
    yasmin, mila, anneke = people["student_mbo"], people["mila"], people["resident"]
    project = (
        Project.objects.filter(challenge__slug="speeltuin-morsdistrict", team__name=DEMO_TEAMS[1]["name"])
        .select_related("challenge", "team")
        .first()
    )
    if project is None or mila is None or project.log_entries.exists():
        return project, False
    _start(project, days_ago=36)
    _milestone(project, yasmin, "Alle speeltoestellen geïnventariseerd", due_in=-27, added_ago=35, done_ago=29)
    _milestone(project, yasmin, "Enquête onder ouders afgerond (minstens 30 reacties)", due_in=-2, added_ago=35)
    _milestone(project, mila, "Schetsontwerp bespreken met bewoners in het buurthuis", due_in=2, added_ago=14)
    _milestone(project, yasmin, "Advies met begroting naar de bewoners", due_in=25, added_ago=35)

    first = _log(
        project, 35, yasmin,
        "Eerste afspraak in de speeltuin met mevrouw Vermeulen en twee moeders uit de buurt. We zijn samen "
        "rondgelopen en hebben opgeschreven wat niet werkt voor kinderen met een beperking:\n\n"
        "- bij de ingang ligt een hoge stoeprand;\n"
        "- het pad is van grind, een rolstoel of rollator zakt erin weg;\n"
        "- de zandbak heeft een houten rand van ongeveer 40 cm, je kunt er alleen overheen klimmen.\n\n"
        "Volgende week meten we alle toestellen op.",
        {yasmin: "3", mila: "3"},
        photos=[Photo("playground", 1, "speeltuin-grindpad.jpg")],
        photo_description="Het grindpad naar de zandbak, met de hoge houten rand",
    )
    _comment(first, 34, anneke,
             "Wat fijn dat jullie er zo snel waren! Die stoeprand staat al jaren op mijn lijstje. De moeder van "
             "Lotte vroeg of jullie ook naar het hek kunnen kijken: dat valt heel zwaar dicht.")
    _comment(first, 34, yasmin, "Dank u! Het hek nemen we mee, goed punt.", hour=21)
    _log(
        project, 29, mila,
        "Alle negen speeltoestellen opgemeten en per toestel gekeken of een kind in een rolstoel of met een "
        "looprek erbij kan. Maar twee zijn bereikbaar: het bankje en de wip (die alleen met hulp). Ook het hek "
        "gemeten: het valt met zoveel kracht dicht dat een kind met een rollator er niet doorheen komt. De lijst "
        "staat in de bijlage.",
        {mila: "4", yasmin: "4"},
        files=[_pdf_upload("inventarisatie-speeltoestellen.pdf", "Inventarisatie speeltoestellen", [
            "Speeltuin Morsdistrict, opgemeten door Groen Doen Noord.",
            "",
            "Toestel - bereikbaar met rolstoel of looprek - opmerking",
            "1. Zandbak - nee - houten rand van 40 cm",
            "2. Glijbaan - nee - alleen via een klimtrap",
            "3. Schommels (2) - nee - grind eronder, geen zitje met rugsteun",
            "4. Wip - met hulp - tegels ernaast, maar geen handgreep",
            "5. Klimrek - nee",
            "6. Draaimolen - nee - instap 30 cm hoog",
            "7. Veerdieren (2) - nee - in het grind",
            "8. Bankje - ja - naast de ingang",
            "9. Hek - zwaar - valt met kracht dicht",
        ])],
    )
    _log(
        project, 22, yasmin,
        "Bij het schoolplein van de basisschool om de hoek met 11 ouders gepraat. Wat ze het meest missen: een "
        "nestschommel waar ook een kind met een beperking in kan liggen, een zandtafel op hoogte en meer "
        "schaduw. Drie ouders willen meedenken in een klein groepje; we spreken over twee weken weer af.",
        {yasmin: "2.5", mila: "2.5"},
    )
    sketch = _log(
        project, 15, mila,
        "Schetsontwerp gemaakt en besproken met het meedenkgroepje: een verhard pad van de ingang langs alle "
        "toestellen, een zandtafel op rolstoelhoogte, een nestschommel en een moestuinbak. De ouders vonden het "
        "goed dat we de schets en dit verslag delen voor een verhaal over het project.",
        {mila: "5", yasmin: "1.5"},
        photos=[Photo("sketch", 2, "schetsontwerp-speeltuin.jpg")],
        photo_description="Schets van het nieuwe ontwerp: een verhard pad langs alle toestellen, een zandtafel op "
        "hoogte en een nestschommel",
        shareable=True,
    )
    _comment(sketch, 14, anneke,
             "Prachtige schets! Ik heb hem laten zien aan mijn buurvrouw met de tweeling, ze was meteen "
             "enthousiast. Kan de moestuinbak ook wat lager, voor de kleintjes?")
    _comment(sketch, 13, mila, "Goed idee, we tekenen twee hoogtes: één voor een rolstoel en één voor kleuters.")
    _log(
        project, 8, yasmin,
        "Bij twee leveranciers gevraagd wat rubberen valtegels en een nestschommel kosten. Valtegels zijn duur "
        "(ongeveer 90 euro per m²). Kunstgras met valdemping is goedkoper, maar wordt heet in de zon. Ook "
        "uitgezocht hoe je een bijdrage uit het wijkbudget aanvraagt; dat komt in het advies.",
        {yasmin: "3"},
    )
    survey = _log(
        project, 3, mila,
        "De enquête voor ouders staat online en ligt op papier bij de bibliotheek en het buurthuis. Er zijn er "
        "14 ingevuld; we willen er minstens 30, dus we gaan nog een week door.",
        {mila: "2", yasmin: "2"},
    )
    _comment(survey, 2, anneke,
             "Ik leg de papieren enquête ook neer bij de huisartsenpraktijk, daar komen veel jonge ouders.")
    _message(project, 33, anneke,
             "Zullen we de volgende keer in het buurthuis afspreken? Daar is koffie en een ingang zonder drempel. "
             "Dinsdag om 10 uur?")
    _message(project, 33, yasmin, "Dinsdag 10 uur is goed, Mila komt ook. Wij nemen de lijst met toestellen mee.",
             hour=18)
    _message(project, 16, mila,
             "De schets is klaar. We laten hem donderdag aan het meedenkgroepje zien; wilt u er ook bij zijn? "
             "De enquête staat hier: https://www.leiden.nl")
    _message(project, 1, yasmin,
             "Goed nieuws: er zijn nu 27 enquêtes ingevuld. Nog drie en we hebben ons doel gehaald!")
    return project, True


def _regenwater(people: dict) -> tuple[Project | None, bool]:
    sophie, daan, karin, anneke = people["student_ul"], people["student_hsl"], people["lecturer"], people["resident"]
    team = Team.objects.filter(name=DEMO_TEAMS[0]["name"]).first()
    if team is None:
        return None, False
    project, made = _chosen(
        team=team, lead=sophie, slug="regenwater-opvangen", lecturer=karin, started=84,
        motivation="Sophie studeert biologie en weet veel van planten die tegen nat kunnen, Daan studeert Social "
        "Work en praat graag met bewoners. Samen willen we laten zien dat een natte straat ook een groene "
        "straat kan worden.",
        approach="We brengen de straat na een regenbui in kaart, praten huis aan huis met bewoners, rekenen uit "
        "hoeveel water de daken opvangen en doen met een paar huishoudens een proef met regentonnen.",
        endorsement="Een sterk, gemengd team met een goed plan voor de bewoners.",
        welcome="Heel graag! De straat kijkt naar jullie uit.",
    )
    if project is None or not made:
        return project, False
    _milestone(project, sophie, "Straat in kaart gebracht", due_in=-70, added_ago=82, done_ago=76)
    _milestone(project, sophie, "Proef met zes regentonnen geplaatst", due_in=-38, added_ago=82, done_ago=41,
               done_by=daan)
    _milestone(project, sophie, "Advies en folder klaar", due_in=-18, added_ago=82, done_ago=22)

    start = _log(
        project, 83, daan,
        "Startgesprek met mevrouw Vermeulen en drie bewoners van de straat. Na een flinke bui staat het water bij "
        "de huisnummers 12 tot 30 tot over de stoep, en de putten lopen vol met blad. Afgesproken: wij brengen de "
        "straat in kaart en praten met zoveel mogelijk bewoners over regentonnen en minder tegels.",
        {daan: "2", sophie: "2"},
    )
    _comment(start, 82, karin,
             "Goede start. Spreek ook af hoe jullie de bewoners op de hoogte houden, bijvoorbeeld met een briefje "
             "in de bus na elke stap.")
    mapped = _log(
        project, 76, sophie,
        "Mapped the street after Tuesday's rain. We walked the whole length with a measuring tape and marked "
        "where the water stays longest. The lowest point is in front of numbers 18–24, where the gutter slopes the "
        "wrong way. We also counted front gardens: 31 of the 44 are fully paved.",
        {sophie: "4", daan: "3"},
        photos=[Photo("rain", 3, "straat-na-de-regen.jpg")],
        photo_description="De straat na een regenbui, met plassen voor de huizen 18 tot 24",
    )
    _comment(mapped, 75, karin,
             "Clear map. Put the measuring points in your report as well, so the municipality can use them.")
    door_to_door = _log(
        project, 69, daan,
        "Huis aan huis langsgegaan met een korte vragenlijst; 27 huishoudens gesproken. Veel mensen willen wel een "
        "regenton, maar weten niet waar die moet staan of hoe je hem op de regenpijp aansluit. Oudere bewoners "
        "vragen of iemand helpt met tegels eruit halen.",
        {daan: "5", sophie: "2"},
    )
    _comment(door_to_door, 68, anneke,
             "Meneer De Wit van nummer 9 belde me: hij vond het zo leuk dat jullie langskwamen. Hij heeft nog een "
             "oude regenton in de schuur staan!")
    typed_out = _log(
        project, 62, daan,
        "De 27 gesprekken uitgewerkt en per onderwerp geordend: wateroverlast, regentonnen, tegels en groen, "
        "hulp nodig.",
        {daan: "9"},
    )
    _log(
        project, 55, sophie,
        "Worked out how much rain the roofs collect. With about 60 m² of roof per house and roughly 850 mm of rain "
        "a year, one house collects some 50,000 litres a year. A 200-litre barrel is full after about 3 mm of "
        "rain, so barrels alone will not stop the flooding: they need an overflow into a planted bed. That is now "
        "the core of our advice.",
        {sophie: "6"},
    )
    # The supervisor asks about one day's hours; the student corrects the entry and she approves.
    _review(project, karin, sophie, 52, approve=True)
    _review(project, karin, daan, 52, approve=False,
            note="Daan, 9 uur voor het uitwerken van 27 korte gesprekken is veel. Klopt dat, of zit er ander werk "
            "in? Pas de regel aan of licht hem toe.")
    typed_out = log_entry_update(
        entry=typed_out, actor=daan, date=typed_out.date,
        text=typed_out.text + "\n\nAangepast na de vraag van Karin: het waren 5 uur. Ik had per ongeluk de "
        "reistijd van de week ervoor meegeteld.",
        hours={daan.pk: Decimal("5")},
    )
    _backdate(typed_out, edited_at=_moment(51, 10))
    _comment(typed_out, 51, daan, "Aangepast, sorry voor de verwarring!", hour=10)
    _review(project, karin, daan, 50, approve=True)

    _log(
        project, 47, daan,
        "Bewonersavond in het buurthuis met 19 bewoners. We lieten zien hoe een regenton werkt en hoe je tegels "
        "vervangt door planten die tegen natte voeten kunnen. Zes huishoudens doen mee aan een proef met een "
        "regenton met een overloop naar de geveltuin. Alle aanwezigen vonden het goed dat dit verslag wordt "
        "gedeeld.",
        {daan: "3", sophie: "3"},
        shareable=True,
    )
    barrels = _log(
        project, 41, sophie,
        "Installed the first six rain barrels with the residents. Two downpipes were too short, so we came back on "
        "Saturday with extra pieces and fixed them. Each barrel overflows into a small facade garden. The six "
        "households agreed that this entry and the photo may be shared.",
        {sophie: "5", daan: "5"},
        photos=[Photo("barrel", 4, "regenton-met-geveltuin.jpg")],
        photo_description="Een van de zes regentonnen, met de overloop naar een nieuwe geveltuin",
        shareable=True,
    )
    _comment(barrels, 40, anneke,
             "De tonnen staan er prachtig bij. Mevrouw Pieters van nummer 20 heeft er meteen een pot lavendel "
             "naast gezet.")
    _log(
        project, 31, daan,
        "Na de hoosbui van vorige week bij de zes proefhuizen gekeken: alle tonnen liepen vol en de overloop naar "
        "de geveltuin werkte. Voor nummer 22 bleef het water toch staan; daar helpt alleen een aanpassing van de "
        "goot. Dat hebben we gemeld bij de gemeente en opgenomen in het advies.",
        {daan: "3"},
    )
    leaflet = _log(
        project, 22, sophie,
        "Wrote the advice report and a one-page leaflet for the street: how to connect a barrel, which plants like "
        "wet feet, and whom to call about the gutter. The report is in Dutch; Daan checked my grammar, thank you!",
        {sophie: "8", daan: "2"},
    )
    _comment(leaflet, 21, karin,
             "Heldere folder. Noem bij de planten ook een paar inheemse soorten, dan sluit het mooi aan bij het "
             "thema biodiversiteit.")
    _log(
        project, 16, daan,
        "Eindpresentatie in het buurthuis voor 23 bewoners en een medewerker van de gemeente. De gemeente kijkt "
        "naar de goot bij de nummers 18–24, en de bewoners organiseren in het voorjaar samen een dag om tegels "
        "te wippen.",
        {daan: "3", sophie: "3"},
    )
    _review(project, karin, sophie, 15, approve=True)
    _review(project, karin, daan, 15, approve=True)

    project_deliver(
        project=project, actor=daan,
        summary="Ons advies 'Regen in de straat' (18 pagina's) met een kaart van de laagste punten, de uitkomsten "
        "van 27 gesprekken en drie maatregelen: regentonnen met een overloop naar een geveltuin, tegels eruit op "
        "de laagste plekken, en een aanpassing van de goot bij de nummers 18–24 (voor de gemeente). Met een folder "
        "van één pagina voor iedereen in de straat. De proef met zes regentonnen loopt door.",
        upload=clean_upload(_pdf_upload("advies-regen-in-de-straat.pdf", "Regen in de straat - advies", [
            "Advies voor de bewoners, door Sophie Bakker en Daan Visser (De Groene Vleugel).",
            "",
            "1. Regentonnen met een overloop naar een geveltuin of plantenbak.",
            "2. Tegels eruit op de laagste plekken (huisnummers 18 tot 24).",
            "3. De goot bij 18 tot 24 aanpassen: gemeld bij de gemeente.",
            "",
            "Een dak van 60 m2 vangt ongeveer 50.000 liter regen per jaar op. Een ton van 200 liter",
            "is na 3 mm regen vol; de overloop naar de planten doet de rest.",
        ]), kind=AttachmentKind.DELIVERABLE),
    )
    project_feedback(
        project=project, actor=anneke, rating=5,
        text="Lieve Sophie en Daan, wat hebben jullie veel voor onze straat gedaan! Jullie belden overal aan, ook "
        "bij de mensen die anders nooit opendoen, en namen voor iedereen de tijd. Er staan nu zes regentonnen, en "
        "bij de laatste hoosbui stond het water voor het eerst niet tot aan de voordeur. De folder hangt bij de "
        "helft van de straat op de koelkast. Heel hartelijk bedankt, en veel succes met jullie studie!",
    )
    project_complete(project=project, actor=karin)
    _backdate(project, delivered_at=_moment(14, 20), feedback_at=_moment(10, 19), completed_at=_moment(8, 11))
    project.attachments.filter(kind=AttachmentKind.DELIVERABLE).update(created_at=_moment(14, 20))
    return project, True


def _textile(people: dict) -> tuple[Project | None, bool]:
    priya, lukas, noor = people["priya"], people["lukas"], people["noor"]
    karin, joost = people["lecturer"], people["organisation"]
    team = _team(
        name="Threads of Leiden",
        description="Heritage, history and journalism students recording the stories of Leiden's working past.",
        skills="Oral history interviews, archive research, audio editing, writing in Dutch and English",
        lead=priya, members=[lukas, noor], lecturer=karin,
        request="Would you supervise our oral history project this semester? We work in English and Dutch.",
        answer="Graag. Let op de toestemming van de mensen die jullie interviewen.",
    )
    project, made = _chosen(
        team=team, lead=priya, slug="oral-history-textile", lecturer=karin, started=63,
        motivation="Two of us study heritage and history at Leiden University, Noor studies journalism and grew up "
        "in the Roodenburgerdistrict. We want these memories recorded while they still can be.",
        approach="Six interviews with former textile workers, archive research, a booklet in Dutch with English "
        "summaries and a listening walk along the places in the stories.",
        endorsement="A careful plan, with good attention to consent.",
        welcome="Welkom! Ik breng jullie in contact met de mensen die hun verhaal willen vertellen.",
    )
    if project is None or not made:
        return project, False
    _milestone(project, priya, "All six interviews recorded", due_in=-40, added_ago=61, done_ago=41)
    _milestone(project, priya, "Booklet and listening walk ready", due_in=-7, added_ago=61, done_ago=9)

    kick_off = _log(
        project, 62, priya,
        "Kick-off with Joost de Graaf of the neighbourhood association. He gave us the names of six former textile "
        "workers who are happy to talk. We drafted an interview guide and a consent form in Dutch and English "
        "(attached) and agreed that every interviewee reads their own fragments before anything is published.",
        {priya: "3", lukas: "3", noor: "3"},
        files=[_pdf_upload("interview-guide-and-consent.pdf", "Interview guide and consent", [
            "Oral history of Leiden's textile workers - Threads of Leiden",
            "",
            "Before the interview: explain the project, read the consent form together, sign it.",
            "1. When and where did you start working in the textile industry?",
            "2. What did a working day look like, from the morning siren to the end of the shift?",
            "3. Which colleagues do you remember, and why?",
            "4. What did the work mean for your family and your street?",
            "5. What should young people in Leiden know about this time?",
            "",
            "You read your own fragments before anything is published, and may withdraw them.",
        ])],
    )
    _comment(kick_off, 61, joost,
             "Fijn dat jullie ook in het Nederlands interviewen. Ik heb mevrouw Van der Linden al gebeld, ze "
             "verheugt zich erop!")
    first_interviews = _log(
        project, 55, noor,
        "Eerste twee interviews gedaan, bij mevrouw Van der Linden (86) thuis en bij meneer Kok in het "
        "verzorgingshuis. Zij werkte van 1952 tot 1968 in een dekenfabriek en vertelde over de sirene om kwart voor "
        "zeven en de ploegendiensten. De opnames staan op de beveiligde schijf van de universiteit, niet op onze "
        "telefoons.",
        {noor: "4", priya: "4"},
    )
    _comment(first_interviews, 54, karin,
             "Goed dat de opnames niet op jullie telefoons staan. Bewaar de getekende toestemmingsformulieren bij "
             "de opnames.")
    _log(
        project, 48, lukas,
        "Spent the day at the regional archive. Found company photographs from the 1950s and a staff newsletter "
        "that mentions two of our interviewees by name. Asked the archive which images we may reproduce in the "
        "booklet; they will let us know this week.",
        {lukas: "6"},
    )
    _log(
        project, 41, priya,
        "Interviews three to six. Mr Kok brought his old time card and a piece of blanket he has kept for seventy "
        "years. We walked with Ms Verhoef past the place where the factory stood; it is housing now, but she still "
        "knew exactly where the dye works were.",
        {priya: "5", noor: "5"},
        photos=[Photo("street", 5, "former-factory-street.jpg")],
        photo_description="The street where the blanket factory stood, now houses",
    )
    transcripts = _log(
        project, 31, lukas,
        "Transcribed all six interviews (Dutch transcripts, English summaries) and picked fourteen fragments for "
        "the booklet and the listening walk. Each interviewee gets their fragments on paper to approve.",
        {lukas: "8", priya: "2"},
    )
    _comment(transcripts, 30, karin,
             "Nice work. Please add a short method section to the booklet: how you chose the fragments and how "
             "people gave their consent.")
    for student in (priya, lukas, noor):
        _review(project, karin, student, 28, approve=True)
    walk = _log(
        project, 21, noor,
        "Proefwandeling met vier buurtbewoners langs de plekken uit de verhalen. Twee van hen zijn kinderen van "
        "oud-textielarbeiders. De wandeling duurde 70 minuten, te lang; we schrappen twee stops. Iedereen die "
        "meeliep vond het goed dat dit verslag en de foto gedeeld worden.",
        {noor: "3", priya: "3", lukas: "3"},
        photos=[Photo("street", 6, "proefwandeling-eerste-stop.jpg")],
        photo_description="De eerste stop van de proefwandeling, op de hoek waar de fabriekspoort was",
        shareable=True,
    )
    _comment(walk, 20, joost,
             "Wat een mooie middag. Een bewoner vroeg al of de wandeling in het voorjaar ook met de wijkvereniging "
             "kan.")
    _log(
        project, 9, priya,
        "Finished the booklet 'Draad en dekens' (32 pages, Dutch with English summaries) and the listening walk "
        "with seven stops and QR codes to the recordings. All six interviewees approved their fragments.",
        {priya: "6", lukas: "4", noor: "4"},
    )
    project_deliver(
        project=project, actor=priya,
        summary="Six oral-history interviews with former textile workers (recordings, transcripts and signed "
        "consent forms), the 32-page booklet 'Draad en dekens' in Dutch with English summaries, and a listening "
        "walk of about 50 minutes with seven stops in the Roodenburgerdistrict. Everything is in the shared folder "
        "behind the link; the interviewees approved their fragments.",
        link="https://example.org/draad-en-dekens",
    )
    _backdate(project, delivered_at=_moment(7, 16))
    return project, True


def _ontbijt(people: dict) -> tuple[Project | None, bool]:
    lisa, bram, sem = people["lisa"], people["bram"], people["sem"]
    karin, anneke = people["lecturer"], people["resident"]
    team = _team(
        name="Goedemorgen Roodenburg",
        description="Voeding, pedagogiek en kinderopvang: samen zorgen we dat kinderen goed aan de dag beginnen.",
        skills="Voedingsadvies, werken met ouders en kinderen, enquêtes",
        lead=lisa, members=[bram, sem], lecturer=karin,
        request="Wilt u ons begeleiden bij een project over ontbijt op de basisschool?",
        answer="Ja, graag. Ik ben benieuwd naar jullie plan.",
    )
    project, made = _chosen(
        team=team, lead=lisa, slug="gezond-ontbijt-school", lecturer=karin, started=49,
        motivation="Lisa studeert voeding, Bram pedagogiek en Sem wordt pedagogisch medewerker: samen weten we wat "
        "kinderen nodig hebben en hoe je ouders erbij betrekt.",
        approach="Eerst vragen we ouders en leerkrachten wat er nodig is, dan maken we een betaalbaar menu en doen "
        "we een proefweek met ontbijt op school.",
        endorsement="Een mooi team met de juiste kennis.",
        welcome="Wat goed! Ik stel jullie voor aan de directeur en de ouderraad.",
    )
    if project is None or not made:
        return project, False
    _milestone(project, lisa, "Enquête onder ouders afgerond", due_in=-36, added_ago=47, done_ago=41, done_by=bram)
    _milestone(project, lisa, "Proefweek ontbijt op school", due_in=-14, added_ago=47)

    _log(
        project, 48, lisa,
        "Kennismaking met de directeur en twee ouders van de ouderraad. Volgens de leerkrachten komt ongeveer één "
        "op de acht kinderen zonder ontbijt naar school. De school heeft een keukentje, maar niemand die er 's "
        "ochtends staat.",
        {lisa: "2", bram: "2", sem: "2"},
    )
    survey = _log(
        project, 41, bram,
        "Vragenlijst voor ouders gemaakt, in het Nederlands, Arabisch en Turks (met hulp van twee moeders). De "
        "leerkrachten gaven hem mee in de tas; 64 van de 210 kwamen terug.",
        {bram: "4", lisa: "2"},
    )
    _comment(survey, 40, anneke,
             "64 is een mooi begin! Ik ken de voorzitter van de ouderraad, ik vraag of zij nog een herinnering "
             "stuurt.")
    _log(
        project, 34, sem,
        "Twee ochtenden meegedraaid in groep 5 om te zien hoe de ochtend loopt. Kinderen die niet ontbeten hebben "
        "zijn rond tien uur moe en onrustig, zeggen de juffen, en dat zag ik ook.",
        {sem: "6"},
    )
    menu = _log(
        project, 27, lisa,
        "Een menu van vijf ontbijten gemaakt voor ongeveer 60 cent per kind: volkorenbrood, fruit, yoghurt en "
        "havermout. De supermarkt in de wijk wil misschien sponsoren.",
        {lisa: "5", bram: "1"},
    )
    _comment(menu, 26, karin,
             "Goed uitgewerkt menu. Bespreek de allergieën met de school voordat jullie verder gaan.")
    # The students keep the hours they worked before the project stopped.
    for student in (lisa, bram, sem):
        _review(project, karin, student, 23, approve=True)
    project_cancel(
        project=project, actor=karin,
        reason="We stoppen met dit project. Na de roosterwijziging in blok 3 kunnen Bram en Sem 's ochtends niet "
        "meer op school zijn, en een ontbijt dat op één student rust is niet verantwoord voor de kinderen. Dat "
        "hadden we eerder moeten zien. Wat er ligt, de enquête onder 64 ouders en het menu van vijf ontbijten, "
        "staat in het logboek; mevrouw Vermeulen kan het doorgeven aan de ouderraad of aan een volgend team.",
    )
    _backdate(project, cancelled_at=_moment(22, 14))
    return project, True


def _students() -> dict[str, User]:
    people = {"mila": User.objects.filter(email=DEMO_COLLEAGUE_STUDENT["email"]).first()}
    for key, (email, name, language, programme, year) in STUDENTS.items():
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"display_name": name, "preferred_language": language, "programme": programme,
                      "study_year": year},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        people[key] = user
    return people


def _team(*, name, description, skills, lead, members, lecturer, request, answer) -> Team:
    team = Team.objects.filter(name=name).first()
    if team is not None:
        return team
    team = team_create(actor=lead, name=name, description=description, skills=skills)
    link = team_link_create(team=team, actor=lead)
    for member in members:
        team_join(token=link.link_token, user=member)
    asked = supervision_request(team=team, actor=lead, lecturer=lecturer, message=request)
    supervision_accept(supervision=asked, actor=lecturer, answer=answer)
    return team


def _chosen(
    *, team, lead, slug, lecturer, started: int, motivation, approach, endorsement, welcome
) -> tuple[Project | None, bool]:
    """The project of ``team`` on the challenge ``slug``: applied, endorsed and accepted with the
    services, its start moved back ``started`` days. ``(None, False)`` when the challenge cannot
    take the team (it was changed by hand, say); ``(project, False)`` when it existed already."""
    existing = Project.objects.filter(team=team, challenge__slug=slug).select_related("challenge", "team").first()
    if existing is not None:
        return existing, False
    challenge = ChallengePage.objects.filter(slug=slug, live=True).first()
    today = timezone.localdate()
    if (
        challenge is None
        or Application.objects.filter(team=team, challenge=challenge).exists()
        or application_blockers(lead, challenge, team, today)
    ):
        return None, False
    begin = today - timedelta(days=started)
    data = {**DEMO_PROPOSAL, "motivation": motivation, "approach": approach,
            "period_start": begin, "period_end": begin + timedelta(days=91)}
    application = application_submit(challenge=challenge, team=team, actor=lead, data=data)
    application_endorse(application=application, actor=lecturer, note=endorsement)
    project = application_accept(application=application, actor=challenge.posted_by, message=welcome)
    _start(project, days_ago=started)
    return Project.objects.select_related("challenge", "team").get(pk=project.pk), True


def _start(project: Project, *, days_ago: int) -> None:
    # The demo shows weeks of work, but the services stamp "now" and refuse log dates before
    # the project's start: the start, and the applications decided when it began, move back first.
    begun = _moment(days_ago, 9)
    Project.objects.filter(pk=project.pk).update(created_at=begun)
    project.created_at = begun
    applications = Application.objects.filter(challenge_id=project.challenge_id)
    applications.update(created_at=begun - timedelta(days=12))
    for field in ("endorsed_at", "submitted_at"):
        applications.filter(**{f"{field}__isnull": False}).update(**{field: begun - timedelta(days=10)})
    applications.filter(decided_at__isnull=False).update(decided_at=begun)


def _day(days_ago: int) -> date:
    return timezone.localdate() - timedelta(days=days_ago)


def _moment(days_ago: int, hour: int = 12) -> datetime:
    """A time on the day ``days_ago`` days back, never later than now."""
    moment = timezone.make_aware(datetime.combine(_day(days_ago), time(hour)))
    return min(moment, timezone.now())


def _backdate(obj, **moments) -> None:
    # The services stamp the time they run; the demo's weeks of work get the time they "happened".
    type(obj).objects.filter(pk=obj.pk).update(**moments)


def _log(project, days_ago, author, text, hours, *, photos=(), files=(), photo_description="", shareable=False):
    uploads = [clean_upload(_photo_upload(photo, days_ago), kind=AttachmentKind.PHOTO) for photo in photos]
    uploads += [clean_upload(upload, kind=AttachmentKind.FILE) for upload in files]
    entry = log_entry_create(
        project=project, actor=author, date=_day(days_ago), text=text,
        hours={person.pk: Decimal(value) for person, value in hours.items()},
        uploads=uploads, photo_description=photo_description, shareable=shareable, consent=shareable,
    )
    written = _moment(days_ago, 17)
    _backdate(entry, created_at=written, **({"consent_at": written} if shareable else {}))
    Attachment.objects.filter(entry=entry).update(created_at=written)
    return entry


def _comment(entry, days_ago, author, text, *, hour=19) -> LogComment:
    comment = log_comment_add(entry=entry, actor=author, text=text)
    _backdate(comment, created_at=_moment(days_ago, hour))
    return comment


def _message(project, days_ago, author, text, *, hour=11) -> None:
    """A message in the project's conversation at the time it "happened"; the sender has read
    up to it, the others see it as new until they open the conversation."""
    message = message_send(project=project, actor=author, text=text, language="nl")
    sent = _moment(days_ago, hour)
    _backdate(message, created_at=sent)
    Conversation.objects.filter(pk=message.conversation_id).update(last_message_at=sent)
    ConversationRead.objects.filter(conversation_id=message.conversation_id, user=author).update(read_at=sent)


def _milestone(project, actor, title, *, due_in: int, added_ago: int, done_ago: int | None = None, done_by=None):
    milestone = milestone_add(
        project=project, actor=actor, title=title, due_date=timezone.localdate() + timedelta(days=due_in)
    )
    _backdate(milestone, created_at=_moment(added_ago, 10))
    if done_ago is not None:
        milestone_set_done(milestone=milestone, actor=done_by or actor)
        _backdate(milestone, done_at=_moment(done_ago, 18))
    return milestone


def _review(project, lecturer, person, days_ago, *, approve: bool, note: str = "") -> None:
    before = timezone.now()
    hours_review(project=project, actor=lecturer, person=person, approve=approve, note=note)
    LogHours.objects.filter(entry__project=project, person=person, reviewed_at__gte=before).update(
        reviewed_at=_moment(days_ago, 11)
    )


def _photo_upload(photo: Photo, days_ago: int) -> SimpleUploadedFile:
    drawings = {
        "playground": _draw_playground,
        "sketch": _draw_sketch,
        "rain": _draw_rainy_street,
        "barrel": _draw_rain_barrel,
        "street": lambda seed: Image.open(BytesIO(_draw_picture(seed, "erfgoed-collecties"))),
    }
    image = drawings[photo.scene](photo.seed).convert("RGB")
    return SimpleUploadedFile(photo.name, _as_phone_photo(image, _moment(days_ago, 15)), content_type="image/jpeg")


def _as_phone_photo(image: Image.Image, taken: datetime) -> bytes:
    """JPEG bytes with the camera and location data a phone adds, so the demo goes through the
    same cleaning as a real upload and shows that none of it is kept."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Fairphone"
    exif[ExifTags.Base.Model] = "FP4"
    exif[ExifTags.Base.DateTime] = taken.strftime("%Y:%m:%d %H:%M:%S")
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (52.0, 9.0, 31.0), 3: "E", 4: (4.0, 29.0, 38.0)}
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85, exif=exif)
    return buffer.getvalue()


def _draw_playground(seed: int) -> Image.Image:
    """A playground with a gravel path, a sandpit with a high wooden edge, swings and a slide."""
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    image = Image.new("RGB", (1200, 800), (205, 226, 240))
    draw = ImageDraw.Draw(image)
    for _ in range(4):
        x = rng.randint(40, 1160)
        draw.rectangle((x - 10, 300, x + 10, 440), fill=(96, 70, 48))
        draw.ellipse((x - 80, 170, x + 80, 330), fill=(52 + rng.randint(0, 40), 120, 64))
    draw.rectangle((0, 420, 1200, 800), fill=(116, 164, 86))
    draw.polygon([(480, 800), (720, 800), (650, 500), (590, 500)], fill=(200, 190, 164))
    for _ in range(600):
        y = rng.randint(505, 795)
        half = 30 + (y - 500) * 90 // 300
        x = rng.randint(620 - half, 620 + half)
        draw.point((x, y), fill=(150, 140, 120))
    draw.rectangle((760, 540, 1120, 720), fill=(128, 86, 54))
    draw.rectangle((784, 560, 1096, 700), fill=(236, 214, 160))
    for x0, x1 in ((110, 190), (400, 480)):
        draw.line([(x0, 640), ((x0 + x1) // 2, 360), (x1, 640)], fill=(70, 70, 78), width=12)
    draw.line([(150, 360), (440, 360)], fill=(70, 70, 78), width=12)
    for rope in (220, 340):
        draw.line([(rope, 365), (rope, 560)], fill=(60, 60, 60), width=4)
        draw.line([(rope + 40, 365), (rope + 40, 560)], fill=(60, 60, 60), width=4)
        draw.rectangle((rope - 6, 556, rope + 46, 570), fill=(30, 30, 30))
    draw.polygon([(930, 300), (1000, 300), (1160, 520), (1110, 520)], fill=(214, 64, 52))
    draw.rectangle((900, 300, 930, 540), fill=(90, 90, 96))
    for x in range(0, 1200, 28):
        if not 470 < x < 730:
            draw.rectangle((x, 740, x + 8, 800), fill=(64, 92, 60))
    draw.line([(0, 752), (470, 752)], fill=(64, 92, 60), width=6)
    draw.line([(730, 752), (1200, 752)], fill=(64, 92, 60), width=6)
    return image


def _draw_sketch(seed: int) -> Image.Image:
    """A plan drawn on squared paper: a paved path past a sand table, a nest swing and planters."""
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    image = Image.new("RGB", (1200, 850), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    for x in range(0, 1200, 40):
        draw.line([(x, 0), (x, 850)], fill=(214, 226, 240), width=1)
    for y in range(0, 850, 40):
        draw.line([(0, y), (1200, y)], fill=(214, 226, 240), width=1)
    pencil = (54, 58, 70)
    draw.line([(600, 850), (600, 640), (300, 520), (300, 260), (880, 200), (940, 520), (600, 640)],
              fill=(170, 170, 170), width=46, joint="curve")
    draw.rectangle((380, 560, 540, 640), outline=pencil, width=5)
    draw.ellipse((700, 300, 840, 440), outline=pencil, width=5)
    draw.ellipse((740, 340, 800, 400), outline=pencil, width=3)
    for x in (140, 980):
        draw.rectangle((x, 200, x + 80, 420), outline=(46, 125, 80), width=5)
        for _ in range(6):
            cx, cy = x + rng.randint(14, 66), rng.randint(220, 400)
            draw.ellipse((cx - 10, cy - 10, cx + 10, cy + 10), outline=(46, 125, 80), width=3)
    font = ImageFont.load_default(size=30)
    for text, at in (("ingang", (620, 780)), ("zandtafel", (380, 652)), ("nestschommel", (660, 450)),
                     ("moestuinbak", (40, 432)), ("moestuinbak laag", (900, 432)), ("verhard pad", (340, 200))):
        draw.text(at, text, fill=pencil, font=font)
    return image


def _draw_rainy_street(seed: int) -> Image.Image:
    """A street of houses after a shower, with puddles along the kerb."""
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    image = Image.open(BytesIO(_draw_picture(seed, "duurzaamheid-biodiversiteit"))).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1200, 120), fill=(176, 184, 196))
    draw.rectangle((0, 560, 1200, 750), fill=(104, 106, 108))
    for _ in range(5):
        x, width = rng.randint(0, 1000), rng.randint(120, 260)
        draw.ellipse((x, 600 + rng.randint(0, 80), x + width, 640 + rng.randint(80, 110)), fill=(150, 172, 198))
    for _ in range(160):
        x, y = rng.randint(0, 1200), rng.randint(0, 560)
        draw.line([(x, y), (x - 6, y + 22)], fill=(200, 208, 220), width=2)
    return image


def _draw_rain_barrel(seed: int) -> Image.Image:
    """A brick front with a downpipe into a green rain barrel that overflows into a facade garden."""
    rng = random.Random(seed)  # noqa: S311 (decoration, not security)
    image = Image.new("RGB", (1000, 800), (164, 74, 52))
    draw = ImageDraw.Draw(image)
    for row, y in enumerate(range(0, 600, 24)):
        draw.line([(0, y), (1000, y)], fill=(190, 170, 150), width=2)
        for x in range(-60 if row % 2 else 0, 1000, 120):
            draw.line([(x, y), (x, y + 24)], fill=(190, 170, 150), width=2)
    draw.rectangle((540, 120, 860, 420), fill=(240, 240, 232))
    draw.rectangle((560, 140, 840, 400), fill=(150, 184, 206))
    draw.rectangle((300, 0, 330, 470), fill=(120, 124, 128))
    draw.rectangle((220, 440, 420, 660), fill=(42, 110, 64))
    draw.ellipse((220, 420, 420, 470), fill=(54, 130, 76))
    draw.rectangle((410, 600, 520, 616), fill=(120, 124, 128))
    draw.rectangle((0, 600, 1000, 800), fill=(170, 166, 158))
    for x in range(0, 1000, 100):
        draw.line([(x, 660), (x, 800)], fill=(140, 136, 130), width=2)
    draw.line([(0, 660), (1000, 660)], fill=(140, 136, 130), width=2)
    draw.rectangle((470, 600, 1000, 660), fill=(96, 72, 48))
    for _ in range(22):
        x = rng.randint(480, 980)
        draw.ellipse((x - 26, 540 + rng.randint(0, 30), x + 26, 620), fill=(58 + rng.randint(0, 50), 140, 70))
        if rng.random() < 0.5:
            draw.ellipse((x - 6, 540, x + 6, 552), fill=(150, 110, 200))
    return image


def _pdf_upload(name: str, title: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _pdf(title, lines), content_type="application/pdf")


def _pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF written by hand: a title and lines of text in Helvetica."""

    def text(value: str) -> str:
        return "(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    commands = ["BT", "/F1 18 Tf", "72 770 Td", f"{text(title)} Tj", "/F1 11 Tf", "16 TL", "0 -12 Td"]
    for line in lines:
        for part in textwrap.wrap(line, 90) or [""]:
            commands.append(f"{text(part)} '")
    commands.append("ET")
    stream = "\n".join(commands).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)

