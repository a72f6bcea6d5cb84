"""Demo data for the marketplace: Leiden's districts, the partnership's themes and an
organisation. Realistic, but invented; idempotent."""

from .choices import MembershipRole, OrganisationKind
from .models import Neighbourhood, Organisation, OrganisationMembership, Theme

NEIGHBOURHOODS = [
    ("Binnenstad-Noord", "binnenstad-noord"),
    ("Binnenstad-Zuid", "binnenstad-zuid"),
    ("Stationsdistrict", "stationsdistrict"),
    ("Leiden-Noord", "leiden-noord"),
    ("Roodenburgerdistrict", "roodenburgerdistrict"),
    ("Bos- en Gasthuisdistrict", "bos-en-gasthuisdistrict"),
    ("Morsdistrict", "morsdistrict"),
    ("Boerhaavedistrict", "boerhaavedistrict"),
    ("Merenwijk", "merenwijk"),
    ("Stevenshof", "stevenshof"),
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
    "kind": OrganisationKind.NEIGHBOURHOOD_ASSOCIATION,
    "description": "Bewoners die zich inzetten voor een groene, levendige en veilige Stevenshof.",
}


def seed_marketplace(*, organisation_admin=None, stdout=None) -> None:
    for name, slug in NEIGHBOURHOODS:
        Neighbourhood.objects.get_or_create(slug=slug, defaults={"name": name})
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
