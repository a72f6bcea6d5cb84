"""The texts of the demo's standard pages, in Dutch (informal "je") and English."""


def heading(text):
    return {"type": "heading", "value": text}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def faq(title, items):
    return {
        "type": "faq",
        "value": {"heading": title, "items": [{"question": q, "answer": a} for q, a in items]},
    }


def call_to_action(text, link_text, url):
    return {"type": "call_to_action", "value": {"text": text, "link_text": link_text, "page": None, "url": url}}


ABOUT = {
    "slug": "over",
    "title": "Over Leren met de Stad",
    "title_en": "About Learning with the City",
    "intro": "Studenten werken aan echte vragen uit Leidse wijken. Bewoners en organisaties krijgen hulp, "
    "studenten leren in de praktijk.",
    "intro_en": "Students work on real questions from Leiden's neighbourhoods. Residents and organisations get "
    "help; students learn in practice.",
    "body": [
        heading("Waarom dit platform"),
        paragraph(
            "<p>Leiden zit vol kennis, en vol vragen. Hoe maak je een binnentuin groener? Hoe bereik je "
            "eenzame ouderen in je buurt? Wat vertelt een oud pand over de geschiedenis van de straat? "
            "Tot nu toe vonden zulke vragen en studenten elkaar vooral via e-mail en via een "
            "kennismakelaar die iedereen kent. Op dit platform vind je elkaar zelf.</p>"
        ),
        heading("Wie er achter zitten"),
        paragraph(
            "<p>Leren met de Stad is een programma van de <b>Universiteit Leiden</b>, <b>Hogeschool Leiden</b>, "
            "<b>mboRijnland</b> en de <b>gemeente Leiden</b>. Het hoort bij de landelijke City Deal Kennis "
            "Maken, waarin steden en onderwijsinstellingen samen werken aan maatschappelijke vragen.</p>"
        ),
        heading("Drie thema's"),
        paragraph(
            "<ul><li><b>Gezondheid en welzijn</b>: bewegen, ontmoeten, zorg dichtbij huis.</li>"
            "<li><b>Duurzaamheid en biodiversiteit</b>: groen in de straat, water, energie.</li>"
            "<li><b>Cultureel erfgoed en collecties</b>: de verhalen van gebouwen, hofjes en mensen.</li></ul>"
        ),
        heading("Wat het oplevert"),
        paragraph(
            "<p>Studenten van mbo, hbo en universiteit werken in gemengde teams: de een ontwerpt, de ander "
            "onderzoekt, een derde weet hoe je iets echt bouwt. Hun docent begeleidt ze. De wijk krijgt een "
            "advies, een ontwerp, een onderzoek of iets wat je kunt aanraken. Wat eruit kwam, lees je in "
            "de verhalen op deze site.</p>"
        ),
        call_to_action("Heb je een vraag uit je straat of wijk?", "Bekijk de uitdagingen", "/uitdagingen/"),
    ],
    "body_en": [
        heading("Why this platform"),
        paragraph(
            "<p>Leiden is full of knowledge, and full of questions. How do you make a courtyard greener? How do "
            "you reach lonely older people in your neighbourhood? What does an old building tell us about the "
            "history of the street? Until now, such questions and students found each other mostly by e-mail "
            "and through a knowledge broker who knows everyone. On this platform you find each other yourself."
            "</p>"
        ),
        heading("Who is behind it"),
        paragraph(
            "<p>Learning with the City is a programme of <b>Leiden University</b>, <b>Leiden University of "
            "Applied Sciences</b> (Hogeschool Leiden), <b>mboRijnland</b> and the <b>municipality of "
            "Leiden</b>. It is part of the national City Deal Kennis Maken, in which cities and educational "
            "institutions work together on questions from society.</p>"
        ),
        heading("Three themes"),
        paragraph(
            "<ul><li><b>Health and well-being</b>: exercise, meeting people, care close to home.</li>"
            "<li><b>Sustainability and biodiversity</b>: green streets, water, energy.</li>"
            "<li><b>Cultural heritage and collections</b>: the stories of buildings, almshouses and people."
            "</li></ul>"
        ),
        heading("What comes of it"),
        paragraph(
            "<p>Students from vocational school, university of applied sciences and university work in mixed "
            "teams: one designs, another researches, a third knows how to actually build something. Their "
            "lecturer supervises them. The neighbourhood gets advice, a design, a study or something you can "
            "touch. You can read what came of it in the stories on this site.</p>"
        ),
        call_to_action(
            "Do you have a question from your street or neighbourhood?", "See the challenges", "/uitdagingen/"
        ),
    ],
}


HOW_IT_WORKS = {
    "slug": "zo-werkt-het",
    "title": "Zo werkt het",
    "title_en": "How it works",
    "intro": "Voor bewoners en organisaties, voor studenten en voor docenten: wat je doet, en wat je van de "
    "anderen mag verwachten.",
    "intro_en": "For residents and organisations, for students and for lecturers: what you do, and what you can "
    "expect from the others.",
    "body": [
        heading("Voor bewoners en organisaties"),
        paragraph(
            "<ol><li><b>Stel je vraag.</b> Beschrijf wat je ziet in je straat of wijk en wat je zou willen "
            "weten of veranderen. Een foto helpt. Je kunt dat ook namens je wijkvereniging, buurthuis of "
            "stichting doen.</li>"
            "<li><b>Een redacteur kijkt mee.</b> Voordat je vraag online komt, leest een redacteur hem. Je "
            "telefoonnummer en e-mailadres staan nooit op de openbare pagina.</li>"
            "<li><b>Kies een team.</b> Studententeams melden zich met een plan. Jij kiest het team dat het "
            "beste past.</li>"
            "<li><b>Volg het werk.</b> Je ziet wat het team doet, kunt reageren en bedankt ze aan het eind.</li>"
            "</ol>"
        ),
        heading("Voor studenten"),
        paragraph(
            "<ol><li><b>Maak een account</b> met het e-mailadres van je school of universiteit; zo weten we "
            "dat je student bent.</li>"
            "<li><b>Vorm een team</b>, het liefst met studenten van andere instellingen. Nodig ze uit met een "
            "link.</li>"
            "<li><b>Kies een uitdaging</b> die past bij je studie en je periode, vraag een docent om je te "
            "begeleiden en meld je team aan.</li>"
            "<li><b>Houd een logboek bij</b> met je uren, foto's en bestanden, en laat aan het eind zien wat "
            "het opleverde.</li></ol>"
        ),
        heading("Voor docenten"),
        paragraph(
            "<ol><li><b>Maak een account</b> met het e-mailadres van je instelling. Een redacteur bevestigt "
            "dat je docent bent.</li>"
            "<li><b>Begeleid een team</b>: je krijgt een verzoek en onderschrijft hun aanmelding als het "
            "plan klopt.</li>"
            "<li><b>Volg het logboek</b>, geef feedback, keur uren goed en exporteer ze voor de "
            "beoordeling.</li></ol>"
        ),
        faq(
            "Veelgestelde vragen",
            [
                (
                    "Kost het iets?",
                    "<p>Nee. Je betaalt niets voor het plaatsen van een vraag. Studenten krijgen studiepunten "
                    "of uren voor hun opleiding, geen geld.</p>",
                ),
                (
                    "Hoe lang duurt het voordat er een team komt?",
                    "<p>Dat hangt af van de onderwijsperiodes. Veel teams beginnen in september of februari. "
                    "Geef bij je vraag aan wanneer je hulp wilt; dan zien studenten of het in hun rooster "
                    "past.</p>",
                ),
                (
                    "Wat als niemand zich aanmeldt?",
                    "<p>Dan neemt de kennismakelaar contact met je op. Soms helpt het om je vraag kleiner te "
                    "maken of om een andere periode te kiezen.</p>",
                ),
                (
                    "Kan ik als student alleen meedoen?",
                    "<p>Uitdagingen zijn voor teams. Heb je nog geen team? Kijk bij de teams of er een plek "
                    "vrij is, of begin er zelf een en nodig medestudenten uit.</p>",
                ),
                (
                    "Wie ziet mijn contactgegevens?",
                    "<p>Alleen het team dat je hebt gekozen en hun begeleidende docent. Lees meer in de "
                    '<a href="/privacy/">privacyverklaring</a>.</p>',
                ),
            ],
        ),
    ],
    "body_en": [
        heading("For residents and organisations"),
        paragraph(
            "<ol><li><b>Post your question.</b> Describe what you see in your street or neighbourhood and what "
            "you would like to know or change. A photo helps. You can also do this on behalf of your residents' "
            "association, community centre or foundation.</li>"
            "<li><b>An editor reads it first.</b> Before your question goes online, an editor reads it. Your "
            "phone number and e-mail address are never on the public page.</li>"
            "<li><b>Choose a team.</b> Student teams apply with a plan. You choose the team that fits best.</li>"
            "<li><b>Follow the work.</b> You see what the team does, can respond, and thank them at the end."
            "</li></ol>"
        ),
        heading("For students"),
        paragraph(
            "<ol><li><b>Create an account</b> with your school or university e-mail address; that is how we "
            "know you are a student.</li>"
            "<li><b>Form a team</b>, ideally with students from other institutions. Invite them with a link."
            "</li>"
            "<li><b>Choose a challenge</b> that fits your studies and your period, ask a lecturer to supervise "
            "you and apply as a team.</li>"
            "<li><b>Keep a log</b> of your hours, photos and files, and show at the end what came of it.</li>"
            "</ol>"
        ),
        heading("For lecturers"),
        paragraph(
            "<ol><li><b>Create an account</b> with your institution's e-mail address. An editor confirms that "
            "you are a lecturer.</li>"
            "<li><b>Supervise a team</b>: you get a request, and you endorse their application when the plan "
            "is sound.</li>"
            "<li><b>Follow the log</b>, give feedback, sign off hours and export them for grading.</li></ol>"
        ),
        faq(
            "Frequently asked questions",
            [
                (
                    "Does it cost anything?",
                    "<p>No. Posting a question is free. Students earn credits or hours for their studies, not "
                    "money.</p>",
                ),
                (
                    "How long before a team comes along?",
                    "<p>That depends on the teaching periods. Many teams start in September or February. Say "
                    "in your question when you would like help, so students can see whether it fits their "
                    "timetable.</p>",
                ),
                (
                    "What if nobody applies?",
                    "<p>Then the knowledge broker will get in touch with you. Sometimes it helps to make the "
                    "question smaller or to choose another period.</p>",
                ),
                (
                    "Can I take part on my own as a student?",
                    "<p>Challenges are for teams. No team yet? See whether a team has a place free, or start "
                    "one yourself and invite fellow students.</p>",
                ),
                (
                    "Who sees my contact details?",
                    "<p>Only the team you chose and their supervising lecturer. Read more in the "
                    '<a href="/en/privacy/">privacy statement</a>.</p>',
                ),
            ],
        ),
    ],
}


PRIVACY = {
    "slug": "privacy",
    "title": "Privacyverklaring",
    "title_en": "Privacy statement",
    "intro": "We vragen zo weinig mogelijk gegevens, en we laten ze alleen zien aan wie ze nodig heeft.",
    "intro_en": "We ask for as little data as we can, and show it only to the people who need it.",
    "body": [
        heading("Welke gegevens we bewaren"),
        paragraph(
            "<ul><li><b>Je account</b>: je e-mailadres, je naam zoals je die wilt laten zien, je voorkeurstaal "
            "en je wachtwoord (versleuteld, ook wij kunnen het niet lezen).</li>"
            "<li><b>Je rol</b>: bij studenten en docenten het e-mailadres van je onderwijsinstelling, zodat we "
            "weten dat je student of docent bent.</li>"
            "<li><b>Wat je plaatst</b>: uitdagingen, teams, aanmeldingen en reacties.</li>"
            "<li><b>Contactgegevens bij een uitdaging</b>: die zie je nooit op de openbare pagina. Alleen het "
            "team dat de plaatser kiest en hun begeleidende docent zien ze.</li>"
            "<li><b>Logboekregels, foto's en bestanden</b> van een project: alleen de mensen van dat project "
            "zien ze. Ze staan niet op een openbaar webadres.</li></ul>"
            "<p>Van foto's die je uploadt halen we de verborgen gegevens weg (EXIF), zoals de plek waar de "
            "foto is genomen (GPS) en het type telefoon.</p>"
        ),
        heading("Waarom"),
        paragraph(
            "<p>We gebruiken je gegevens alleen om vragen en studententeams bij elkaar te brengen, het werk "
            "te volgen, uren goed te keuren en je berichten te sturen over wat jou aangaat. We verkopen niets "
            "en delen niets met adverteerders. Er zijn geen trackers en geen advertentiecookies; we gebruiken "
            "alleen de cookies die nodig zijn om in te loggen en je taal te onthouden.</p>"
        ),
        heading("De kaart"),
        paragraph(
            "<p>Op de kaart van uitdagingen staat elke uitdaging bij haar wijk, nooit bij een adres. De "
            "achtergrond van de kaart komt van PDOK, de kaartendienst van de Nederlandse overheid (Kadaster). "
            "PDOK zet geen cookies en volgt je niet. Je browser vraagt de stukjes kaart zelf aan PDOK, dus "
            "PDOK ziet je IP-adres, zoals elke website die je bezoekt. Wil je dat niet, gebruik dan de lijst: "
            "die vraagt niets aan PDOK.</p>"
        ),
        heading("Hoe lang"),
        paragraph(
            "<p>Je account bewaren we zolang je het gebruikt. Verwijder je je account, dan halen we je naam "
            "en contactgegevens weg. Wat je samen met anderen maakte, zoals een teamverslag, blijft bestaan "
            "zonder je naam, zodat het werk van de anderen niet verloren gaat.</p>"
            "<p>Daarnaast ruimen we elke dag op:</p>"
            "<ul><li><b>Accounts waarvan het e-mailadres nooit is bevestigd</b>: na 30 dagen.</li>"
            "<li><b>Gelezen meldingen</b>: 180 dagen nadat je ze las.</li>"
            "<li><b>Uitnodigingen die niet zijn gebruikt</b>: 30 dagen nadat ze verliepen of werden "
            "ingetrokken.</li>"
            "<li><b>Gegevens van afgeronde achtergrondtaken</b> (zoals het versturen van een e-mail): na 14 "
            "dagen.</li>"
            "<li><b>Foto's en bestanden van een project</b>: twee jaar nadat het project is afgerond of gestopt. "
            "Een teamfoto in een verhaal dat online staat, blijft zolang het verhaal er staat.</li>"
            "<li><b>Goedgekeurde uren van een verwijderd account</b>: onderwijsinstellingen beoordelen erop, "
            "dus die blijven, onder “voormalig deelnemer”, tot twee jaar nadat het project is afgelopen.</li></ul>"
        ),
        heading("Wie wat ziet"),
        paragraph(
            "<ul><li><b>Iedereen</b>: goedgekeurde uitdagingen (zonder contactgegevens), verhalen en "
            "organisaties.</li>"
            "<li><b>Het gekozen team en de docent</b>: de contactgegevens van de plaatser.</li>"
            "<li><b>De mensen van een project</b>: het logboek, de foto's en de bestanden.</li>"
            "<li><b>Redacteuren en de kennismakelaar</b>: wat nodig is om vragen te beoordelen en mensen met "
            "elkaar in contact te brengen.</li></ul>"
        ),
        heading("Je rechten"),
        paragraph(
            "<p>Volgens de Algemene verordening gegevensbescherming (AVG) mag je je gegevens inzien, laten "
            "verbeteren, laten verwijderen of meenemen, en bezwaar maken tegen wat we ermee doen. Onder "
            "<i>Mijn pagina → Mijn gegevens</i> download je zelf alles wat we over je bewaren, en verwijder je "
            "je account. Voor de rest: stuur een mail en we reageren binnen een maand. Ben je het niet met ons "
            "eens, dan kun je een klacht "
            "indienen bij de Autoriteit Persoonsgegevens.</p>"
        ),
        heading("Contact"),
        paragraph(
            '<p>Vragen over privacy? Mail naar <a href="mailto:info@lerenmetdestad.nl">info@lerenmetdestad.nl</a>.</p>'
        ),
    ],
    "body_en": [
        heading("What we keep"),
        paragraph(
            "<ul><li><b>Your account</b>: your e-mail address, the name you want to show, your preferred "
            "language and your password (encrypted; we cannot read it either).</li>"
            "<li><b>Your role</b>: for students and lecturers, the e-mail address of your institution, so we "
            "know you are a student or lecturer.</li>"
            "<li><b>What you post</b>: challenges, teams, applications and comments.</li>"
            "<li><b>Contact details of a challenge</b>: never on the public page. Only the team the poster "
            "chooses and their supervising lecturer see them.</li>"
            "<li><b>Log entries, photos and files</b> of a project: only the project's people see them. They "
            "are never at a public web address.</li></ul>"
            "<p>We remove the hidden data (EXIF) from photos you upload, such as where the photo was taken "
            "(GPS) and the type of phone.</p>"
        ),
        heading("Why"),
        paragraph(
            "<p>We use your data only to bring questions and student teams together, follow the work, sign off "
            "hours and send you messages about what concerns you. We sell nothing and share nothing with "
            "advertisers. There are no trackers and no advertising cookies; we only use the cookies needed to "
            "log in and remember your language.</p>"
        ),
        heading("The map"),
        paragraph(
            "<p>On the map of challenges every challenge is shown at its neighbourhood, never at an address. "
            "The map's background comes from PDOK, the map service of the Dutch government (Kadaster). PDOK "
            "sets no cookies and does not track you. Your browser asks PDOK for the pieces of the map itself, "
            "so PDOK sees your IP address, as every website you visit does. If you do not want that, use the "
            "list: it asks PDOK for nothing.</p>"
        ),
        heading("How long"),
        paragraph(
            "<p>We keep your account for as long as you use it. If you delete your account, we remove your "
            "name and contact details. What you made together with others, such as a team report, stays "
            "without your name, so the others' work is not lost.</p>"
            "<p>Besides that, we clear out every day:</p>"
            "<ul><li><b>Accounts whose e-mail address was never confirmed</b>: after 30 days.</li>"
            "<li><b>Notifications you have read</b>: 180 days after you read them.</li>"
            "<li><b>Invitations that were never used</b>: 30 days after they expired or were withdrawn.</li>"
            "<li><b>Records of finished background tasks</b> (such as sending an e-mail): after 14 days.</li>"
            "<li><b>A project's photos and files</b>: two years after the project was completed or stopped. A "
            "team photo in a story that is online stays as long as the story does.</li>"
            "<li><b>Approved hours of a deleted account</b>: institutions grade on them, so they stay, under "
            "“former participant”, until two years after the project ended.</li></ul>"
        ),
        heading("Who sees what"),
        paragraph(
            "<ul><li><b>Everyone</b>: approved challenges (without contact details), stories and "
            "organisations.</li>"
            "<li><b>The chosen team and their lecturer</b>: the poster's contact details.</li>"
            "<li><b>The project's people</b>: the log, the photos and the files.</li>"
            "<li><b>Editors and the knowledge broker</b>: what they need to review questions and bring people "
            "together.</li></ul>"
        ),
        heading("Your rights"),
        paragraph(
            "<p>Under the General Data Protection Regulation (GDPR, in Dutch AVG) you may see your data, have "
            "it corrected, deleted or handed to you, and object to what we do with it. Under <i>My page → My "
            "data</i> you download everything we keep about you yourself, and delete your account. For the "
            "rest, send us an e-mail and we will reply within a month. If you disagree with us, you can "
            "complain to the Dutch Data "
            "Protection Authority (Autoriteit Persoonsgegevens).</p>"
        ),
        heading("Contact"),
        paragraph(
            '<p>Questions about privacy? E-mail <a href="mailto:info@lerenmetdestad.nl">info@lerenmetdestad.nl</a>.</p>'
        ),
    ],
}


ACCESSIBILITY = {
    "slug": "toegankelijkheid",
    "title": "Toegankelijkheidsverklaring",
    "title_en": "Accessibility statement",
    "intro": "Iedereen moet deze site kunnen gebruiken: op een telefoon, met alleen een toetsenbord, met een "
    "schermlezer of met grote letters.",
    "intro_en": "Everyone must be able to use this site: on a phone, with a keyboard only, with a screen reader "
    "or with large text.",
    "body": [
        heading("Ons doel"),
        paragraph(
            "<p>Leren met de Stad wil voldoen aan de Web Content Accessibility Guidelines (WCAG) 2.1, niveau "
            "AA. Dat is de norm die in Nederland geldt voor websites van de overheid, en dus ook voor een "
            "programma van de gemeente en publieke onderwijsinstellingen.</p>"
        ),
        heading("Hoe we testen"),
        paragraph(
            "<ul><li>Bij elke wijziging controleert een automatische test (axe-core) elke pagina in een echte "
            "browser, op de breedte van een telefoon en van een computer.</li>"
            "<li>De belangrijkste taken, zoals een vraag plaatsen, een team vormen en je aanmelden, testen we "
            "ook met alleen het toetsenbord.</li>"
            "<li>We gebruiken geen lettertypes, scripts of diensten van andere partijen.</li></ul>"
            "<p>Automatische tests vinden niet alles. Een onderzoek door een onafhankelijke deskundige hebben "
            "we nog niet laten doen.</p>"
        ),
        heading("Wat nog niet goed is"),
        paragraph(
            "<ul><li>Foto's en bestanden die bewoners, studenten en organisaties uploaden, zoals pdf's, zijn "
            "niet altijd toegankelijk. We vragen bij elke foto om een beschrijving, maar we kunnen niet elke "
            "tekst controleren.</li>"
            "<li>De beheeromgeving voor redacteuren is van een ander softwarepakket (Wagtail) en hebben we "
            "niet zelf getest.</li>"
            "<li>Sommige teksten zijn alleen in het Nederlands geschreven. Die zijn dan ook in de Engelse "
            "versie als Nederlands gemarkeerd, zodat een schermlezer ze goed uitspreekt.</li></ul>"
        ),
        heading("Loop je ergens tegenaan?"),
        paragraph(
            "<p>Laat het ons weten, dan helpen we je verder en lossen we het op. Mail naar "
            '<a href="mailto:info@lerenmetdestad.nl">info@lerenmetdestad.nl</a> en vertel op welke pagina '
            "het was en wat er misging. Je krijgt binnen vijf werkdagen antwoord.</p>"
        ),
    ],
    "body_en": [
        heading("Our aim"),
        paragraph(
            "<p>Learning with the City aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level "
            "AA. That is the standard for public-sector websites in the Netherlands, and so also for a "
            "programme of the municipality and public educational institutions.</p>"
        ),
        heading("How we test"),
        paragraph(
            "<ul><li>On every change, an automated test (axe-core) checks every page in a real browser, at "
            "phone width and at desktop width.</li>"
            "<li>We also test the main tasks, such as posting a question, forming a team and applying, with a "
            "keyboard only.</li>"
            "<li>We use no fonts, scripts or services from other parties.</li></ul>"
            "<p>Automated tests do not find everything. We have not yet had the site audited by an "
            "independent expert.</p>"
        ),
        heading("What is not right yet"),
        paragraph(
            "<ul><li>Photos and files uploaded by residents, students and organisations, such as PDFs, are not "
            "always accessible. We ask for a description with every photo, but we cannot check every text.</li>"
            "<li>The editors' admin area comes from another software package (Wagtail) and we have not tested "
            "it ourselves.</li>"
            "<li>Some texts are written in Dutch only. In the English version they are marked as Dutch, so a "
            "screen reader pronounces them correctly.</li></ul>"
        ),
        heading("Running into a problem?"),
        paragraph(
            "<p>Let us know, and we will help you and fix it. E-mail "
            '<a href="mailto:info@lerenmetdestad.nl">info@lerenmetdestad.nl</a> and tell us which page it was '
            "and what went wrong. You will get an answer within five working days.</p>"
        ),
    ],
}


CONTACT = {
    "slug": "contact",
    "title": "Contact",
    "title_en": "Contact",
    "intro": "Een vraag, een idee of iets wat niet werkt? We horen het graag.",
    "intro_en": "A question, an idea or something that does not work? We would like to hear it.",
    "body": [
        heading("Mail ons"),
        paragraph(
            '<p><a href="mailto:info@lerenmetdestad.nl">info@lerenmetdestad.nl</a></p>'
            "<p>We lezen de mail op werkdagen en antwoorden meestal binnen drie werkdagen.</p>"
        ),
        heading("Waarmee we je helpen"),
        paragraph(
            "<ul><li>Je twijfelt of je vraag past: we denken met je mee voordat je hem plaatst.</li>"
            "<li>Je bent docent en wilt met een vak of een groep studenten meedoen.</li>"
            "<li>Je organisatie wil vaker vragen plaatsen en je wilt weten hoe dat werkt.</li>"
            "<li>Je ziet iets op de site wat niet klopt of niet werkt.</li></ul>"
            "<p>De kennismakelaar van Leren met de Stad kent de mensen bij de onderwijsinstellingen en de "
            "gemeente, en brengt je graag met de juiste persoon in contact.</p>"
        ),
    ],
    "body_en": [
        heading("E-mail us"),
        paragraph(
            '<p><a href="mailto:info@lerenmetdestad.nl">info@lerenmetdestad.nl</a></p>'
            "<p>We read our e-mail on working days and usually reply within three working days.</p>"
        ),
        heading("What we can help with"),
        paragraph(
            "<ul><li>You are not sure whether your question fits: we think it through with you before you "
            "post it.</li>"
            "<li>You are a lecturer and want to take part with a course or a group of students.</li>"
            "<li>Your organisation wants to post questions more often and you want to know how.</li>"
            "<li>You see something on the site that is wrong or does not work.</li></ul>"
            "<p>The knowledge broker of Learning with the City knows the people at the institutions and the "
            "municipality, and will gladly put you in touch with the right person.</p>"
        ),
    ],
}


SITE_PAGES = [ABOUT, HOW_IT_WORKS, PRIVACY, ACCESSIBILITY, CONTACT]


FOOTER_TEXT = (
    "Een programma van de Universiteit Leiden, Hogeschool Leiden, mboRijnland en de gemeente Leiden, "
    "onderdeel van City Deal Kennis Maken."
)


FOOTER_TEXT_EN = (
    "A programme of Leiden University, Leiden University of Applied Sciences, mboRijnland and the "
    "municipality of Leiden, part of City Deal Kennis Maken."
)

