import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.choices import LecturerStatus, Level, NotificationKind
from accounts.models import Institution, LecturerApproval, Notification, User
from cms.models import HomePage, StoryIndexPage, StoryPage
from marketplace.choices import ApplicationStatus, MembershipRole, OrganisationKind, TeamRole
from marketplace.models import (
    Application,
    ChallengeIndexPage,
    ChallengePage,
    ChallengePageImage,
    Neighbourhood,
    Organisation,
    OrganisationMembership,
    Team,
    TeamMembership,
    Theme,
)

PASSWORD = "a-long-test-password-42"
# The authenticator app's secret of every test user with two-step login on (base32, as the
# set-up page shows it); ``tests.accounts.helpers.totp_code`` makes its codes.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def turn_on_mfa(user):
    """Two-step login on for ``user``, with an authenticator app holding ``TOTP_SECRET``."""
    TOTP.activate(user, TOTP_SECRET)
    user.__dict__.pop("_has_mfa", None)
    return user


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name", locale="nl_NL")
    preferred_language = "nl"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """``UserFactory(verified=False)`` leaves the primary address unverified."""
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=extracted is not False)
            self.save()

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        """``UserFactory(mfa=True)`` has two-step login on (``turn_on_mfa``)."""
        if create and extracted:
            turn_on_mfa(self)


class NotificationFactory(DjangoModelFactory):
    """A notification as ``notify`` stores it, without its e-mail."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = NotificationKind.TEAM_INVITATION
    actor = factory.SubFactory(UserFactory, display_name="Sophie Bakker")
    params = factory.LazyFunction(lambda: {"team": "De Groene Vleugel"})
    url = "/mijn-pagina/"


class EmailAddressFactory(DjangoModelFactory):
    class Meta:
        model = EmailAddress

    user = factory.SubFactory(UserFactory)
    email = factory.Sequence(lambda n: f"address{n}@example.org")
    verified = True
    primary = False


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("short_name",)

    name = factory.Sequence(lambda n: f"Testinstelling {n}")
    name_en = factory.Sequence(lambda n: f"Test institution {n}")
    short_name = factory.Sequence(lambda n: f"TI{n}")
    level = Level.HBO
    student_domains = factory.Sequence(lambda n: f"student.school{n}.nl")
    staff_domains = factory.Sequence(lambda n: f"school{n}.nl")


class LecturerApprovalFactory(DjangoModelFactory):
    class Meta:
        model = LecturerApproval

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
    status = LecturerStatus.PENDING


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = "Editors"


class NeighbourhoodFactory(DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    description = "Een omschrijving."
    description_en = "A description."


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Buurtvereniging {n}")
    slug = factory.Sequence(lambda n: f"buurtvereniging-{n}")
    kind = OrganisationKind.NEIGHBOURHOOD_ASSOCIATION
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)


class OrganisationMembershipFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = MembershipRole.MEMBER


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Leren met de Stad"
    title_en = "Learning with the City"
    hero_heading = "Leidse vragen, samen opgelost"
    hero_heading_en = "Questions from Leiden, solved together"
    hero_text = "Bewoners stellen vragen; studenten werken eraan."
    hero_text_en = "Residents ask questions; students work on them."


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryIndexPage

    title = "Verhalen"
    title_en = "Stories"
    slug = "verhalen"
    intro = "Wat bewoners en studenten samen deden."
    intro_en = "What residents and students did together."


class StoryPageFactory(wagtail_factories.PageFactory):
    """A live story; pass ``parent`` (a StoryIndexPage)."""

    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"Verhaal {n}")
    title_en = factory.Sequence(lambda n: f"Story {n}")
    slug = factory.Sequence(lambda n: f"verhaal-{n}")
    intro = "Studenten en bewoners zochten samen naar een oplossing."
    intro_en = "Students and residents looked for a solution together."
    authors = "Tekst: Sanne de Vries"
    date = factory.LazyFunction(timezone.localdate)


class ChallengeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ChallengeIndexPage

    title = "Uitdagingen"
    title_en = "Challenges"
    slug = "uitdagingen"


class ChallengePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ChallengePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Uitdaging {n}")
    slug = factory.Sequence(lambda n: f"uitdaging-{n}")
    summary = "Een vraag uit de wijk."
    description = "<p>Wat we willen weten.</p>"
    outcome = "Een advies."
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    posted_by = factory.SubFactory(UserFactory)
    application_deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    period_start = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=40))
    period_end = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=120))
    contact_name = "Anneke Vermeulen"
    contact_email = "anneke.prive@example.org"
    contact_phone = "06 12 34 56 78"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [ThemeFactory()])
            self.save()


class ChallengePageImageFactory(DjangoModelFactory):
    class Meta:
        model = ChallengePageImage

    page = factory.SubFactory(ChallengePageFactory)
    image = factory.SubFactory(wagtail_factories.ImageFactory)
    alt_text = "Een binnentuin met tegels"


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    description = "Studenten die graag met bewoners werken."


class TeamMembershipFactory(DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role = TeamRole.MEMBER


class ApplicationFactory(DjangoModelFactory):
    """An application already with the challenge owner (status submitted)."""

    class Meta:
        model = Application

    challenge = factory.SubFactory(ChallengePageFactory)
    team = factory.SubFactory(TeamFactory)
    status = ApplicationStatus.SUBMITTED
    motivation = "We willen graag met de buurt aan de slag."
    approach = "Eerst interviews, dan een ontwerp, dan een proef."
    period_start = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=40))
    period_end = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=120))
    submitted_at = factory.LazyFunction(timezone.now)
