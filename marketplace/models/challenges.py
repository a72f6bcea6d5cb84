"""The challenge index and the challenges: Wagtail pages."""

from datetime import date

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.choices import Level
from core.models import Moderated, TranslatedPageMixin
from core.social import SocialCard
from core.translation import TranslatedField
from marketplace.choices import ChallengeStatus, ContentLanguage
from marketplace.models.organisations import Organisation
from marketplace.models.places import Neighbourhood, Theme


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
        # A page serves a view: the forms, selectors and rules it uses import these models.
        from marketplace.forms.challenges import ChallengeFilterForm  # noqa: PLC0415
        from marketplace.selectors.challenges import (  # noqa: PLC0415
            challenge_list,
            neighbourhoods_with_challenge_counts,
        )

        context = super().get_context(request, *args, **kwargs)
        form = ChallengeFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        query = request.GET.copy()
        query.pop("pagina", None)
        # The list and the map show the same filters: each links to the other with them (without
        # the empty ones a sent filter form leaves in the address).
        list_query = QueryDict(mutable=True)
        for name, values in query.lists():
            if name != self.VIEW_PARAMETER and any(values):
                list_query.setlist(name, [value for value in values if value])
        map_query = list_query.copy()
        map_query[self.VIEW_PARAMETER] = self.MAP_VIEW
        context.update(filter_form=form, list_query=list_query.urlencode(), map_query=map_query.urlencode())
        if request.GET.get(self.VIEW_PARAMETER) == self.MAP_VIEW:
            neighbourhoods = neighbourhoods_with_challenge_counts(
                parent=self, **{name: value for name, value in filters.items() if name != "sort"}
            )
            for neighbourhood in neighbourhoods:
                in_neighbourhood = list_query.copy()
                in_neighbourhood["neighbourhood"] = neighbourhood.slug
                neighbourhood.list_query = in_neighbourhood.urlencode()
            context.update(
                map_view=True,
                neighbourhoods=neighbourhoods,
                matching_count=sum(neighbourhood.challenge_count for neighbourhood in neighbourhoods),
                on_the_map=any(neighbourhood.has_location for neighbourhood in neighbourhoods),
                map_tile_url=settings.MAP_TILE_URL,
                map_tile_attribution=settings.MAP_TILE_ATTRIBUTION,
            )
            return context
        paginator = Paginator(challenge_list(parent=self, **filters), self.PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("pagina"))
        context.update(
            page_obj=page_obj, challenges=page_obj.object_list, matching_count=paginator.count, query=query.urlencode()
        )
        return context

    PAGE_SIZE = 12
    # ?weergave=kaart: the challenges on a map of the neighbourhoods, beside the list.
    VIEW_PARAMETER = "weergave"
    MAP_VIEW = "kaart"


class ChallengePage(Moderated, Page):
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
    # Teams and owners write to each other on the site (marketplace.models.messages); a phone
    # number reaches the chosen team only when the owner wants it to.
    show_phone_to_team = models.BooleanField(_("show the phone number to the chosen team"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    closed_reason = models.TextField(_("reason for closing"), blank=True)
    # A follow-up in a next semester builds on the projects of the challenge it continues.
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("continues"),
        help_text=_("The completed challenge this one builds on."),
    )

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
             FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("show_phone_to_team")],
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
        # A page serves a view: the forms, selectors and rules it uses import these models.
        from marketplace.permissions import apply_blockers, challenge_access  # noqa: PLC0415
        from marketplace.selectors.challenges import challenge_taken_places  # noqa: PLC0415
        from marketplace.selectors.projects import earlier_projects  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context["apply_blockers"] = apply_blockers(request.user, self, timezone.localdate())
        context["access"] = access = challenge_access(request.user, self)
        if self.follows_id is not None:
            context["follows"] = ChallengePage.objects.live().filter(pk=self.follows_id).first()
            # What the last team delivered is for the people who carry the question on.
            if access.can_see_contact:
                context["earlier_projects"] = earlier_projects(self)
        context["taken_places"] = challenge_taken_places(self)
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
    def public_poster(self) -> str:
        """Who posted the challenge, as public pages and feeds say it, in the active language:
        the organisation's name, or a resident's first name and neighbourhood, never a full name.
        Uses ``organisation``, ``posted_by`` and ``neighbourhood``: select them with the page."""
        if self.organisation is not None:
            return self.organisation.name
        neighbourhood = self.neighbourhood.name
        poster = self.posted_by
        first_name = poster.first_name_only if poster is not None and poster.is_active else ""
        if first_name:
            return gettext("%(name)s from %(neighbourhood)s") % {"name": first_name, "neighbourhood": neighbourhood}
        return gettext("a resident of %(neighbourhood)s") % {"neighbourhood": neighbourhood}

    @property
    def display_summary_language(self) -> str:
        if get_language() == "en" and self.language != ContentLanguage.ENGLISH and self.summary_en:
            return ContentLanguage.ENGLISH
        return self.language

    # The marketplace status of a live challenge (PRODUCT.md: open → in progress → completed, or
    # closed). The changes themselves happen in marketplace.services.challenge_status only.

    def takes_teams(self) -> bool:
        """Live and open: its owners may still choose teams and brokers introduce teams to it,
        also after the application deadline."""
        return self.live and self.status == ChallengeStatus.OPEN

    @staticmethod
    def takes_teams_q() -> models.Q:
        """``takes_teams`` as a filter, for a queryset that is already ``.live()``."""
        return models.Q(status=ChallengeStatus.OPEN)

    def is_open_for_applications(self, today: date) -> bool:
        """Teams may apply: it takes teams and the application deadline has not passed."""
        return self.takes_teams() and today <= self.application_deadline

    @staticmethod
    def open_for_applications_q(today: date) -> models.Q:
        """``is_open_for_applications`` as a filter, for a queryset that is already ``.live()``.
        Change the two together."""
        return ChallengePage.takes_teams_q() & models.Q(application_deadline__gte=today)

    def deadline_passed(self, today: date) -> bool:
        return today > self.application_deadline

    def can_close(self) -> bool:
        """Open or in progress: not yet completed or closed."""
        return self.status in (ChallengeStatus.OPEN, ChallengeStatus.IN_PROGRESS)

    def can_complete(self, today: date) -> bool:
        """It took its teams (in progress), or its deadline passed while it was still open."""
        return self.status == ChallengeStatus.IN_PROGRESS or (
            self.status == ChallengeStatus.OPEN and self.deadline_passed(today)
        )

    def can_reopen(self, today: date) -> bool:
        """A place came free in a full challenge before its deadline: teams may apply again.
        After the deadline the owner decides (close it, or wait for the other projects)."""
        return self.status == ChallengeStatus.IN_PROGRESS and not self.deadline_passed(today)

    def can_continue(self) -> bool:
        """A completed challenge can be continued as a new draft for the next semester."""
        return self.status == ChallengeStatus.COMPLETED

    def free_places(self, taken: int) -> int:
        """Places left for teams when ``taken`` are taken (``challenge_taken_places``)."""
        return max(self.team_capacity - taken, 0)

    def can_accept_team(self, taken: int) -> bool:
        """Its owners may choose one more team: it takes teams and has a free place (PRODUCT.md
        rule 3; the service counts ``taken`` again with the challenge's row locked)."""
        return self.takes_teams() and self.free_places(taken) > 0

    def suits_levels(self, levels) -> bool:
        """It asks for each of ``levels`` (where a team's members study)."""
        return all(getattr(self, f"level_{level}") for level in levels)

    @staticmethod
    def suits_levels_q(levels) -> models.Q:
        """``suits_levels`` as a filter. Change the two together."""
        return models.Q(**{f"level_{level}": True for level in levels})

    def team_size_fits(self, size: int) -> bool:
        return self.team_size_min <= size <= self.team_size_max

    def mix_is_enough(self, institutions: list) -> bool:
        """The team's institutions (``team_mix``) are enough: two or more where it asks for a mix."""
        return not self.mixed_institutions_required or len(institutions) >= 2

    def main_image(self):
        images = list(self.images.all())
        return images[0] if images else None

    def social_card(self) -> SocialCard:
        """What a shared link to the challenge previews: its title, summary and first photo;
        nothing of a hidden one."""
        if self.is_hidden:
            return SocialCard(title=gettext("Hidden challenge"))
        picture = self.images.select_related("image").first()
        return SocialCard(
            title=self.title,
            description=self.display_summary,
            image=picture.image if picture else None,
            image_alt=picture.alt_text if picture else "",
        )


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
