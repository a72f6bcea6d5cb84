import hashlib
from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.choices import Level
from cms.models import TranslatedPageMixin
from cms.translation import TranslatedField

from .choices import ChallengeStatus, ContentLanguage, MembershipRole, OrganisationKind


class Neighbourhood(models.Model):
    """One of Leiden's districts. Data, editable by editors."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A theme of the partnership, such as health & well-being."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    display_name = TranslatedField("name")
    display_description = TranslatedField("description")

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.display_name


class Organisation(models.Model):
    """A neighbourhood association, community centre, library or foundation whose members
    post challenges on its behalf."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=150,
        unique=True,
        blank=True,
        help_text=_("The last part of the organisation's public address. Left empty, it is made from the name."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("neighbourhood"),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.name)[:140] or "organisatie"
            taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
            slug, number = base, 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.slug])


class OrganisationInvitation(models.Model):
    """An e-mail invitation to join an organisation. Only a hash of the link's secret is
    stored; the link itself exists only in the e-mail."""

    VALID_FOR = timedelta(days=14)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        verbose_name = _("organisation invitation")
        verbose_name_plural = _("organisation invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} – {self.organisation}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def is_pending(self, now) -> bool:
        return self.accepted_at is None and self.revoked_at is None and now < self.expires_at

    def is_expired(self, now) -> bool:
        return self.accepted_at is None and self.revoked_at is None and now >= self.expires_at


class OrganisationMembership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="organisation_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class ChallengeIndexPage(TranslatedPageMixin, Page):
    """The one list of challenges, at /uitdagingen/ (and /en/uitdagingen/)."""

    intro = models.TextField(_("introduction"), blank=True)
    intro_en = models.TextField(_("introduction in English"), blank=True)

    display_intro = TranslatedField("intro")

    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["marketplace.ChallengePage"]
    template = "marketplace/challenge_index_page.html"

    content_panels = Page.content_panels + [FieldPanel("title_en"), FieldPanel("intro"), FieldPanel("intro_en")]

    class Meta:
        verbose_name = _("challenge index")

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        from .forms import ChallengeFilterForm
        from .selectors import challenge_list

        context = super().get_context(request, *args, **kwargs)
        form = ChallengeFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        paginator = Paginator(challenge_list(parent=self, **filters), self.PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("pagina"))
        query = request.GET.copy()
        query.pop("pagina", None)
        context.update(filter_form=form, page_obj=page_obj, challenges=page_obj.object_list, query=query.urlencode())
        return context

    PAGE_SIZE = 12


class ChallengePage(Page):
    """A question from a neighbourhood, posted by a resident or on behalf of an organisation.

    Publishing (draft → in review → live) is Wagtail's; the marketplace status (open → in
    progress → completed, or closed) is the challenge's own and survives publishing a revision.
    """

    summary = models.CharField(_("summary"), max_length=300, help_text=_("At most 300 characters."))
    summary_en = models.CharField(
        _("English summary"),
        max_length=300,
        blank=True,
        help_text=_("For international students, when the challenge is written in Dutch."),
    )
    description = RichTextField(_("description"), features=["bold", "italic", "link", "ol", "ul"])
    language = models.CharField(
        _("written in"), max_length=2, choices=ContentLanguage.choices, default=ContentLanguage.DUTCH
    )
    themes = ParentalManyToManyField(Theme, related_name="challenges", verbose_name=_("themes"))
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="challenges", verbose_name=_("neighbourhood")
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posted_challenges",
        verbose_name=_("posted by"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenges",
        verbose_name=_("on behalf of"),
    )
    outcome = models.TextField(_("outcome wanted"))
    level_mbo = models.BooleanField(_("suitable for MBO"), default=True)
    level_hbo = models.BooleanField(_("suitable for HBO"), default=True)
    level_wo = models.BooleanField(_("suitable for WO"), default=True)
    team_size_min = models.PositiveSmallIntegerField(_("smallest team"), default=2)
    team_size_max = models.PositiveSmallIntegerField(_("largest team"), default=5)
    team_capacity = models.PositiveSmallIntegerField(_("number of teams"), default=1)
    mixed_institutions_required = models.BooleanField(_("team must mix institutions"), default=False)
    application_deadline = models.DateField(_("application deadline"))
    period_start = models.DateField(_("wanted period from"))
    period_end = models.DateField(_("wanted period until"))
    can_be_done_in_dutch = models.BooleanField(_("can be done in Dutch"), default=True)
    can_be_done_in_english = models.BooleanField(_("can be done in English"), default=False)
    # Private: shown only to accepted teams and their supervisor; never indexed or listed.
    contact_name = models.CharField(_("contact name"), max_length=100)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    closed_reason = models.TextField(_("reason for closing"), blank=True)

    parent_page_types = ["marketplace.ChallengeIndexPage"]
    subpage_types: list[str] = []
    template = "marketplace/challenge_page.html"

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("summary_en"),
        index.SearchField("description"),
        index.SearchField("outcome"),
        index.FilterField("status"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("summary_en"),
        FieldPanel("language"),
        FieldPanel("description"),
        FieldPanel("outcome"),
        InlinePanel("images", label=_("Images")),
        MultiFieldPanel(
            [FieldPanel("themes", widget=forms.CheckboxSelectMultiple), FieldPanel("neighbourhood")],
            heading=_("Where and what"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("level_mbo"),
                FieldPanel("level_hbo"),
                FieldPanel("level_wo"),
                FieldPanel("team_size_min"),
                FieldPanel("team_size_max"),
                FieldPanel("team_capacity"),
                FieldPanel("mixed_institutions_required"),
                FieldPanel("can_be_done_in_dutch"),
                FieldPanel("can_be_done_in_english"),
            ],
            heading=_("Teams"),
        ),
        MultiFieldPanel(
            [FieldPanel("application_deadline"), FieldPanel("period_start"), FieldPanel("period_end")],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [FieldPanel("posted_by"), FieldPanel("organisation"), FieldPanel("contact_name"),
             FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Poster and private contact"),
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("closed_reason")], heading=_("Marketplace status")),
    ]

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team_size_min__gte=1) & models.Q(team_size_min__lte=models.F("team_size_max")),
                name="challenge_team_size_range",
                violation_error_message=_("The smallest team must have at least 1 member and not exceed the largest."),
            ),
            models.CheckConstraint(
                condition=models.Q(team_capacity__gte=1),
                name="challenge_team_capacity_positive",
                violation_error_message=_("A challenge takes at least one team."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="challenge_period_in_order",
                violation_error_message=_("The wanted period must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(level_mbo=True) | models.Q(level_hbo=True) | models.Q(level_wo=True),
                name="challenge_has_a_level",
                violation_error_message=_("Choose at least one level: MBO, HBO or WO."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        from .permissions import apply_blockers

        context = super().get_context(request, *args, **kwargs)
        context["apply_blockers"] = apply_blockers(request.user, self, timezone.localdate())
        context["images"] = list(self.images.select_related("image"))
        context["themes"] = list(self.themes.all())
        return context

    def with_content_json(self, content):
        """Publishing an older draft must not undo what happened in the marketplace since."""
        obj = super().with_content_json(content)
        obj.status = self.status
        obj.closed_reason = self.closed_reason
        return obj

    @property
    def levels(self) -> list[str]:
        return [label for flag, (value, label) in zip(
            (self.level_mbo, self.level_hbo, self.level_wo), Level.choices, strict=True) if flag]

    @property
    def display_summary(self) -> str:
        if get_language() == "en" and self.language != ContentLanguage.ENGLISH and self.summary_en:
            return self.summary_en
        return self.summary

    @property
    def display_summary_language(self) -> str:
        if get_language() == "en" and self.language != ContentLanguage.ENGLISH and self.summary_en:
            return ContentLanguage.ENGLISH
        return self.language

    def is_open_for_applications(self, today: date) -> bool:
        return self.live and self.status == ChallengeStatus.OPEN and today <= self.application_deadline

    def main_image(self):
        images = list(self.images.all())
        return images[0] if images else None


class ChallengePageImage(Orderable):
    page = ParentalKey(ChallengePage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describe what the photo shows, for people who cannot see it."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("challenge image")
        verbose_name_plural = _("challenge images")
