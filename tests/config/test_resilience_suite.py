"""The fault suite's arithmetic (scripts/resilience.py): what it counts as a failure, how it
measures recovery and when it calls a target missed. Running the suite itself takes minutes and
servers of its own; it is `make resilience`, not part of the tests."""

import json

from scripts.resilience import Outcome, Round, app_errors, report


def a_round(fault: str, outcomes: list[Outcome], fault_start: float = 10.0, fault_end: float = 30.0) -> Round:
    return Round(fault, started=0.0, fault_start=fault_start, fault_end=fault_end, outcomes=outcomes, worker="yes")


def test_a_request_without_an_answer_counts_as_failed_like_a_5xx():
    current = a_round(
        "redis",
        [
            Outcome(1.0, "anonymous", 200, True),
            Outcome(11.0, "anonymous", 500, False),
            Outcome(12.0, "login", None, False),
            Outcome(13.0, "member", 302, False),
        ],
    )

    assert current.count() == (4, 1, 1, 1)


def test_recovery_runs_from_the_end_of_the_fault_to_the_first_success_after_the_last_failure():
    current = a_round(
        "redis",
        [
            Outcome(12.0, "anonymous", 500, False),
            Outcome(31.0, "anonymous", 200, True),
            Outcome(32.5, "anonymous", 502, False),
            Outcome(33.0, "login", 200, True),
            Outcome(34.0, "anonymous", 200, True),
        ],
    )

    assert current.recovery() == 3.0


def test_recovery_is_zero_when_nothing_failed_after_the_fault_ended():
    current = a_round("postgres", [Outcome(12.0, "anonymous", 500, False), Outcome(13.0, "anonymous", 200, True)])

    assert current.recovery() == 0.0


def test_recovery_is_never_when_no_success_follows_the_last_failure():
    current = a_round("postgres", [Outcome(31.0, "anonymous", 200, True), Outcome(40.0, "anonymous", 500, False)])

    assert current.recovery() == float("inf")


def test_one_failed_login_during_the_redis_outage_misses_the_target(capsys):
    outcomes = [Outcome(float(second), "anonymous", 200, True) for second in range(60)]

    assert report([a_round("redis", [*outcomes, Outcome(15.0, "login", 500, False)])]) is False
    assert "MISSED" in capsys.readouterr().out


def test_failures_on_my_page_alone_do_not_miss_the_redis_target():
    outcomes = [Outcome(float(second), "anonymous", 200, True) for second in range(60)]

    assert report([a_round("redis", [*outcomes, Outcome(15.0, "member", 500, False)])]) is True


def test_a_postgres_restart_may_cost_one_percent_of_the_requests_but_not_more():
    successes = [Outcome(0.1 * number, "anonymous", 200, True) for number in range(600)]
    within = [*successes[:594], *[Outcome(10.0, "anonymous", 500, False)] * 6]
    beyond = [*successes[:593], *[Outcome(10.0, "anonymous", 500, False)] * 7]

    assert report([a_round("postgres", within, fault_end=10.0)]) is True
    assert report([a_round("postgres", beyond, fault_end=10.0)]) is False


def test_the_app_log_summary_reads_json_lines_and_skips_information(tmp_path):
    log = tmp_path / "app.log"
    failure = {
        "level": "ERROR",
        "message": "Internal Server Error: /",
        "exc_info": "Traceback (most recent call last):\n  ...\nredis.exceptions.ConnectionError: refused",
    }
    lines = [
        json.dumps({"level": "INFO", "message": "Booting worker"}),
        json.dumps(failure),
        json.dumps(failure),
        "[2026-01-01 10:00:00 +0000] [12] [INFO] Listening",
    ]
    log.write_text("\n".join(lines) + "\n")

    problems, offset = app_errors(log, 0)

    assert problems == ["2× Internal Server Error: / | redis.exceptions.ConnectionError: refused"]
    assert offset == len(log.read_text())
