"""Roles follow from facts: verified addresses under an institution's domains, lecturer
approval and Wagtail groups."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware

from accounts.adapter import AccountAdapter
from accounts.choices import LecturerStatus
from accounts.domains import domain_matches, looks_like
from accounts.models import Institution, LecturerApproval, User
from accounts.selectors import institution_lookalike, user_roles
from accounts.services import lecturer_candidacy_sync
from tests.factories import EmailAddressFactory, GroupFactory, InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("domain", "institution_domain", "expected"),
    [
        ("umail.leidenuniv.nl", "umail.leidenuniv.nl", True),
        ("UMail.LeidenUniv.NL", "umail.leidenuniv.nl", True),
        ("umail.leidenuniv.nl.", "umail.leidenuniv.nl", True),
        ("fsw.umail.leidenuniv.nl", "umail.leidenuniv.nl", True),
        ("umail.leidenuniv.nl.example.com", "umail.leidenuniv.nl", False),
        ("evilumail.leidenuniv.nl", "umail.leidenuniv.nl", False),
        ("leidenuniv.nl", "umail.leidenuniv.nl", False),
        ("", "umail.leidenuniv.nl", False),
    ],
)
def test_domain_matches_whole_labels_only(domain, institution_domain, expected):
    assert domain_matches(domain, institution_domain) is expected


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ("umail.leidenunlv.nl", True),  # a typo
        ("umail.leidenuniv.nl.co", True),  # the real domain with something stuck on
        ("umail-leidenuniv.nl", True),
        ("umail.leidenuniv.nl", False),  # the real thing
        ("sub.umail.leidenuniv.nl", False),
        ("gmail.com", False),
    ],
)
def test_look_alike_domains_are_recognised(domain, expected):
    assert looks_like(domain, "umail.leidenuniv.nl") is expected


@pytest.fixture
def school():
    return InstitutionFactory(
        name="Testuniversiteit",
        name_en="Test University",
        short_name="UL-test",
        student_domains="umail.test-leiden.nl",
        staff_domains="test-leiden.nl",
    )


def test_verified_student_address_makes_a_student(school):
    user = UserFactory(email="sanne@umail.test-leiden.nl")
    assert user_roles(user).student_of == [school]
    assert user_roles(user).is_student


def test_student_domain_matches_subdomains_and_letter_case(school):
    user = UserFactory(email="Sanne@FSW.UMail.Test-Leiden.NL")
    assert user_roles(user).student_of == [school]


def test_unverified_student_address_gives_no_role(school):
    user = UserFactory(email="sanne@umail.test-leiden.nl", verified=False)
    roles = user_roles(user)
    assert not roles.is_student
    assert roles.student_of == []


def test_look_alike_address_gives_no_role(school):
    user = UserFactory(email="sanne@umail.test-leiden.nl.example.com")
    assert not user_roles(user).is_student


def test_a_second_verified_address_adds_the_role(school):
    user = UserFactory(email="sanne@example.org")
    assert not user_roles(user).is_student
    EmailAddressFactory(user=user, email="s.jansen@umail.test-leiden.nl", verified=True)
    user = type(user).objects.get(pk=user.pk)  # roles are computed once per user object
    assert user_roles(user).student_of == [school]


def test_a_second_unverified_address_adds_nothing(school):
    user = UserFactory(email="sanne@example.org")
    EmailAddressFactory(user=user, email="s.jansen@umail.test-leiden.nl", verified=False)
    assert not user_roles(user).is_student


def test_student_of_two_institutions(school):
    other = InstitutionFactory(student_domains="student.other-school.nl", staff_domains="other-school.nl")
    user = UserFactory(email="sanne@umail.test-leiden.nl")
    EmailAddressFactory(user=user, email="sanne@student.other-school.nl")
    assert {i.pk for i in user_roles(user).student_of} == {school.pk, other.pk}


def test_staff_address_makes_a_candidate_not_a_lecturer(school):
    user = UserFactory(email="k.jansen@test-leiden.nl")
    lecturer_candidacy_sync(user=user)
    roles = user_roles(user)
    assert roles.lecturer_candidate_of == [school]
    assert not roles.is_lecturer
    assert not roles.is_student


def test_unverified_staff_address_makes_no_candidate(school):
    user = UserFactory(email="k.jansen@test-leiden.nl", verified=False)
    assert lecturer_candidacy_sync(user=user) == []
    assert user_roles(user).lecturer_candidate_of == []


def test_approved_lecturer_with_verified_staff_address(school):
    user = UserFactory(email="k.jansen@test-leiden.nl")
    (approval,) = lecturer_candidacy_sync(user=user)
    approval.status = LecturerStatus.APPROVED
    approval.save()
    assert user_roles(type(user).objects.get(pk=user.pk)).lecturer_of == [school]


def test_approved_lecturer_who_lost_the_staff_address_is_no_lecturer(school):
    user = UserFactory(email="k.jansen@test-leiden.nl")
    (approval,) = lecturer_candidacy_sync(user=user)
    approval.status = LecturerStatus.APPROVED
    approval.save()
    user.emailaddress_set.update(verified=False)
    assert user_roles(type(user).objects.get(pk=user.pk)).lecturer_of == []


def test_candidacy_sync_is_idempotent(school):
    user = UserFactory(email="k.jansen@test-leiden.nl")
    assert len(lecturer_candidacy_sync(user=user)) == 1
    assert lecturer_candidacy_sync(user=user) == []
    assert user.lecturer_approvals.count() == 1


def test_student_and_lecturer_candidate_at_once(school):
    user = UserFactory(email="k.jansen@test-leiden.nl")
    EmailAddressFactory(user=user, email="kees@umail.test-leiden.nl")
    lecturer_candidacy_sync(user=user)
    roles = user_roles(user)
    assert roles.is_student
    assert roles.lecturer_candidate_of == [school]


def test_groups_make_editors_and_brokers():
    editor = UserFactory()
    editor.groups.add(GroupFactory(name="Editors"))
    broker = UserFactory()
    broker.groups.add(GroupFactory(name="Knowledge brokers"))
    assert user_roles(editor).is_editor and not user_roles(editor).is_broker
    assert user_roles(broker).is_broker and not user_roles(broker).is_editor


def test_anonymous_has_no_roles():
    roles = user_roles(AnonymousUser())
    assert not roles.is_student and not roles.is_lecturer and not roles.is_editor


def test_institutions_exist_after_migrations():
    names = set(Institution.objects.values_list("short_name", flat=True))
    assert {"UL", "HSL", "mboRijnland"} <= names


def test_confirming_a_staff_address_through_allauth_makes_a_candidate(rf, institutions):
    user = UserFactory(email="karin@example.org")
    address = EmailAddressFactory(user=user, email="k.jansen@hsleiden.nl", verified=False)
    request = rf.post("/accounts/confirm-email/key/")
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    request.user = user
    AccountAdapter(request).confirm_email(request, address)
    assert [a.institution.short_name for a in user.lecturer_approvals.all()] == ["HSL"]
    assert user.lecturer_approvals.get().status == LecturerStatus.PENDING


@pytest.mark.parametrize(
    "domain",
    [
        "umail.leidenuniv.nl", "leidenuniv.nl", "lumc.nl", "student.hsleiden.nl", "hsleiden.nl",
        "student.mborijnland.nl", "mborijnland.nl",  # every institution's own domains
        "leiden.nl", "amc.nl", "gmail.com", "ziggo.nl", "naturalis.nl",  # neighbours and common providers
    ],
)
def test_real_domains_are_never_taken_for_look_alikes(institutions, domain):
    assert institution_lookalike(domain) is None


def test_a_mistyped_institution_domain_is_named(institutions):
    institution, own = institution_lookalike("student.hsleidem.nl")
    assert (institution.short_name, own) == ("HSL", "student.hsleiden.nl")


def test_a_student_address_under_a_staff_domain_makes_no_lecturer_candidate(institutions):
    """umail.leidenuniv.nl lies under the staff domain leidenuniv.nl; the student domain decides."""
    student = UserFactory(email="s1234567@umail.leidenuniv.nl")
    assert lecturer_candidacy_sync(user=student) == []
    roles = user_roles(student)
    assert [i.short_name for i in roles.student_of] == ["UL"]
    assert roles.lecturer_candidate_of == [] and not LecturerApproval.objects.filter(user=student).exists()
    staff = UserFactory(email="j.smit@leidenuniv.nl")
    assert [a.institution.short_name for a in lecturer_candidacy_sync(user=staff)] == ["UL"]


def test_a_change_to_an_institutions_domains_counts_at_once(institutions):
    """The institutions are kept between requests (accounts.selectors.all_institutions); an
    editor's change to one must not wait for that to expire."""
    student = UserFactory(email="kim@student.example-hogeschool.nl")
    assert user_roles(student).student_of == []
    hsl = institutions["HSL"]
    hsl.student_domains = f"{hsl.student_domains}\nstudent.example-hogeschool.nl"
    hsl.save()
    next_request = User.objects.get(pk=student.pk)  # roles are kept on the user object of one request
    assert [institution.short_name for institution in user_roles(next_request).student_of] == ["HSL"]
