"""Every scheduled job records its last success, and the deployment kit runs each one from a timer."""

import configparser
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from core.heartbeats import last_beats

pytestmark = pytest.mark.django_db

SYSTEMD = Path(settings.BASE_DIR) / "deploy" / "systemd"


def unit(name):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(SYSTEMD / name)
    return parser


@pytest.mark.parametrize("job", sorted(settings.SCHEDULED_JOBS))
def test_a_scheduled_job_beats_its_heartbeat_after_a_successful_run(job):
    call_command(job, stdout=StringIO())

    assert list(last_beats()) == [job]


def test_a_dry_run_of_the_purge_is_not_a_run():
    call_command("purge_expired_data", "--dry-run", stdout=StringIO())

    assert last_beats() == {}


@pytest.mark.parametrize("job", sorted(settings.SCHEDULED_JOBS))
def test_each_scheduled_job_has_a_persistent_timer_and_a_service_that_runs_it(job):
    name = "lerenmetdestad-" + job.replace("_", "-")
    timer = unit(name + ".timer")
    service = unit(name + ".service")

    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["OnCalendar"].startswith("*-*-* ")  # daily, as SCHEDULED_JOBS expects
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"].split()[2] == job
    assert service["Service"]["EnvironmentFile"] == unit("lerenmetdestad-web.service")["Service"]["EnvironmentFile"]


def test_every_timer_in_the_kit_runs_a_job_the_readiness_check_knows():
    timers = {path.stem.removeprefix("lerenmetdestad-").replace("-", "_") for path in SYSTEMD.glob("*.timer")}

    assert timers == set(settings.SCHEDULED_JOBS)
