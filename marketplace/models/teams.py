"""Student teams, how students join them, and the lecturer who supervises them."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Moderated
from marketplace.choices import ContentLanguage, SupervisionStatus, TeamRole
from marketplace.models.invitations import InvitationBase
from marketplace.models.places import Theme


class Team(Moderated, models.Model):
    """Students who work together, possibly from several institutions. A student can be in
    several teams."""

    name = models.CharField(_("team name"), max_length=100)
    description = models.CharField(_("short description"), max_length=300, blank=True)
    skills = models.TextField(
        _("what the team can do"),
        max_length=1000,
        blank=True,
        help_text=_("Methods, subjects and skills, for example “interviews, data analysis, design”."),
    )
    language = models.CharField(
        _("written in"),
        max_length=2,
        choices=ContentLanguage.choices,
        default=ContentLanguage.DUTCH,
        help_text=_("The language of the description and of what the team can do."),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="teams", verbose_name=_("themes the team wants to work on")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("teams:detail", args=[self.pk])


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships", verbose_name=_("student")
    )
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="team_membership_unique")]

    def __str__(self):
        return f"{self.user} – {self.team}"

    @property
    def is_lead(self) -> bool:
        return self.role == TeamRole.LEAD

    @property
    def display_name(self) -> str:
        return self.user.display_name


class TeamInvitation(InvitationBase):
    """A way into a team: a link a lead shares (used by several students until it expires or is
    withdrawn), or an e-mail to one address (used once)."""

    VALID_FOR = timedelta(days=7)

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("team"))
    email = models.EmailField(_("e-mail address"), blank=True, help_text=_("Empty for a link to share."))
    # A link is shown to the team's leads for as long as it works, so its secret is kept; an
    # e-mail invitation's secret exists only in the e-mail.
    link_token = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )

    class Meta(InvitationBase.Meta):
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")

    def __str__(self):
        return f"{self.email or _('link')} – {self.team}"

    @property
    def is_link(self) -> bool:
        return not self.email

    def is_usable(self, now) -> bool:
        """A link works until it expires or is withdrawn; an e-mail invitation works once."""
        if self.revoked_at is not None or now >= self.expires_at:
            return False
        return self.is_link or self.accepted_at is None


class Supervision(models.Model):
    """A team's request to a lecturer, and the supervision that follows when they accept."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="supervisions", verbose_name=_("team"))
    lecturer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisions", verbose_name=_("lecturer")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SupervisionStatus.choices, default=SupervisionStatus.REQUESTED
    )
    message = models.TextField(_("message from the team"), max_length=2000, blank=True)
    answer = models.TextField(_("answer from the lecturer"), max_length=2000, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("asked by")
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["team"],
                condition=models.Q(status=SupervisionStatus.ACCEPTED),
                name="supervision_one_supervisor_per_team",
                violation_error_message=_("A team has one supervisor at a time."),
            ),
            models.UniqueConstraint(
                fields=["team", "lecturer"],
                condition=models.Q(status=SupervisionStatus.REQUESTED),
                name="supervision_one_open_request_per_lecturer",
                violation_error_message=_("This lecturer has already been asked."),
            ),
        ]

    def __str__(self):
        return f"{self.lecturer} – {self.team} ({self.get_status_display()})"

    def can_answer(self) -> bool:
        return self.status == SupervisionStatus.REQUESTED

    def can_withdraw(self) -> bool:
        return self.status == SupervisionStatus.REQUESTED

    def can_end(self) -> bool:
        return self.status == SupervisionStatus.ACCEPTED
