from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from accounts.choices import DomainKind, Language, LecturerStatus, Level, NotificationEmail, notification_kind_choices
from accounts.domains import domain_matches, parse_domain_list
from accounts.notifications.kinds import notification_html, notification_text
from core.privacy import ERASED_EMAIL_DOMAIN, ERASED_NAME


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class ErasedName(str):
    """The display name of an account its owner deleted: stored as ``ERASED_NAME``, shown as
    "former participant" in the language of whoever reads the page or e-mail (a template turns
    a value into text with ``str()``). Files and JSON get the stored text."""

    def __str__(self):
        return gettext("former participant")


class DisplayNameField(models.CharField):
    """A person's display name; an erased account's reads back as ``ErasedName``."""

    def from_db_value(self, value, expression, connection):
        return ErasedName(value) if value == ERASED_NAME else value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        # Only reading differs, so the migrations keep a plain CharField.
        return name, "django.db.models.CharField", args, kwargs


class User(AbstractUser):
    """A person. Logs in with an e-mail address; roles follow from facts (verified
    addresses, lecturer approval, groups), never from a field chosen in a form."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = DisplayNameField(
        _("display name"), max_length=100, help_text=_("The name others see, for example “Sanne de Vries”.")
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    programme = models.CharField(_("programme"), max_length=150, blank=True)
    study_year = models.PositiveSmallIntegerField(_("study year"), null=True, blank=True)
    skills = models.TextField(_("skills and interests"), blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(study_year__isnull=True) | models.Q(study_year__gte=1, study_year__lte=8),
                name="user_study_year_range",
            )
        ]

    def __str__(self):
        return str(self.display_name) or self.email

    @property
    def is_erased(self) -> bool:
        """The person deleted their account: what remains holds nothing about them."""
        return self.email.endswith(f"@{ERASED_EMAIL_DOMAIN}")

    def get_full_name(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email

    @property
    def first_name_only(self) -> str:
        """The first word of the display name: all a public page or feed may show of a person
        (PRODUCT.md: a resident's full name never goes public)."""
        words = self.display_name.split()
        return words[0] if words else ""


class Institution(models.Model):
    """An educational institution of the partnership. Data, never hard-coded: the e-mail
    domains decide who counts as its student or staff."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    short_name = models.CharField(_("short name"), max_length=30, unique=True)
    level = models.CharField(_("level"), max_length=3, choices=Level.choices)
    student_domains = models.TextField(
        _("student e-mail domains"),
        blank=True,
        help_text=_("One domain per line, e.g. umail.leidenuniv.nl. Subdomains count as well."),
    )
    staff_domains = models.TextField(
        _("staff e-mail domains"),
        blank=True,
        help_text=_("One domain per line, e.g. leidenuniv.nl. Subdomains count as well."),
    )
    website = models.URLField(_("website"), blank=True)
    schac_home_organization = models.CharField(
        _("SURFconext organisation"),
        max_length=100,
        blank=True,
        help_text=_(
            "The domain SURFconext names the institution by (schac_home_organization), e.g. leidenuniv.nl. "
            "Whoever logs in with their institution is matched to it by this domain."
        ),
    )
    trusted_for_lecturers = models.BooleanField(
        _("trusted for lecturers"),
        default=False,
        help_text=_(
            "Staff who log in with this institution (it says they are employee or faculty) act as lecturers "
            "right away. Without it an editor approves each of them first."
        ),
    )

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["schac_home_organization"],
                condition=~models.Q(schac_home_organization=""),
                name="institution_unique_schac_home_organization",
            )
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.schac_home_organization = self.schac_home_organization.strip().lower()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    def domains(self, kind: str) -> list[str]:
        return parse_domain_list(self.student_domains if kind == DomainKind.STUDENT else self.staff_domains)

    def matches(self, domain: str, kind: str) -> bool:
        if kind == DomainKind.STAFF and any(domain_matches(domain, own) for own in self.domains(DomainKind.STUDENT)):
            # A student domain may lie under a staff domain (umail.leidenuniv.nl under
            # leidenuniv.nl); the more specific one decides.
            return False
        return any(domain_matches(domain, own) for own in self.domains(kind))

    def matches_any(self, domains: list[str], kind: str) -> bool:
        return any(self.matches(domain, kind) for domain in domains)

    def clean(self):
        # Before the unique check, so that "LeidenUniv.nl" meets "leidenuniv.nl" there.
        self.schac_home_organization = self.schac_home_organization.strip().lower()
        student, staff = set(self.domains(DomainKind.STUDENT)), set(self.domains(DomainKind.STAFF))
        overlap = student & staff
        if overlap:
            raise ValidationError(
                _("A domain cannot be both a student and a staff domain: %(domains)s"),
                params={"domains": ", ".join(sorted(overlap))},
            )


class InstitutionAffiliation(models.Model):
    """What a person's institution said about them when they last logged in through it
    (SURFconext): that they study or work there. A role follows from it as from a verified
    address of the institution. Replaced at every such login, and gone with the connection."""

    account = models.ForeignKey(
        "socialaccount.SocialAccount",
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("institution login"),
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("institution")
    )
    kind = models.CharField(_("as"), max_length=10, choices=DomainKind.choices)
    asserted_at = models.DateTimeField(_("last said at"), auto_now=True)

    class Meta:
        verbose_name = _("affiliation through institution login")
        verbose_name_plural = _("affiliations through institution login")
        ordering = ["institution__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "institution", "kind"], name="institution_affiliation_unique"
            )
        ]

    def __str__(self):
        return f"{self.institution} – {self.get_kind_display()}"

    @property
    def description(self) -> str:
        """What it says, as a person reads it: "Student bij Universiteit Leiden"."""
        names = {"institution": self.institution.display_name}
        if self.kind == DomainKind.STUDENT:
            return gettext("Student at %(institution)s") % names
        return gettext("Works at %(institution)s") % names


class LecturerApproval(models.Model):
    """A person with a verified staff address asks to act as lecturer; an editor decides."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lecturer_approvals", verbose_name=_("user")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="lecturer_approvals", verbose_name=_("institution")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LecturerStatus.choices, default=LecturerStatus.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("lecturer approval")
        verbose_name_plural = _("lecturer approvals")
        ordering = ["status", "-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "institution"], name="lecturer_approval_unique_user_institution")
        ]

    def __str__(self):
        return f"{self.user} – {self.institution}"

    def can_approve(self) -> bool:
        return self.status != LecturerStatus.APPROVED

    def can_reject(self) -> bool:
        return self.status != LecturerStatus.REJECTED


class Notification(models.Model):
    """Something that happened which concerns one person, shown in the site and e-mailed.

    Only plain strings are kept (``params``): the text is put together when it is shown, in the
    reader's language, from the kind's format string in ``accounts.notifications.kinds``."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=40, choices=notification_kind_choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    params = models.JSONField(_("details"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_newest"),
        ]

    def __str__(self):
        return self.text

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def text(self) -> str:
        """The sentence in the active language. Uses ``actor``: select it with the notification."""
        return notification_text(self)

    @property
    def html(self):
        """The sentence for a page, with text in another language marked ``lang``."""
        return notification_html(self)


class NotificationPreference(models.Model):
    """How one person wants to be e-mailed about one kind of notification. No row: right away."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=notification_kind_choices)
    email = models.CharField(_("e-mail"), max_length=20, choices=NotificationEmail.choices)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique_user_kind"),
            models.CheckConstraint(
                condition=models.Q(email__in=NotificationEmail.values), name="notification_preference_email_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.kind}: {self.email}"
