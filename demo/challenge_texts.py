"""About 25 invented but realistic challenges across Leiden's districts and the three themes."""


# slug, title, summary, English summary (for Dutch challenges), themes, neighbourhood, written in,
# marketplace status, days until deadline, organisation posts it (else the demo resident).
CHALLENGES = [
    ("groene-binnentuin-merenwijk", "Een groene binnentuin voor de Merenwijk",
     "Onze binnentuin is een grijze tegelvlakte. Wie helpt ons een ontwerp te maken met meer groen, schaduw en "
     "plek voor buren om elkaar te ontmoeten?",
     "Our courtyard is a grey sea of paving stones. Who helps us design it with more green, shade and room "
     "for neighbours to meet?",
     ["duurzaamheid-biodiversiteit"], "merenwijk", "nl", "open", 30, False),
    ("eenzaamheid-ouderen-stevenshof", "Minder eenzaam in de Stevenshof",
     "Veel oudere bewoners komen nauwelijks buiten. Wat werkt om hen weer mee te laten doen in de wijk?",
     "Many older residents hardly leave their homes. What works to bring them back into neighbourhood life?",
     ["gezondheid-welzijn"], "stevenshof", "nl", "open", 21, True),
    ("hofjes-verhalen", "Verhalen van de Leidse hofjes vastleggen",
     "Bewoners van hofjes hebben verhalen die nergens zijn opgeschreven. Help ons ze te verzamelen en te "
     "bewaren.",
     "Residents of Leiden's almshouses have stories nobody has written down. Help us collect and keep them.",
     ["erfgoed-collecties"], "binnenstad-zuid", "nl", "open", 45, False),
    ("hittestress-stationsdistrict", "Hittestress rond het station in kaart",
     "In de zomer wordt het rond het station erg heet. Waar precies, en wat kunnen bewoners en gemeente doen?",
     "Summers get very hot around the station. Where exactly, and what can residents and the city do?",
     ["duurzaamheid-biodiversiteit", "gezondheid-welzijn"], "stationsdistrict", "nl", "open", 14, False),
    ("vlinders-singels", "Vlinders langs de singels tellen",
     "We willen weten welke vlinders er langs de singels leven en hoe we meer bloemen kunnen zaaien.",
     "We want to know which butterflies live along the canals and how to sow more flowers for them.",
     ["duurzaamheid-biodiversiteit"], "binnenstad-noord", "nl", "open", 60, True),
    ("buurthuis-beweegprogramma", "Een beweegprogramma voor het buurthuis",
     "Ons buurthuis in Leiden-Noord wil een laagdrempelig beweegprogramma voor alle leeftijden. Wat past bij "
     "onze bezoekers?",
     "Our community centre in Leiden-Noord wants an easy-going exercise programme for all ages. What suits "
     "our visitors?",
     ["gezondheid-welzijn"], "leiden-noord", "nl", "open", 28, True),
    ("museum-jongeren", "Hoe bereiken we jongeren met een museumcollectie?",
     "Jongeren uit de wijk komen zelden in het museum. Bedenk samen met hen een manier om de collectie dichterbij "
     "te brengen.",
     "Young people from the neighbourhood rarely visit the museum. Work with them on a way to bring the "
     "collection closer.",
     ["erfgoed-collecties"], "binnenstad-noord", "nl", "open", 40, True),
    ("energy-cafe", "An energy café for international residents",
     "Many international residents in Leiden do not know how to save energy in old rented houses. Help us set up "
     "an energy café in English.",
     "", ["duurzaamheid-biodiversiteit"], "bos-en-gasthuisdistrict", "en", "open", 35, False),
    ("speeltuin-morsdistrict", "Een speeltuin waar iedereen kan spelen",
     "De speeltuin in het Morsdistrict is niet toegankelijk voor kinderen met een beperking. Wat moet er "
     "veranderen?",
     "The playground in the Morsdistrict is not accessible to children with a disability. What needs to change?",
     ["gezondheid-welzijn"], "morsdistrict", "nl", "open", 25, False),
    ("geveltuinen-boerhaave", "Geveltuinen in de Boerhaavewijk",
     "Steeds meer bewoners willen een geveltuin. Welke planten werken, en hoe organiseren we het samen?",
     "More and more residents want a facade garden. Which plants work, and how do we organise it together?",
     ["duurzaamheid-biodiversiteit"], "boerhaavedistrict", "nl", "open", 50, False),
    ("oral-history-textile", "Oral history of Leiden's textile workers",
     "The last generation that worked in Leiden's textile industry is getting older. Record and share their "
     "memories before they are lost.",
     "", ["erfgoed-collecties"], "roodenburgerdistrict", "en", "open", 55, True),
    ("gezond-ontbijt-school", "Gezond ontbijt op de basisschool",
     "Sommige kinderen komen zonder ontbijt naar school. Hoe organiseren we met ouders een gezond en betaalbaar "
     "ontbijt?",
     "Some children come to school without breakfast. How do we organise a healthy, affordable breakfast with "
     "parents?",
     ["gezondheid-welzijn"], "roodenburgerdistrict", "nl", "open", 20, False),
    ("regenwater-opvangen", "Regenwater opvangen in de straat",
     "Bij hevige regen loopt onze straat onder. Kunnen we regenwater opvangen en gebruiken voor het groen?",
     "Heavy rain floods our street. Can we collect rainwater and use it for the greenery?",
     ["duurzaamheid-biodiversiteit"], "bos-en-gasthuisdistrict", "nl", "open", 33, False),
    ("archief-wijkkrant", "Het archief van de wijkkrant digitaliseren",
     "Veertig jaar wijkkrant ligt in dozen op zolder. Help ons het archief te ordenen en online te zetten.",
     "Forty years of the neighbourhood paper sit in boxes in an attic. Help us sort the archive and put it "
     "online.",
     ["erfgoed-collecties"], "merenwijk", "nl", "open", 65, True),
    ("mantelzorgers-ondersteunen", "Mantelzorgers beter ondersteunen",
     "Mantelzorgers in de Stevenshof weten vaak niet waar ze hulp kunnen vinden. Wat hebben ze echt nodig?",
     "Informal carers in Stevenshof often do not know where to find help. What do they really need?",
     ["gezondheid-welzijn"], "stevenshof", "nl", "open", 18, False),
    # Work that has started or finished.
    ("zwerfafval-nieuwe-rijn", "Minder zwerfafval langs de Nieuwe Rijn",
     "Langs de Nieuwe Rijn ligt veel zwerfafval. Studenten onderzoeken waar het vandaan komt.",
     "There is a lot of litter along the Nieuwe Rijn. Students investigate where it comes from.",
     ["duurzaamheid-biodiversiteit"], "binnenstad-zuid", "nl", "in_progress", -10, False),
    ("taalcafe-noord", "Een taalcafé in Leiden-Noord",
     "Nieuwe Leidenaren willen Nederlands oefenen in een ontspannen sfeer. Studenten helpen een taalcafé op te "
     "zetten.",
     "Newcomers want to practise Dutch in a relaxed setting. Students help set up a language café.",
     ["gezondheid-welzijn"], "leiden-noord", "nl", "in_progress", -20, True),
    ("molen-de-valk-verhalen", "Verhalen rond Molen De Valk",
     "Een wandelroute met verhalen van buurtbewoners rond de molen.",
     "A walking route with residents' stories around the windmill.",
     ["erfgoed-collecties"], "binnenstad-noord", "nl", "in_progress", -5, False),
    ("bijenhotels", "Bijenhotels in de Merenwijk",
     "Studenten bouwden bijenhotels met bewoners en telden een seizoen lang de bezoekers.",
     "Students built bee hotels with residents and counted their visitors for a season.",
     ["duurzaamheid-biodiversiteit"], "merenwijk", "nl", "completed", -120, False),
    ("valpreventie", "Valpreventie voor thuiswonende ouderen",
     "Een checklist en huisbezoeken om vallen in huis te voorkomen, samen met de wijkverpleging.",
     "A checklist and home visits to prevent falls at home, together with district nurses.",
     ["gezondheid-welzijn"], "boerhaavedistrict", "nl", "completed", -150, True),
    ("straatnamen-vrouwen", "Vrouwen achter Leidse straatnamen",
     "Wie waren de vrouwen naar wie straten in de Stevenshof zijn vernoemd? Een tentoonstelling in de "
     "bibliotheek.",
     "Who were the women after whom Stevenshof streets are named? An exhibition in the library.",
     ["erfgoed-collecties"], "stevenshof", "nl", "completed", -200, True),
    ("deelauto-onderzoek", "Deelauto's in het Stationsdistrict",
     "Zouden bewoners hun tweede auto wegdoen voor een deelauto? Het onderzoek is gestopt.",
     "Would residents give up a second car for a shared one? The research was stopped.",
     ["duurzaamheid-biodiversiteit"], "stationsdistrict", "nl", "closed", -90, False),
]


CLOSED_REASON = (
    "Er meldde zich geen team dat in de gevraagde periode kon beginnen, en de bewonersgroep is inmiddels "
    "opgeheven. We sluiten de uitdaging zonder resultaat; de vraag blijft interessant voor een volgend jaar."
)


# Drafts their posters have not sent to the editors yet.
DRAFTS = [
    ("fietsenstalling-morspoort", "Een veilige fietsenstalling bij de Morspoort",
     "Fietsen worden gestolen of belanden in de gracht. Waar kan een veilige stalling komen?",
     "", ["duurzaamheid-biodiversiteit"], "morsdistrict", "nl", "open", 40, False),
    ("moestuin-school", "Een moestuin bij de school",
     "Kinderen willen groenten kweken op het schoolplein. Hoe richten we dat in?",
     "", ["gezondheid-welzijn", "duurzaamheid-biodiversiteit"], "leiden-noord", "nl", "open", 45, False),
    ("volkstuin-archief", "Het archief van de volkstuinvereniging",
     "Foto's en notulen sinds 1950 die niemand meer kan vinden.",
     "", ["erfgoed-collecties"], "roodenburgerdistrict", "nl", "open", 50, True),
]


# Posted from the site and sent to the editors, made through the same services as a real poster
# uses: one waits for review, one came back with a question from the editors.
IN_REVIEW = {
    "title": "Een bankje bij elke bushalte in de Merenwijk",
    "summary": "Ouderen lopen minder vaak naar de bus omdat ze onderweg nergens kunnen zitten. Waar zijn "
    "bankjes het hardst nodig?",
    "outcome": "Een kaart van de looproutes naar de haltes met voorstellen voor rustplekken.",
    "description": "Veel ouderen in de Merenwijk gaan niet meer met de bus naar de stad, omdat de wandeling naar "
    "de halte te lang is zonder rustpunt. We willen weten waar bankjes het meeste verschil maken.",
    "themes": ["gezondheid-welzijn"],
    "neighbourhood": "merenwijk",
    "by_org": False,
}


CHANGES_REQUESTED = {
    "title": "Zwerfafval rond het winkelcentrum Stevenshof",
    "summary": "Na elke zaterdag ligt het plein vol blikjes en verpakkingen. Hoe krijgen we het samen schoon?",
    "outcome": "Een plan met winkeliers en bewoners, en een proef van een maand.",
    "description": "Het winkelcentrum is het hart van de wijk, maar na het weekend ligt er veel afval. "
    "Prullenbakken zijn snel vol en meeuwen doen de rest.",
    "themes": ["duurzaamheid-biodiversiteit"],
    "neighbourhood": "stevenshof",
    "by_org": True,
    "comment": "Mooie vraag! Kun je beschrijven wat de wijkvereniging en de winkeliers al hebben geprobeerd? "
    "Dan weten teams waar ze kunnen beginnen.",
}


EDITED_WHILE_LIVE = {
    "slug": "eenzaamheid-ouderen-stevenshof",
    "outcome": "Een advies met concrete voorstellen, gepresenteerd aan de buurt, en een eerste proef met een "
    "wekelijkse koffieochtend in het buurthuis.",
}

