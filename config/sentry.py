"""Error reporting to Sentry (or a compatible service such as GlitchTip), only when the operator
set ``SENTRY_DSN``. Without it the SDK is never imported: nothing is sent anywhere."""

from core.logs import current_request_id


def sentry_init(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    if not dsn:
        return
    import sentry_sdk  # noqa: PLC0415 — optional at run time: imported only when a DSN is set

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        # No personal data: no user ids or e-mail addresses, no cookies, no request bodies.
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=tag_request_id,
    )


def tag_request_id(event: dict, hint: dict) -> dict:
    """The request id on the event, so the report leads to the request's log lines."""
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event
