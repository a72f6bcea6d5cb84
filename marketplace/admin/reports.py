"""What is stuck in the marketplace, for editors and knowledge brokers: four Wagtail reports
(each exportable as CSV and XLSX) and a dashboard panel that counts them.

Read-only, like the team, application and project screens (see ``viewsets.py``); every
query here is one statement whatever the number of rows."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, WorkflowState

from marketplace.admin.viewsets import (
    MarketplaceReaderPolicy,
    SpreadsheetSafeMixin,
    field_label,
    is_marketplace_reader,
    team_has_supervisor,
    team_member_count,
)
from marketplace.choices import ApplicationStatus, SupervisionStatus
from marketplace.models import Application, ChallengePage, Milestone, Project, Supervision, Team, TeamMembership
from marketplace.models.projects import RUNNING_PROJECT_STATUSES

QUIET_DAYS = 14  # a live, open challenge nobody applied to for this long needs a broker


def _review_states():
    """Reviews in progress of challenges. Wagtail keeps at most one per page."""
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),  # cached after the first call
        content_type=ContentType.objects.get_for_model(ChallengePage),
    )


def challenges_awaiting_review():
    """Challenges whose newest version waits for an editor: new ones and changes to live ones.
    ``sent_at`` is when the review started."""
    # object_id is text and the page id a number; comparing them needs an explicit cast on
    # PostgreSQL (as Wagtail's own dashboard does).
    states = _review_states().filter(object_id=Cast(OuterRef("pk"), output_field=CharField()))
    return (
        ChallengePage.objects.filter(Exists(states))
        .annotate(sent_at=Subquery(states.values("created_at")[:1]))
        .select_related("posted_by", "organisation", "neighbourhood")
        .order_by("sent_at", "pk")
    )


def challenges_without_applications(now=None):
    """Live, open challenges published at least ``QUIET_DAYS`` ago that no team applied to (a
    withdrawn application does not count)."""
    now = now or timezone.now()
    applications = Application.objects.filter(challenge=OuterRef("pk")).exclude(status=ApplicationStatus.WITHDRAWN)
    return (
        ChallengePage.objects.live()
        .filter(ChallengePage.takes_teams_q(), first_published_at__lte=now - timedelta(days=QUIET_DAYS))
        .filter(~Exists(applications))
        .select_related("posted_by", "organisation", "neighbourhood")
        .order_by("first_published_at", "pk")
    )


def teams_without_supervisor():
    """Teams with at least one member and no supervising lecturer; ``asked`` tells whether a
    lecturer has been asked and not answered yet."""
    return (
        Team.objects.filter(Exists(TeamMembership.objects.filter(team=OuterRef("pk"))))
        .exclude(team_has_supervisor())
        .annotate(
            member_count=team_member_count(),
            asked=Exists(Supervision.objects.filter(team=OuterRef("pk"), status=SupervisionStatus.REQUESTED)),
        )
        .order_by("created_at", "pk")
    )


def projects_with_overdue_milestones(today=None):
    """Running projects with a milestone not done by its due date; ``overdue_count`` and
    ``oldest_due_date`` say how many and since when."""
    today = today or timezone.localdate()
    overdue = Milestone.objects.filter(project=OuterRef("pk"), done_at__isnull=True, due_date__lt=today)
    return (
        Project.objects.filter(status__in=RUNNING_PROJECT_STATUSES)
        .filter(Exists(overdue))
        .annotate(
            overdue_count=Subquery(
                overdue.order_by().values("project").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            oldest_due_date=Subquery(overdue.order_by("due_date").values("due_date")[:1]),
        )
        .select_related("team", "challenge", "supervisor")
        .order_by("oldest_due_date", "pk")
    )


class MarketplaceReportView(SpreadsheetSafeMixin, ReportView):
    """A report for editors and knowledge brokers only; ``query`` makes its rows."""

    permission_policy = MarketplaceReaderPolicy(ChallengePage)
    any_permission_required = ["view"]
    query = None

    def get_queryset(self):
        return self.query()

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate().isoformat()}"


def _page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _public_url(page):
    return page.url


POSTED_BY = field_label(ChallengePage, "posted_by")


ON_BEHALF_OF = field_label(ChallengePage, "organisation")


FIRST_PUBLISHED_AT = field_label(ChallengePage, "first_published_at")


REVIEW_OF_CHANGES = _("Changes to a live challenge")


REVIEW_OF_NEW_CHALLENGE = _("New challenge")


LECTURER_ASKED = _("A lecturer was asked")


NOBODY_ASKED = _("Nobody asked yet")


def _review_of(live: bool) -> str:
    return str(REVIEW_OF_CHANGES if live else REVIEW_OF_NEW_CHALLENGE)


def _asked(asked: bool) -> str:
    return str(LECTURER_ASKED if asked else NOBODY_ASKED)


class ChallengesAwaitingReviewView(MarketplaceReportView):
    page_title = _("Challenges awaiting review")
    header_icon = "tasks"
    index_url_name = "marketplace_reports:awaiting_review"
    index_results_url_name = "marketplace_reports:awaiting_review_results"
    query = staticmethod(challenges_awaiting_review)
    columns = [
        TitleColumn("title", label=_("Challenge"), get_url=_page_edit_url),
        Column("posted_by", label=POSTED_BY),
        Column("organisation", label=ON_BEHALF_OF),
        Column("neighbourhood", label=_("Neighbourhood")),
        DateColumn("sent_at", label=_("Sent for review at")),
        StatusFlagColumn(
            "live", label=_("Review of"), true_label=REVIEW_OF_CHANGES, false_label=REVIEW_OF_NEW_CHALLENGE
        ),
    ]
    list_export = ["title", "posted_by", "organisation", "neighbourhood", "sent_at", "live"]
    # The other headings are the fields' own labels.
    export_headings = {
        "title": _("Challenge"),
        "sent_at": _("Sent for review at"),
        "live": _("Review of"),
    }
    custom_field_preprocess = {
        "live": {ReportView.FORMAT_CSV: _review_of, ReportView.FORMAT_XLSX: _review_of},
    }
    export_filename = "challenges-awaiting-review"


class ChallengesWithoutApplicationsView(MarketplaceReportView):
    page_title = _("Challenges without applications")
    header_icon = "warning"
    index_url_name = "marketplace_reports:without_applications"
    index_results_url_name = "marketplace_reports:without_applications_results"
    query = staticmethod(challenges_without_applications)
    columns = [
        TitleColumn("title", label=_("Challenge"), get_url=_public_url),
        Column("posted_by", label=POSTED_BY),
        Column("organisation", label=ON_BEHALF_OF),
        Column("neighbourhood", label=_("Neighbourhood")),
        DateColumn("first_published_at", label=FIRST_PUBLISHED_AT),
        Column("application_deadline", label=field_label(ChallengePage, "application_deadline")),
    ]
    list_export = ["title", "posted_by", "organisation", "neighbourhood", "first_published_at", "application_deadline"]
    export_headings = {"title": _("Challenge")}
    export_filename = "challenges-without-applications"


class TeamsWithoutSupervisorView(MarketplaceReportView):
    page_title = _("Teams without a supervisor")
    header_icon = "group"
    index_url_name = "marketplace_reports:teams_without_supervisor"
    index_results_url_name = "marketplace_reports:teams_without_supervisor_results"
    query = staticmethod(teams_without_supervisor)
    columns = [
        TitleColumn("name", label=_("Team"), url_name="team_admin:inspect"),
        Column("member_count", label=_("Members")),
        StatusFlagColumn("asked", label=_("Supervision"), true_label=LECTURER_ASKED, false_label=NOBODY_ASKED),
        DateColumn("created_at", label=field_label(Team, "created_at")),
    ]
    list_export = ["name", "member_count", "asked", "created_at"]
    export_headings = {"name": _("Team"), "member_count": _("Members"), "asked": _("Supervision")}
    custom_field_preprocess = {
        "asked": {ReportView.FORMAT_CSV: _asked, ReportView.FORMAT_XLSX: _asked},
    }
    export_filename = "teams-without-supervisor"


class ProjectsWithOverdueMilestonesView(MarketplaceReportView):
    page_title = _("Projects with overdue milestones")
    header_icon = "time"
    index_url_name = "marketplace_reports:overdue_milestones"
    index_results_url_name = "marketplace_reports:overdue_milestones_results"
    query = staticmethod(projects_with_overdue_milestones)
    columns = [
        TitleColumn("team", label=_("Team"), url_name="project_admin:inspect"),
        Column("challenge", label=_("Challenge")),
        Column("supervisor", label=_("Supervisor")),
        Column("overdue_count", label=_("Overdue milestones")),
        Column("oldest_due_date", label=_("Oldest due date")),
    ]
    list_export = ["team", "challenge", "supervisor", "get_status_display", "overdue_count", "oldest_due_date"]
    export_headings = {
        "get_status_display": _("Status"),
        "overdue_count": _("Overdue milestones"),
        "oldest_due_date": _("Oldest due date"),
    }
    export_filename = "projects-with-overdue-milestones"


REPORTS = [
    # (URL name, path, view, menu label, icon)
    ("awaiting_review", "awaiting-review/", ChallengesAwaitingReviewView, _("Challenges awaiting review"), "tasks"),
    (
        "without_applications",
        "without-applications/",
        ChallengesWithoutApplicationsView,
        _("Challenges without applications"),
        "warning",
    ),
    (
        "teams_without_supervisor",
        "teams-without-supervisor/",
        TeamsWithoutSupervisorView,
        _("Teams without a supervisor"),
        "group",
    ),
    (
        "overdue_milestones",
        "overdue-milestones/",
        ProjectsWithOverdueMilestonesView,
        _("Projects with overdue milestones"),
        "time",
    ),
]


def urls():
    patterns = []
    for name, route, view, _label, _icon in REPORTS:
        patterns.append(path(route, view.as_view(), name=name))
        patterns.append(path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results"))
    return path("marketplace-reports/", include((patterns, "marketplace_reports")))


class ReaderMenuItem(MenuItem):
    def is_shown(self, request):
        return is_marketplace_reader(request.user)


def menu_item(index: int) -> MenuItem:
    """The Reports menu's entry for ``REPORTS[index]``, before Wagtail's own reports."""
    name, _route, _view, label, icon = REPORTS[index]
    return ReaderMenuItem(
        label, reverse(f"marketplace_reports:{name}"), name=f"marketplace-{name}", icon_name=icon, order=600 + index
    )


class MarketplaceDashboardPanel(Component):
    """Key counts of the marketplace, each (but the first) linking to where to act: six
    count queries, whatever the amount of data."""

    name = "marketplace_counts"
    template_name = "marketplace/admin/dashboard_panel.html"
    order = 105

    def get_context_data(self, parent_context):
        counts = [
            (
                _("Open challenges"),
                ChallengePage.objects.live().filter(ChallengePage.takes_teams_q()).count(),
                None,
            ),
            (
                _("Challenges awaiting review"),
                challenges_awaiting_review().count(),
                reverse("marketplace_reports:awaiting_review"),
            ),
            (
                _("Open challenges without applications after %(days)s days") % {"days": QUIET_DAYS},
                challenges_without_applications().count(),
                reverse("marketplace_reports:without_applications"),
            ),
            (
                _("Running projects"),
                Project.objects.filter(status__in=RUNNING_PROJECT_STATUSES).count(),
                reverse("project_admin:index") + "?running=true",
            ),
            (
                _("Teams without a supervisor"),
                teams_without_supervisor().count(),
                reverse("marketplace_reports:teams_without_supervisor"),
            ),
            (
                _("Projects with overdue milestones"),
                projects_with_overdue_milestones().count(),
                reverse("marketplace_reports:overdue_milestones"),
            ),
        ]
        return {"counts": [{"label": label, "count": count, "url": url} for label, count, url in counts]}


def dashboard_panel_for(request) -> MarketplaceDashboardPanel | None:
    return MarketplaceDashboardPanel() if is_marketplace_reader(request.user) else None

