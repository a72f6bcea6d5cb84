from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.choices import LecturerStatus
from accounts.models import LecturerApproval
from marketplace.forms.challenges import CONTACT_PATTERN
from marketplace.models import ChallengePage, Team, TeamMembership


class IntroductionForm(forms.Form):
    """A challenge, and one team or one lecturer to bring together with its owners: a single
    choice, teams and lecturers in groups of their own (``whom``, as "team:12" or
    "lecturer:34"); ``clean`` gives ``team`` and ``lecturer``, one of them None."""

    challenge = forms.ModelChoiceField(
        label=_("Challenge"),
        queryset=ChallengePage.objects.none(),
        empty_label=_("Choose a challenge"),
        help_text=_("Open challenges on the site."),
    )
    whom = forms.ChoiceField(
        label=_("Whom do you introduce?"),
        help_text=_("A team that could take the challenge on, or a lecturer who could supervise one."),
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
        self.teams = {
            team.pk: team
            for team in Team.objects.filter(Exists(TeamMembership.objects.filter(team_id=OuterRef("pk")))).order_by(
                "name", "pk"
            )
        }
        approved = LecturerApproval.objects.filter(user_id=OuterRef("pk"), status=LecturerStatus.APPROVED)
        self.lecturers = {
            lecturer.pk: lecturer
            for lecturer in get_user_model().objects.filter(Exists(approved))
            .annotate(institution_name=Subquery(approved.order_by("pk").values("institution__short_name")[:1]))
            .order_by("display_name", "pk")
        }
        self.fields["whom"].choices = [
            ("", _("Choose a team or a lecturer")),
            (_("Teams"), [(f"team:{pk}", team.name) for pk, team in self.teams.items()]),
            (_("Lecturers"), [(f"lecturer:{pk}", _lecturer_label(person)) for pk, person in self.lecturers.items()]),
        ]

    def clean_whom(self):
        kind, _separator, pk = self.cleaned_data["whom"].partition(":")
        found = {"team": self.teams, "lecturer": self.lecturers}.get(kind, {}).get(int(pk) if pk.isdigit() else 0)
        if found is None:  # the choices are checked already; gone in between
            raise forms.ValidationError(_("Choose the team or the lecturer to introduce."), code="invalid_choice")
        return kind, found

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
        kind, chosen = data.pop("whom", (None, None))
        data["team"] = chosen if kind == "team" else None
        data["lecturer"] = chosen if kind == "lecturer" else None
        return data


def _lecturer_label(lecturer) -> str:
    # Two lecturers may share a name; their institution tells them apart.
    if lecturer.institution_name:
        return f"{lecturer.display_name} ({lecturer.institution_name})"
    return lecturer.display_name
