from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.choices import LecturerStatus
from accounts.models import LecturerApproval
from marketplace.forms.challenges import CONTACT_PATTERN
from marketplace.models import ChallengePage, Team, TeamMembership


class LecturerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Two lecturers may share a name; their institution tells them apart.
        return f"{obj.display_name} ({obj.institution_name})" if obj.institution_name else obj.display_name


class IntroductionForm(forms.Form):
    """A challenge, and a team or a lecturer to bring together with its owners."""

    challenge = forms.ModelChoiceField(
        label=_("Challenge"),
        queryset=ChallengePage.objects.none(),
        empty_label=_("Choose a challenge"),
        help_text=_("Open challenges on the site."),
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("No team")
    )
    lecturer = LecturerChoiceField(
        label=_("Lecturer"), queryset=get_user_model().objects.none(), required=False, empty_label=_("No lecturer")
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Why should they meet? Both sides read it. Leave out e-mail addresses and phone numbers: they find "
            "each other through the site."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = (
            ChallengePage.objects.live().filter(ChallengePage.takes_teams_q()).order_by("title", "pk")
        )
        self.fields["team"].queryset = Team.objects.filter(
            Exists(TeamMembership.objects.filter(team_id=OuterRef("pk")))
        ).order_by("name", "pk")
        approved = LecturerApproval.objects.filter(user_id=OuterRef("pk"), status=LecturerStatus.APPROVED)
        self.fields["lecturer"].queryset = (
            get_user_model().objects.filter(Exists(approved))
            .annotate(institution_name=Subquery(approved.order_by("pk").values("institution__short_name")[:1]))
            .order_by("display_name", "pk")
        )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if CONTACT_PATTERN.search(message):
            raise forms.ValidationError(
                _("Leave out e-mail addresses and phone numbers: people find each other through the site."),
                code="contact_in_message",
            )
        return message

    def clean(self):
        data = super().clean()
        if data.get("team") is not None and data.get("lecturer") is not None:
            raise forms.ValidationError(_("Choose a team or a lecturer, not both."), code="both")
        if "team" in data and "lecturer" in data and data["team"] is None and data["lecturer"] is None:
            raise forms.ValidationError(_("Choose the team or the lecturer to introduce."), code="neither")
        return data

