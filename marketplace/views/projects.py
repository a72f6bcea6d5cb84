"""A project: what an accepted application became. Its people (the team, its supervisor and the
challenge's owners) see everything, contact details included; editors and knowledge brokers
read the entries marked shareable; nobody else learns it exists."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.mfa import mfa_required
from core.uploads import accepts_uploads, upload_refusal
from core.views import domain_errors, form_errors, get_access_or_404
from marketplace.forms.projects import (
    CommentForm,
    DeliverForm,
    FeedbackForm,
    HoursReviewForm,
    LogEntryForm,
    MilestoneForm,
    ReasonForm,
)
from marketplace.models import LogEntry, Milestone, Project
from marketplace.permissions import (
    can_complete_project,
    can_download_certificate,
    can_edit_log_entry,
    can_see_owner_phone,
    project_access,
)
from marketplace.selectors.messages import unread_message_count
from marketplace.selectors.projects import project_deliverable, project_hours_by_person, project_log
from marketplace.selectors.teams import team_members, team_mix
from marketplace.services.projects import (
    hours_review,
    log_comment_add,
    log_entry_create,
    log_entry_update,
    milestone_add,
    milestone_delete,
    milestone_set_done,
    project_cancel,
    project_complete,
    project_deliver,
    project_feedback,
)


def projects_with_people():
    """The projects as their pages load them: with the challenge and its organisation, which
    ``project_access`` reads, the team, the supervisor and the application. Anyone who may not
    see a project gets 404, as if it did not exist."""
    return Project.objects.select_related(
        "challenge", "challenge__organisation", "team", "supervisor", "application"
    )


def _back(project, anchor: str = ""):
    return redirect(project.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def _members(project):
    return team_members(project.team)


@login_required
def project_detail(request, pk):
    project, access = get_access_or_404(projects_with_people(), project_access, request.user, needs="can_view", pk=pk)
    return _render_detail(request, project, access)


def _render_detail(request, project, access, *, comment_form=None, comment_entry_id=None, milestone_form=None):
    today = timezone.localdate()
    context = {
        "project": project,
        "challenge": project.challenge,
        "access": access,
        "entries": project_log(project, shareable_only=not access.is_insider),
        "comment_form": CommentForm(),
        "failed_comment_form": comment_form,
        "failed_comment_entry_id": comment_entry_id,
        "today": today,
    }
    if access.is_insider:
        milestones = list(project.milestones.all())
        for milestone in milestones:
            milestone.overdue = milestone.is_overdue(today)
            milestone.upcoming = milestone.is_upcoming(today)
        members = _members(project)
        context.update(
            members=members,
            mix=team_mix(members),
            milestones=milestones,
            milestone_form=milestone_form or MilestoneForm(),
            hours=project_hours_by_person(project, members),
            deliverable=project_deliverable(project),
            can_complete=can_complete_project(access, project),
            new_messages=unread_message_count(project=project, user=request.user),
            owner_phone_visible=can_see_owner_phone(
                is_owner=access.is_owner, is_chosen=True, shown_to_team=project.challenge.show_phone_to_team
            ),
            can_download_certificate=access.is_member and can_download_certificate(request.user, project),
        )
    return render(request, "marketplace/project_detail.html", context)


def _member_labels(members, user):
    return [
        (m.user, m.user.display_name + (" (" + _("you") + ")" if m.user_id == user.pk else "")) for m in members
    ]


@login_required
@accepts_uploads(LogEntryForm.upload_limits)
def log_entry_new(request, pk):
    project, access = get_access_or_404(projects_with_people(), project_access, request.user, needs="is_insider", pk=pk)
    if not (access.can_log and project.can_log()):
        raise Http404
    members = _members(project)
    form = LogEntryForm(
        request.POST or None,
        request.FILES or None,
        members=_member_labels(members, request.user),
        initial={"date": timezone.localdate()},
        upload_refusal=upload_refusal(request),
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            entry = log_entry_create(
                project=project,
                actor=request.user,
                date=form.cleaned_data["date"],
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
                hours=form.hours(),
                uploads=form.uploads,
                photo_description=form.cleaned_data["photo_description"],
                shareable=form.cleaned_data["shareable"],
                consent=form.cleaned_data["consent"],
            )
            messages.success(request, _("Your log entry has been added."))
            return _back(project, f"entry-{entry.pk}")
    return render(
        request, "marketplace/log_entry_form.html", {"project": project, "form": form, "entry": None}
    )


@login_required
@accepts_uploads(LogEntryForm.upload_limits)
def log_entry_edit(request, pk):
    entry = get_object_or_404(LogEntry.objects.select_related("project__challenge", "project__team"), pk=pk)
    project, _access = get_access_or_404(
        projects_with_people(), project_access, request.user, needs="is_insider", pk=entry.project_id
    )
    entry.project = project
    if not can_edit_log_entry(request.user, entry):
        raise Http404
    members = _members(project)
    initial = {
        "date": entry.date,
        "text": entry.text,
        "language": entry.language,
        "shareable": entry.shareable,
        "consent": entry.shareable,
        **{f"hours_{row.person_id}": row.hours for row in entry.hours.all()},
    }
    form = LogEntryForm(
        request.POST or None,
        request.FILES or None,
        members=_member_labels(members, request.user),
        entry=entry,
        initial=initial,
        upload_refusal=upload_refusal(request),
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            log_entry_update(
                entry=entry,
                actor=request.user,
                date=form.cleaned_data["date"],
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
                hours=form.hours(),
                uploads=form.uploads,
                photo_description=form.cleaned_data["photo_description"],
                remove=form.cleaned_data.get("remove") or [],
                shareable=form.cleaned_data["shareable"],
                consent=form.cleaned_data["consent"],
            )
            messages.success(request, _("Your log entry has been saved."))
            return _back(project, f"entry-{entry.pk}")
    reviewed = any(row.status != "pending" for row in entry.hours.all())
    return render(
        request,
        "marketplace/log_entry_form.html",
        {"project": project, "form": form, "entry": entry, "reviewed": reviewed}
    )


@login_required
@require_POST
def log_comment_new(request, pk):
    entry = get_object_or_404(LogEntry, pk=pk)
    project, access = get_access_or_404(
        projects_with_people(), project_access, request.user, needs="is_insider", pk=entry.project_id
    )
    form = CommentForm(request.POST)
    if form.is_valid():
        with form_errors(form, "text"):
            log_comment_add(entry=entry, actor=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("Your comment has been posted."))
            return _back(project, f"entry-{entry.pk}")
    return _render_detail(request, project, access, comment_form=form, comment_entry_id=entry.pk)


@login_required
@require_POST
def milestone_new(request, pk):
    project, access = get_access_or_404(projects_with_people(), project_access, request.user, needs="is_insider", pk=pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            milestone_add(project=project, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The milestone has been added."))
            return _back(project, "milestones")
    return _render_detail(request, project, access, milestone_form=form)


@login_required
@require_POST
def milestone_done_view(request, pk):
    milestone = get_object_or_404(Milestone, pk=pk)
    project, _access = get_access_or_404(
        projects_with_people(), project_access, request.user, needs="is_insider", pk=milestone.project_id
    )
    milestone.project = project
    with domain_errors(request):
        milestone_set_done(milestone=milestone, actor=request.user, done=request.POST.get("done") != "0")
    return _back(project, "milestones")


@login_required
@require_POST
def milestone_delete_view(request, pk):
    milestone = get_object_or_404(Milestone, pk=pk)
    project, _access = get_access_or_404(
        projects_with_people(), project_access, request.user, needs="is_insider", pk=milestone.project_id
    )
    milestone.project = project
    with domain_errors(request):
        milestone_delete(milestone=milestone, actor=request.user)
        messages.success(request, _("The milestone has been removed."))
    return _back(project, "milestones")


@login_required
@accepts_uploads(DeliverForm.upload_limits)
def project_deliver_view(request, pk):
    project, access = get_access_or_404(projects_with_people(), project_access, request.user, needs="is_insider", pk=pk)
    if not (access.can_deliver and project.can_deliver()):
        raise Http404
    deliverable = project_deliverable(project)
    form = DeliverForm(
        request.POST or None,
        request.FILES or None,
        has_file=deliverable is not None,
        initial={"summary": project.deliverable_summary, "link": project.deliverable_link},
        upload_refusal=upload_refusal(request),
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            project_deliver(
                project=project,
                actor=request.user,
                summary=form.cleaned_data["summary"],
                link=form.cleaned_data["link"],
                upload=form.upload,
            )
            messages.success(request, _("Your result has been delivered. The challenge owner and your supervisor "
                                        "have been told."))
            return _back(project, "result")
    return render(
        request,
        "marketplace/project_deliver.html",
        {"project": project, "form": form, "deliverable": deliverable}
    )


@login_required
def project_feedback_view(request, pk):
    project, access = get_access_or_404(projects_with_people(), project_access, request.user, needs="is_insider", pk=pk)
    if not (access.can_give_feedback and project.can_give_feedback()):
        raise Http404
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            project_feedback(project=project, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Thank you! The team and its supervisor can read your feedback."))
            return _back(project, "result")
    return render(
        request,
        "marketplace/project_feedback.html",
        {"project": project, "form": form, "deliverable": project_deliverable(project)}
    )


@login_required
@mfa_required
def project_hours(request, pk):
    """The supervisor reviews each student's hours, entry by entry, and signs the project off."""
    project, access = get_access_or_404(projects_with_people(), project_access, request.user, needs="is_insider", pk=pk)
    if not access.can_review_hours:
        raise Http404
    failed = None
    if request.method == "POST":
        form = HoursReviewForm(request.POST)
        if form.is_valid():
            members = {m.user_id: m.user for m in _members(project)}
            person = members.get(form.cleaned_data["person"])
            if person is None:

                person = get_user_model().objects.filter(
                    pk=form.cleaned_data["person"], logged_hours__entry__project=project
                ).first()
            if person is None:
                raise Http404
            approve = form.cleaned_data["decision"] == "approve"
            with form_errors(form):
                hours_review(project=project, actor=request.user, person=person, approve=approve,
                             note=form.cleaned_data["note"])
                if approve:
                    messages.success(request, _("The hours of %(name)s are approved.") % {"name": person.display_name})
                else:
                    messages.success(request, _("%(name)s has been asked to look at their hours again.")
                                     % {"name": person.display_name})
                return redirect(reverse("projects:hours", args=[project.pk]) + f"#person-{person.pk}")
        failed = form
    members = _members(project)
    people = project_hours_by_person(project, members)
    entries = project_log(project)
    for person in people:
        person["rows"] = [
            (entry, row) for entry in entries for row in entry.hours.all() if row.person_id == person["person_id"]
        ]
        bound = failed if failed is not None and str(failed.data.get("person")) == str(person["person_id"]) else None
        person["form"] = bound or HoursReviewForm(initial={"person": person["person_id"]})
    return render(
        request,
        "marketplace/project_hours.html",
        {
            "project": project,
            "people": people,
            "can_complete": can_complete_project(access, project) and project.can_complete(),
        },
    )


@login_required
@require_POST
@mfa_required
def project_complete_view(request, pk):
    project, access = get_access_or_404(projects_with_people(), project_access, request.user, needs="is_insider", pk=pk)
    with domain_errors(request) as outcome:
        project_complete(project=project, actor=request.user)
    if outcome.failed:
        return redirect("projects:hours", pk=project.pk) if access.can_review_hours else _back(project)
    messages.success(request, _("The project is completed. Thank you for supervising it!"))
    return _back(project)


@login_required
def project_cancel_view(request, pk):
    project, access = get_access_or_404(projects_with_people(), project_access, request.user, needs="is_insider", pk=pk)
    if not (access.can_cancel and project.can_cancel()):
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            project_cancel(project=project, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The project has been stopped. Everyone involved has been told."))
            return _back(project)
    return render(
        request, "marketplace/project_cancel.html", {"project": project, "form": form}
    )

