"""A team's application for a challenge, and the project an accepted application becomes.

Fast-changing state, so plain models beside the challenge page, not in its revisions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.choices import ApplicationStatus
from marketplace.models.challenges import ChallengePage
from marketplace.models.teams import Team

OPEN_STATUSES = (ApplicationStatus.AWAITING_ENDORSEMENT, ApplicationStatus.RETURNED, ApplicationStatus.SUBMITTED)


class Application(models.Model):
    challenge = models.ForeignKey(
        ChallengePage, on_delete=models.CASCADE, related_name="applications", verbose_name=_("challenge")
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="applications", verbose_name=_("team"))
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    motivation = models.TextField(_("motivation"), max_length=4000)
    approach = models.TextField(_("approach"), max_length=4000)
    period_start = models.DateField(_("we can start on"))
    period_end = models.DateField(_("we finish by"))
    course_name = models.CharField(_("course"), max_length=200, blank=True)
    course_code = models.CharField(_("course code"), max_length=50, blank=True)
    ects = models.DecimalField(_("ECTS"), max_digits=4, decimal_places=1, null=True, blank=True)
    # The supervisor when the team applied; None means the owner sees "no supervisor yet".
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_applications",
        verbose_name=_("supervisor"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("sent by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    endorsement_note = models.TextField(_("note from the supervisor"), max_length=2000, blank=True)
    endorsed_at = models.DateTimeField(_("endorsed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("sent to the owner at"), null=True, blank=True)
    decision_message = models.TextField(_("message from the owner"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            # One application per team per challenge; after withdrawing, a team may apply again.
            models.UniqueConstraint(
                fields=["team", "challenge"],
                condition=~models.Q(status=ApplicationStatus.WITHDRAWN),
                name="application_one_per_team_and_challenge",
                violation_error_message=_("Your team has already applied to this challenge."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="application_period_in_order",
                violation_error_message=_("The period must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(ects__isnull=True) | models.Q(ects__gt=0),
                name="application_ects_positive",
                violation_error_message=_("ECTS must be more than 0."),
            ),
        ]

    def __str__(self):
        return f"{self.team} → {self.challenge}"

    def get_absolute_url(self):
        return reverse("applications:detail", args=[self.pk])

    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def can_withdraw(self) -> bool:
        """Until the owner decides."""
        return self.status in OPEN_STATUSES

    def can_endorse(self) -> bool:
        return self.status == ApplicationStatus.AWAITING_ENDORSEMENT

    def can_resubmit(self) -> bool:
        return self.status == ApplicationStatus.RETURNED

    def can_decide(self) -> bool:
        return self.status == ApplicationStatus.SUBMITTED
