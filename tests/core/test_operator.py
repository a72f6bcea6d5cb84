"""The operator's view: who counts as the operator, and the metrics only they see."""

import pytest
from django.test import RequestFactory

from core.operator import is_operator

pytestmark = pytest.mark.django_db

TOKEN = "a-long-random-operator-token"  # noqa: S105


def _asks(header: str | None):
    headers = {"Authorization": header} if header is not None else {}
    return RequestFactory().get("/metrics", headers=headers)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (f"Bearer {TOKEN}", True),
        (f"bearer {TOKEN}", True),
        (f"Bearer {TOKEN}x", False),
        (f"Basic {TOKEN}", False),
        (TOKEN, False),
        (None, False),
    ],
)
def test_the_operator_is_whoever_sends_the_token(settings, header, expected):
    settings.OPERATOR_TOKEN = TOKEN
    assert is_operator(_asks(header)) is expected


def test_without_a_token_configured_nobody_is_the_operator(settings):
    settings.OPERATOR_TOKEN = ""
    assert is_operator(_asks("Bearer ")) is False


def test_the_operator_reads_the_metrics(client, settings):
    settings.OPERATOR_TOKEN = TOKEN
    client.get("/healthz")

    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert 'django_http_responses_total_by_status_total{status="200"}' in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_anyone_else_finds_no_metrics(client, settings):
    settings.OPERATOR_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404
