from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface, TitleFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock, LinkBlock
from cms.models.stories import StoryIndexPage
from core import page_cache
from core.models import TranslatedPageMixin
from core.pages import public
from core.translation import TranslatedField
from marketplace.models import ChallengeIndexPage, Theme
from marketplace.renderers.impact import figure_text
from marketplace.selectors.challenges import challenge_list
from marketplace.selectors.impact import CHALLENGE_MEASURES, MEASURE_LABELS, impact_headline


class HomePage(TranslatedPageMixin, Page):
    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_heading_en = models.CharField(_("hero heading in English"), max_length=120, blank=True)
    hero_text = models.TextField(_("hero text"), max_length=400)
    hero_text_en = models.TextField(_("hero text in English"), max_length=400, blank=True)
    themes_heading = models.CharField(_("themes heading"), max_length=120, blank=True)
    themes_heading_en = models.CharField(_("themes heading in English"), max_length=120, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    body_en = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body in English"))

    display_hero_heading = TranslatedField("hero_heading")
    display_hero_text = TranslatedField("hero_text")
    display_themes_heading = TranslatedField("themes_heading")
    display_body = TranslatedField("body")

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["marketplace.ChallengeIndexPage", "cms.StandardPage", "cms.StoryIndexPage"]
    template = "cms/home_page.html"

    search_fields = Page.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("hero_text_en"),
        index.SearchField("body"),
        index.SearchField("body_en"),
    ]

    dutch_panels = [
        TitleFieldPanel("title"),
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("themes_heading"),
        FieldPanel("body"),
    ]
    english_panels = [
        FieldPanel("title_en"),
        MultiFieldPanel([FieldPanel("hero_heading_en"), FieldPanel("hero_text_en")], heading=_("Hero")),
        FieldPanel("themes_heading_en"),
        FieldPanel("body_en"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(dutch_panels, heading=_("Dutch")),
            ObjectList(english_panels, heading=_("English")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("home page")

    def __str__(self):
        return self.title

    HOME_CHALLENGES = 3
    HOME_STORIES = 3

    def get_context(self, request, *args, **kwargs):
        """The live sections below the hero: open challenges, latest stories and the impact
        counters, each left out while it has nothing to show. A fixed number of queries:
        the challenge index and its open challenges (with their themes, images and
        renditions), the story index and its latest stories (with renditions), three for
        the counters and one for the themes. The counters and the themes change only with what
        starts a new generation of the page cache, so they are kept until then."""
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = page_cache.cached_for_generation("themes", lambda: list(Theme.objects.all()))

        challenge_index = public(ChallengeIndexPage.objects.child_of(self).live()).first()
        open_challenges = []
        if challenge_index is not None:
            open_challenges = list(
                challenge_list(parent=challenge_index, open_on=timezone.localdate())[: self.HOME_CHALLENGES]
            )
        story_index = public(StoryIndexPage.objects.child_of(self).live()).first()
        latest_stories = list(story_index.stories()[: self.HOME_STORIES]) if story_index is not None else []

        headline = page_cache.cached_for_generation("impact-headline", impact_headline)
        counters = []
        if headline.challenges_posted:
            counters = [
                (measure, MEASURE_LABELS[measure], figure_text(getattr(headline, measure)))
                for measure in CHALLENGE_MEASURES
            ]
        context.update(
            challenge_index=challenge_index,
            open_challenges=open_challenges,
            story_index=story_index,
            latest_stories=latest_stories,
            impact_counters=counters,
        )
        return context


class StandardPage(TranslatedPageMixin, Page):
    """An editorial page such as About, How it works, Privacy or Accessibility."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    intro_en = models.TextField(_("introduction in English"), max_length=400, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    body_en = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body in English"))

    display_intro = TranslatedField("intro")
    display_body = TranslatedField("body")

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]
    template = "cms/standard_page.html"

    search_fields = Page.search_fields + [
        index.SearchField("title_en"),
        index.SearchField("intro"),
        index.SearchField("intro_en"),
        index.SearchField("body"),
        index.SearchField("body_en"),
    ]

    dutch_panels = [TitleFieldPanel("title"), FieldPanel("intro"), FieldPanel("body")]
    english_panels = [FieldPanel("title_en"), FieldPanel("intro_en"), FieldPanel("body_en")]
    edit_handler = TabbedInterface(
        [
            ObjectList(dutch_panels, heading=_("Dutch")),
            ObjectList(english_panels, heading=_("English")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("standard page")

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The home page and the pages between it and this one; the tree's root is not a page
        # visitors see.
        context["breadcrumb"] = self.get_ancestors().filter(depth__gt=1).live().specific()
        context["child_pages"] = public(self.get_children().live()).specific()
        return context


@register_setting(icon="list-ul")
class NavigationSettings(BaseGenericSetting):
    """The main menu. While it has no links the header shows the built-in ones."""

    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("main menu links"),
        help_text=_("Shown in this order between Home and My page."),
    )

    panels = [FieldPanel("links")]

    class Meta:
        verbose_name = _("main menu")


@register_setting(icon="list-ul")
class FooterSettings(BaseGenericSetting):
    """The footer's text and links. Each falls back to the built-in one while it is empty."""

    text = models.TextField(_("footer text"), max_length=400, blank=True)
    text_en = models.TextField(_("footer text in English"), max_length=400, blank=True)
    links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("footer links"))

    display_text = TranslatedField("text")

    panels = [FieldPanel("text"), FieldPanel("text_en"), FieldPanel("links")]

    class Meta:
        verbose_name = _("footer")

