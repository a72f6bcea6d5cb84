import pytest

from accounts.choices import LecturerStatus
from tests.factories import LecturerApprovalFactory, UserFactory


@pytest.fixture
def sanne(institutions):
    return UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne Bakker")


@pytest.fixture
def daan(institutions):
    return UserFactory(email="daan@student.hsleiden.nl", display_name="Daan Visser")


@pytest.fixture
def lecturer(institutions):
    user = UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen")
    LecturerApprovalFactory(user=user, institution=institutions["HSL"], status=LecturerStatus.APPROVED)
    return user
