"""Stories: what came out of a project, told by an editor, confirmed by the challenge's owner.

A story about a project goes through the workflow "Story sign-off": first the challenge's
owner reads it on the site and confirms it or asks for a change (``OwnerSignOffTask``, never
done in the admin), then the editors publish it (``StoryPublishTask``). If the story changes
after the owner confirmed it, the editors cannot publish it before the owner has seen the new
version."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel, TabbedInterface, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import AbstractGroupApprovalTask, Page, Task, TaskState, Workflow, WorkflowPage
from wagtail.search import index

from cms.blocks import StoryStreamBlock
from cms.notifications import story_sign_off_requested
from core.models import Moderated
from core.pages import public
from core.social import SocialCard
from core.translation import TranslatedField
from marketplace.models import ChallengePage, Neighbourhood, Theme

# The workflow and its tasks, created by a migration; their names are stored as these message
# ids and shown in the reader's language (core.translation.StoredName).
STORY_WORKFLOW = gettext_noop("Story sign-off")
OWNER_TASK = gettext_noop("The challenge's owner confirms the story")
PUBLISH_TASK = gettext_noop("Editors publish the story")


STORIES_PER_PAGE = 9


class StoryFilterForm(forms.Form):
    """The story index's filters; an unknown value is ignored rather than an error page."""

    theme = forms.ModelChoiceField(queryset=None, required=False, label=_("Theme"), empty_label=_("All themes"))
    neighbourhood = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Neighbourhood"), empty_label=_("All neighbourhoods")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["theme"].label_from_instance = lambda theme: theme.display_name
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.all()

    def chosen(self) -> dict:
        """The filters with a known value; one with an unknown value (a theme deleted since
        the link was shared) is left out, and the form marks it."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, stories):
        chosen = self.chosen()
        if "theme" in chosen:
            stories = stories.filter(theme=chosen["theme"])
        if "neighbourhood" in chosen:
            stories = stories.filter(neighbourhood=chosen["neighbourhood"])
        return stories


class StoryIndexPage(Page):
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    intro_en = models.TextField(_("introduction in English"), max_length=400, blank=True)

    display_title = TranslatedField("title")
    display_intro = TranslatedField("intro")

    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]
    template = "cms/story_index_page.html"

    edit_handler = TabbedInterface(
        [
            ObjectList([TitleFieldPanel("title"), FieldPanel("intro")], heading=_("Dutch")),
            ObjectList([FieldPanel("title_en"), FieldPanel("intro_en")], heading=_("English")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("story index")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        self.assign_story_workflow()
        return result

    def assign_story_workflow(self):
        """Stories below this page go through the owner's sign-off. An assignment an editor
        changed in the admin is left alone."""
        workflow = Workflow.objects.filter(name=STORY_WORKFLOW, active=True).first()
        if workflow is not None and self.pk:
            WorkflowPage.objects.get_or_create(page_id=self.pk, defaults={"workflow": workflow})

    def stories(self):
        return public_stories().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = StoryFilterForm(request.GET or None)
        paginator = Paginator(form.filter(self.stories()), STORIES_PER_PAGE)
        # "pagina", as in every other list of the site (components/pagination.html).
        page_obj = paginator.get_page(request.GET.get("pagina"))
        query = request.GET.copy()
        query.pop("pagina", None)
        context.update(
            filter_form=form,
            page_obj=page_obj,
            stories=page_obj.object_list,
            filter_query=query.urlencode(),
            is_filtered=bool(form.chosen()),
        )
        return context


def public_stories():
    """The stories visitors may see, newest first, with what a story card shows."""
    return (
        public(StoryPage.objects.live())
        .select_related("hero_image", "theme", "neighbourhood")
        .prefetch_related("hero_image__renditions")
        .order_by("-date", "-pk")
    )


class StoryPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A field whose default is a callable (the date) is compared with a hidden initial value
        # that Wagtail's panels never render, so every post would count as a change: approving
        # in the admin would then save a new version that the owner has not confirmed.
        self.fields["date"].show_hidden_initial = False


class OnlyAnIntroWarning(Panel):
    """A warning at the top of a story's editor while the story (as last saved) is only an
    introduction: the editor sees it before approving it in the sign-off workflow."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/story_warning.html"

        def is_shown(self):
            return isinstance(self.instance, StoryPage) and bool(self.instance.pk) and self.instance.is_only_an_intro()


class StoryPage(Moderated, Page):
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    intro = models.TextField(_("introduction"), max_length=400)
    intro_en = models.TextField(_("introduction in English"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hero image"),
    )
    hero_alt = models.CharField(
        _("alternative text of the hero image"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows, for people who cannot see it."),
    )
    hero_alt_en = models.CharField(_("alternative text in English"), max_length=250, blank=True)
    body = StreamField(StoryStreamBlock(), blank=True, verbose_name=_("body"))
    body_en = StreamField(StoryStreamBlock(), blank=True, verbose_name=_("body in English"))
    project = models.ForeignKey(
        "marketplace.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("project"),
        help_text=_("The project this story tells about. Its challenge's owner confirms the story."),
    )
    challenge = models.ForeignKey(
        "marketplace.ChallengePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("challenge"),
        help_text=_("Filled in from the project; choose one yourself for a story without a project."),
    )
    theme = models.ForeignKey(
        "marketplace.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("theme")
    )
    neighbourhood = models.ForeignKey(
        "marketplace.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    authors = models.CharField(
        _("authors"), max_length=255, help_text=_("As they appear under the story, e.g. “Text: Sanne de Vries”.")
    )
    date = models.DateField(_("date"), default=timezone.localdate)

    display_title = TranslatedField("title")
    display_intro = TranslatedField("intro")
    display_hero_alt = TranslatedField("hero_alt")
    display_body = TranslatedField("body")

    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types = []
    template = "cms/story_page.html"
    base_form_class = StoryPageForm

    search_fields = Page.search_fields + [
        index.SearchField("title_en"),
        index.SearchField("intro"),
        index.SearchField("intro_en"),
        index.SearchField("body"),
        index.SearchField("body_en"),
        index.FilterField("date"),
    ]

    about_panels = [
        FieldPanel("project"),
        FieldPanel("challenge"),
        FieldPanel("theme"),
        FieldPanel("neighbourhood"),
        FieldPanel("authors"),
        FieldPanel("date"),
    ]
    dutch_panels = [
        OnlyAnIntroWarning(),
        TitleFieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Hero image")),
        FieldPanel("body"),
    ]
    english_panels = [
        FieldPanel("title_en"),
        FieldPanel("intro_en"),
        FieldPanel("hero_alt_en"),
        FieldPanel("body_en"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(dutch_panels, heading=_("Dutch")),
            ObjectList(english_panels, heading=_("English")),
            ObjectList(about_panels, heading=_("About")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self):
        return self.title

    def social_card(self) -> SocialCard:
        """What a shared link to the story previews: its title, introduction and hero image;
        nothing of a hidden one."""
        if self.is_hidden:
            return SocialCard(title=gettext("Hidden story"))
        return SocialCard(
            title=str(self.display_title),
            description=self.search_description or str(self.display_intro),
            image=self.hero_image,
            image_alt=str(self.display_hero_alt),
            kind="article",
        )

    def is_only_an_intro(self) -> bool:
        """No body and no hero image: its page would show the title and the introduction alone."""
        return not self.body and self.hero_image_id is None

    def clean(self):
        super().clean()
        errors = {}
        if self.project_id:
            project = self.project
            if self.challenge_id and self.challenge_id != project.challenge_id:
                errors["challenge"] = _("The project belongs to another challenge: leave this empty or choose its own.")
            else:
                self.challenge_id = project.challenge_id
        if self.challenge_id:
            challenge = self.challenge
            if not self.neighbourhood_id:
                self.neighbourhood_id = challenge.neighbourhood_id
            if not self.theme_id:
                first = challenge.themes.order_by("pk").first()
                self.theme_id = first.pk if first else None
        if self.hero_image_id and not self.hero_alt.strip():
            errors["hero_alt"] = _("Describe the hero image for people who cannot see it.")
        photos = self.shared_photos()
        if photos and not self.project_id:
            errors["project"] = _("A story with team photos needs its project: choose it here.")
        elif any(photo.project_id != self.project_id for photo in photos):
            errors["body"] = _("Only photos from this story's own project can be used.")
        elif not all(photo.is_shared for photo in photos):
            errors["body"] = _("The team no longer shares one of these photos: choose another one.")
        if errors:
            raise ValidationError(errors)

    def live_challenge(self):
        """The story's challenge while visitors can see it, else None (one query)."""
        if not self.challenge_id:
            return None

        return public(ChallengePage.objects.live()).filter(pk=self.challenge_id).first()

    def shared_photos(self):
        """The team photos the story shows, in either language."""
        photos = []
        for stream in (self.body, self.body_en):
            for block in stream:
                if block.block_type == "shared_photo" and block.value["photo"] is not None:
                    photos.append(block.value["photo"])
        return photos

    def shows_photo(self, photo_id) -> bool:
        for stream in (self.body, self.body_en):
            for block in stream:
                if block.block_type == "shared_photo":
                    photo = block.value["photo"]  # None once the photo is deleted
                    if photo is not None and str(photo.pk) == str(photo_id):
                        return True
        return False

    def get_owner_sign_off(self):
        """The owner's sign-off this story waits for now, or None."""
        state = self.current_workflow_task_state
        return state if isinstance(state, OwnerSignOffTaskState) else None

    def owner_sign_off_is_current(self, sign_off) -> bool:
        """Whether the owners asked are still those of the story's latest version: an editor
        may have chosen another project or challenge while they were reading."""
        latest = self.get_latest_revision_as_object()
        return getattr(latest, "challenge_id", None) == sign_off.challenge_id

    def restart_owner_sign_off(self, user=None) -> bool:
        """Ask the owners of the latest version's challenge again, when the editors changed
        it while the owner's sign-off was waiting. Returns whether it restarted."""
        waiting = self.get_owner_sign_off()
        if waiting is None or self.owner_sign_off_is_current(waiting):
            return False
        waiting.cancel(user=user, resume=True)
        return True

    def latest_owner_sign_off(self):
        """The last sign-off asked of a challenge's owners about this story, answered or not."""
        return (
            OwnerSignOffTaskState.objects.filter(
                workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
                workflow_state__object_id=str(self.pk),
                challenge__isnull=False,
            )
            .select_related("challenge")
            .order_by("-started_at", "-pk")
            .first()
        )


class OwnerSignOffTaskState(TaskState):
    """A sign-off asked of the owners of one challenge: the one the story was about when the
    editors sent it. Their answer is Wagtail's approve (confirm) or reject (ask for a change)."""

    challenge = models.ForeignKey(
        "marketplace.ChallengePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("challenge"),
    )

    class Meta:
        verbose_name = _("owner's sign-off of a story")
        verbose_name_plural = _("owner's sign-offs of stories")


class OwnerSignOffTask(Task):
    """The challenge's owner reads the story on the site and confirms it or asks for a change.

    Nobody does this in the admin, editors included: the confirmation is the owner's. A story
    that is not about a challenge has no owner to ask; the task is then passed at once, with
    the reason as its comment."""

    admin_form_fields = Task.admin_form_fields
    task_state_class = OwnerSignOffTaskState

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        # The version sent for sign-off says what the story is about; the page's row may be
        # older (a draft's later edits live in its revisions).
        story = workflow_state.content_object.specific.get_latest_revision_as_object()
        task_state.challenge = getattr(story, "challenge", None)
        if task_state.challenge is None:
            # Taking the project out does not get round an owner who was already asked.
            earlier = (
                OwnerSignOffTaskState.objects.filter(workflow_state=workflow_state, challenge__isnull=False)
                .select_related("challenge")
                .order_by("-pk")
                .first()
            )
            task_state.challenge = earlier.challenge if earlier is not None else None
        task_state.save(update_fields=["challenge"])
        if task_state.challenge is None:
            task_state.approve(user=None, update=False, comment=str(_("Not about a challenge: no owner to confirm.")))
        else:
            story_sign_off_requested(story=story, challenge=task_state.challenge, actor=user)
        return task_state

    def get_actions(self, obj, user):
        return []

    def user_can_access_editor(self, obj, user):
        return False

    def locked_for_user(self, obj, user):
        return False

    @classmethod
    def get_description(cls):
        return _("The owner of the story's challenge confirms it on the site, or asks for a change.")

    class Meta:
        verbose_name = _("owner's sign-off")
        verbose_name_plural = _("owner's sign-offs")


class StoryPublishTask(AbstractGroupApprovalTask):
    """The editors publish; but never a version the owner has not confirmed. After an edit the
    editors can only send the story back to the owner (or ask for changes); approving an
    edited version sends it back to the owner too."""

    def owner_confirmed_revision_id(self, workflow_state):
        confirmed = (
            TaskState.objects.filter(
                workflow_state=workflow_state,
                task__ownersignofftask__isnull=False,
                status=TaskState.STATUS_APPROVED,
            )
            .order_by("-finished_at", "-pk")
            .first()
        )
        return confirmed.revision_id if confirmed else None

    def changed_since_sign_off(self, obj) -> bool:
        workflow_state = obj.current_workflow_state
        if workflow_state is None:
            return False
        return self.owner_confirmed_revision_id(workflow_state) != obj.latest_revision_id

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.changed_since_sign_off(obj):
            return [
                ("reject", _("Request changes"), True),
                ("back_to_owner", _("Send the new version to the owner"), False),
            ]
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # The page row is locked until the publication commits: an edit saved meanwhile waits,
        # so what is checked here is what Wagtail publishes when the workflow finishes.
        Page.objects.select_for_update().filter(pk=task_state.workflow_state.object_id).first()
        obj = task_state.workflow_state.content_object.specific
        if action_name == "approve" and self.changed_since_sign_off(obj):
            # Changed in the same form that approves it (the admin saves the edit first): the
            # owner confirms the new version before anything is published.
            action_name = "back_to_owner"
        if action_name == "back_to_owner":
            owner_task = OwnerSignOffTask.objects.filter(
                workflow_tasks__workflow=task_state.workflow_state.workflow
            ).first()
            if owner_task is None:
                raise PermissionDenied
            task_state.status = TaskState.STATUS_CANCELLED
            task_state.finished_at = timezone.now()
            task_state.finished_by = user
            task_state.save()
            task_state.workflow_state.update(user=user, next_task=owner_task)
            return
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Editors publish the story once its challenge's owner has confirmed this version.")

    class Meta:
        verbose_name = _("publication by editors")
        verbose_name_plural = _("publications by editors")
