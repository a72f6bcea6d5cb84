import pytest
from wagtail.models import ModelLogEntry

from accounts.choices import LecturerStatus
from accounts.services import AccountsError, lecturer_approve, lecturer_reject
from tests.factories import GroupFactory, LecturerApprovalFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_editor_approves_a_candidate_and_it_is_logged(editor):
    approval = LecturerApprovalFactory()
    approval = lecturer_approve(approval=approval, actor=editor)
    assert approval.status == LecturerStatus.APPROVED
    assert approval.decided_by == editor
    assert approval.decided_at is not None
    entry = ModelLogEntry.objects.get(action="accounts.lecturer.approved")
    assert entry.user == editor
    assert entry.object_id == str(approval.pk)


def test_editor_rejects_a_candidate(editor):
    approval = lecturer_reject(approval=LecturerApprovalFactory(), actor=editor)
    assert approval.status == LecturerStatus.REJECTED
    assert ModelLogEntry.objects.filter(action="accounts.lecturer.rejected").count() == 1


def test_approving_twice_is_refused(editor):
    approval = lecturer_approve(approval=LecturerApprovalFactory(), actor=editor)
    with pytest.raises(AccountsError):
        lecturer_approve(approval=approval, actor=editor)


@pytest.mark.parametrize("group_name", [None, "Knowledge brokers"])
def test_others_cannot_approve(group_name):
    actor = UserFactory()
    if group_name:
        actor.groups.add(GroupFactory(name=group_name))
    approval = LecturerApprovalFactory()
    with pytest.raises(AccountsError):
        lecturer_approve(approval=approval, actor=actor)
    approval.refresh_from_db()
    assert approval.status == LecturerStatus.PENDING
    assert not ModelLogEntry.objects.filter(action="accounts.lecturer.approved").exists()


def test_candidate_cannot_approve_themselves():
    approval = LecturerApprovalFactory()
    with pytest.raises(AccountsError):
        lecturer_approve(approval=approval, actor=approval.user)


def test_editor_approves_in_the_wagtail_admin(client, editor):
    approval = LecturerApprovalFactory()
    client.force_login(editor)
    response = client.post(f"/admin/lecturer_approvals/edit/{approval.pk}/", {"status": LecturerStatus.APPROVED})
    assert response.status_code == 302
    approval.refresh_from_db()
    assert approval.status == LecturerStatus.APPROVED
    assert approval.decided_by == editor


def test_lecturer_approvals_screen_is_for_editors_and_brokers_only(client, editor):
    LecturerApprovalFactory(user__display_name="Karin Jansen")
    broker = UserFactory(mfa=True)
    broker.groups.add(GroupFactory(name="Knowledge brokers"))
    for user, expected in [(editor, 200), (broker, 200), (UserFactory(), 302)]:
        client.force_login(user)
        response = client.get("/admin/lecturer_approvals/")
        assert response.status_code == expected
        if expected == 200:
            assert "Karin Jansen" in response.content.decode()
        client.logout()


def test_broker_cannot_decide_in_the_admin(client):
    broker = UserFactory(mfa=True)
    broker.groups.add(GroupFactory(name="Knowledge brokers"))
    approval = LecturerApprovalFactory()
    client.force_login(broker)
    response = client.post(f"/admin/lecturer_approvals/edit/{approval.pk}/", {"status": LecturerStatus.APPROVED})
    assert response.status_code in (302, 403)
    approval.refresh_from_db()
    assert approval.status == LecturerStatus.PENDING


def test_the_admin_form_offers_only_the_two_decisions(client, editor):
    approval = LecturerApprovalFactory()
    client.force_login(editor)
    html = client.get(f"/admin/lecturer_approvals/edit/{approval.pk}/").content.decode()
    assert 'value="approved"' in html and 'value="rejected"' in html
    assert 'value="pending"' not in html
    response = client.post(f"/admin/lecturer_approvals/edit/{approval.pk}/", {"status": LecturerStatus.PENDING})
    assert response.status_code == 200  # the form shows an error; nothing changes
    approval.refresh_from_db()
    assert approval.status == LecturerStatus.PENDING and approval.decided_by is None
