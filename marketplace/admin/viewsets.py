import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.permission_policies import BasePermissionPolicy

from accounts.selectors import editors_and_brokers_q, is_editor_or_broker
from marketplace.choices import SupervisionStatus
from marketplace.models import (
    Application,
    Neighbourhood,
    Organisation,
    OrganisationMembership,
    Project,
    Supervision,
    Team,
    TeamMembership,
    Theme,
)
from marketplace.models.projects import RUNNING_PROJECT_STATUSES
from marketplace.renderers.exports import FORMULA_START


class ThemeViewSet(ModelViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    form_fields = ["name", "name_en", "slug", "description", "description_en", "sort_order"]
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]


class NeighbourhoodViewSet(ModelViewSet):
    model = Neighbourhood
    icon = "site"
    menu_label = _("Neighbourhoods")
    form_fields = ["name", "slug", "latitude", "longitude"]
    list_display = ["name", "slug", "latitude", "longitude"]
    search_fields = ["name"]


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    url_namespace = "organisation_admin"  # "organisations" is the public pages' namespace
    form_fields = ["name", "slug", "kind", "neighbourhood", "description", "language", "website", "logo"]
    list_display = ["name", "kind", "neighbourhood"]
    list_filter = ["kind", "neighbourhood"]
    search_fields = ["name"]


class OrganisationMembershipViewSet(ModelViewSet):
    """Editors appoint an organisation's first administrator here; after that its
    administrators invite colleagues from the site."""

    model = OrganisationMembership
    icon = "user"
    menu_label = _("Organisation members")
    form_fields = ["organisation", "user", "role"]
    list_display = ["user", "organisation", "role", "joined_at"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__display_name", "user__email", "organisation__name"]


def is_marketplace_reader(user) -> bool:
    """Superusers, editors and knowledge brokers keep an eye on the marketplace."""
    return is_editor_or_broker(user)


class MarketplaceReaderPolicy(BasePermissionPolicy):
    """Editors and knowledge brokers may view; nobody, not even a superuser, adds, changes or
    deletes here. Teams, applications and projects change only through the services
    (``marketplace.services``), which check the rules of the marketplace, record who did what
    and tell the people concerned; an admin form would do none of that.

    Group membership decides, not Django's model permissions: the groups were never given
    ``view_team``, ``view_application`` or ``view_project``, and a permission checkbox in the
    group editor would suggest that editing could be allowed."""

    def user_has_permission(self, user, action):
        return action == "view" and is_marketplace_reader(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and is_marketplace_reader(user)

    def users_with_any_permission(self, actions):
        users = get_user_model()._default_manager.filter(is_active=True)
        if "view" not in actions:
            return users.none()
        return users.filter(editors_and_brokers_q()).distinct()


class SpreadsheetSafeMixin:
    """CSV and XLSX exports as the reader expects them.

    Team names and challenge titles are typed by students and residents; in a CSV file a
    value that starts like a formula is kept as text (the same rule as the hours export).
    Wagtail streams a CSV file after its view has returned, outside the admin user's
    language; the file is written in the language the view ran in."""

    def stream_csv(self, queryset):
        language = translation.get_language()
        rows = super().stream_csv(queryset)

        def in_language():
            with translation.override(language):
                yield from rows

        return in_language()

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str) and value.startswith(FORMULA_START):
            return "'" + value
        return value


class ReadOnlyInspectView(generic.InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None or value == "" else value


class ReadOnlyViewSet(ModelViewSet):
    """A listing with filters and CSV/XLSX export, and an inspect view per object."""

    inspect_view_enabled = True
    inspect_view_class = ReadOnlyInspectView
    copy_view_enabled = False
    # The usage view and the reference index add nothing here, and indexing would add
    # queries to every save the services make.
    add_to_reference_index = False
    list_per_page = 50

    def get_permissions_to_register(self):
        # See MarketplaceReaderPolicy: no model permission is offered in the group editor.
        return Permission.objects.none()

    def get_urlpatterns(self):
        # No add, edit, delete, history or usage pages at all, not merely forbidden ones.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{self.pk_path_converter}:pk>/", self.inspect_view, name="inspect"),
        ]


def field_label(model, name: str):
    """A column heading that reads like the field's own label (and shares its translation)."""
    return capfirst(model._meta.get_field(name).verbose_name)


def team_supervisor_name():
    """The display name of the lecturer supervising the team (at most one at a time)."""
    return Subquery(
        Supervision.objects.filter(team=OuterRef("pk"), status=SupervisionStatus.ACCEPTED).values(
            "lecturer__display_name"
        )[:1]
    )


def team_member_count():
    return Coalesce(
        Subquery(
            TeamMembership.objects.filter(team=OuterRef("pk"))
            .order_by()
            .values("team")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def team_has_supervisor():
    return Exists(Supervision.objects.filter(team=OuterRef("pk"), status=SupervisionStatus.ACCEPTED))


class TeamFilterSet(WagtailFilterSet):
    has_supervisor = django_filters.BooleanFilter(
        label=_("Has a supervisor"), method="filter_has_supervisor", widget=BooleanRadioSelect
    )

    class Meta:
        model = Team
        fields = []

    def filter_has_supervisor(self, queryset, name, value):
        return queryset.filter(team_has_supervisor()) if value else queryset.exclude(team_has_supervisor())


class TeamIndexView(SpreadsheetSafeMixin, generic.IndexView):
    def get_base_queryset(self):
        # Two subqueries per row, in the same single query: the listing does not grow with the data.
        return Team.objects.annotate(member_count=team_member_count(), supervisor_name=team_supervisor_name())


class TeamInspectView(ReadOnlyInspectView):
    extra_labels = {"members": _("Members"), "supervisor": _("Supervisor")}

    def get_field_label(self, field_name, field):
        if field_name in self.extra_labels:
            return self.extra_labels[field_name]
        return super().get_field_label(field_name, field)

    def get_members_display_value(self):
        # "lead" sorts before "member": leads first.
        memberships = self.object.memberships.select_related("user").order_by("role", "user__display_name")
        return ", ".join(
            f"{membership.user.display_name} ({membership.get_role_display()})" for membership in memberships
        ) or "-"

    def get_supervisor_display_value(self):
        supervision = (
            self.object.supervisions.filter(status=SupervisionStatus.ACCEPTED).select_related("lecturer").first()
        )
        return supervision.lecturer.display_name if supervision else "-"


class TeamViewSet(ReadOnlyViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    url_namespace = "team_admin"  # "teams" is the public pages' namespace
    index_view_class = TeamIndexView
    inspect_view_class = TeamInspectView
    list_display = [
        "name",
        Column("member_count", label=_("Members"), sort_key="member_count"),
        Column("supervisor_name", label=_("Supervisor"), sort_key="supervisor_name"),
        DateColumn("created_at", label=field_label(Team, "created_at"), sort_key="created_at"),
    ]
    filterset_class = TeamFilterSet
    search_fields = ["name"]
    list_export = ["name", "member_count", "supervisor_name", "created_at", "description"]
    export_headings = {"member_count": _("Members"), "supervisor_name": _("Supervisor")}
    export_filename = "teams"
    inspect_view_fields = ["name", "description", "skills", "members", "supervisor", "created_by", "created_at"]


class ApplicationFilterSet(WagtailFilterSet):
    has_supervisor = django_filters.BooleanFilter(
        label=_("Has a supervisor"), field_name="supervisor", lookup_expr="isnull", exclude=True,
        widget=BooleanRadioSelect,
    )

    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Neighbourhood"), field_name="challenge__neighbourhood", queryset=Neighbourhood.objects.all()
    )

    class Meta:
        model = Application
        fields = ["status"]


class ApplicationIndexView(SpreadsheetSafeMixin, generic.IndexView):
    def get_base_queryset(self):
        return Application.objects.select_related("team", "challenge", "challenge__neighbourhood", "supervisor")


class ApplicationViewSet(ReadOnlyViewSet):
    model = Application
    icon = "form"
    menu_label = _("Applications")
    url_namespace = "application_admin"  # "applications" is the public pages' namespace
    index_view_class = ApplicationIndexView
    list_display = [
        "team",
        "challenge",
        "status",
        DateColumn("submitted_at", label=field_label(Application, "submitted_at"), sort_key="submitted_at"),
        "supervisor",
    ]
    filterset_class = ApplicationFilterSet
    ordering = ["-created_at"]
    search_fields = ["team__name", "challenge__title"]
    list_export = [
        "team",
        "challenge",
        "challenge.neighbourhood",
        "get_status_display",
        "supervisor",
        "created_at",
        "submitted_at",
        "decided_at",
        "course_name",
        "course_code",
        "ects",
    ]
    export_headings = {"challenge.neighbourhood": _("Neighbourhood"), "get_status_display": _("Status")}
    export_filename = "applications"
    inspect_view_fields = [
        "challenge", "team", "status", "supervisor", "submitted_by", "created_at", "endorsed_at",
        "endorsement_note", "submitted_at", "motivation", "approach", "period_start", "period_end",
        "course_name", "course_code", "ects", "decided_at", "decided_by", "decision_message", "withdrawn_at",
    ]


class ProjectFilterSet(WagtailFilterSet):
    running = django_filters.BooleanFilter(
        label=_("Running (active or delivered)"), method="filter_running", widget=BooleanRadioSelect
    )

    class Meta:
        model = Project
        fields = ["status"]

    def filter_running(self, queryset, name, value):
        running = Q(status__in=RUNNING_PROJECT_STATUSES)
        return queryset.filter(running) if value else queryset.exclude(running)


class ProjectIndexView(SpreadsheetSafeMixin, generic.IndexView):
    def get_base_queryset(self):
        return Project.objects.select_related("team", "challenge", "supervisor")


class ProjectViewSet(ReadOnlyViewSet):
    model = Project
    icon = "clipboard-list"
    menu_label = _("Projects")
    url_namespace = "project_admin"  # "projects" is the public pages' namespace
    index_view_class = ProjectIndexView
    list_display = [
        "team",
        "challenge",
        "status",
        "supervisor",
        DateColumn("created_at", label=field_label(Project, "created_at"), sort_key="created_at"),
        DateColumn("completed_at", label=field_label(Project, "completed_at"), sort_key="completed_at"),
    ]
    filterset_class = ProjectFilterSet
    ordering = ["-created_at"]
    search_fields = ["team__name", "challenge__title"]
    list_export = [
        "team",
        "challenge",
        "get_status_display",
        "supervisor",
        "created_at",
        "delivered_at",
        "completed_at",
        "cancelled_at",
        "feedback_rating",
    ]
    export_headings = {"get_status_display": _("Status")}
    export_filename = "projects"
    inspect_view_fields = [
        "challenge", "team", "application", "supervisor", "status", "created_at", "delivered_at",
        "deliverable_summary", "deliverable_link", "feedback_at", "feedback_rating", "feedback_text",
        "completed_at", "cancelled_at", "cancel_reason",
    ]


READ_ONLY_MODELS = (Team, Application, Project)


class MarketplaceViewSetGroup(ViewSetGroup):
    menu_label = _("Marketplace")
    menu_icon = "clipboard-list"
    menu_order = 200
    items = (
        ThemeViewSet("themes"),
        NeighbourhoodViewSet("neighbourhoods"),
        OrganisationViewSet("organisations"),
        OrganisationMembershipViewSet("organisation_members"),
        TeamViewSet("teams"),
        ApplicationViewSet("applications"),
        ProjectViewSet("projects"),
    )

