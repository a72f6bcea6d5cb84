from django.core.management.base import BaseCommand

from accounts.notifications.emails import notification_digests_send
from core.heartbeats import beat


class Command(BaseCommand):
    help = (
        "E-mail everyone who chose a daily summary the notifications they have not read or been e-mailed yet, "
        "in their own language. Run it once a day (cron); a second run sends nothing new."
    )

    def handle(self, *args, **options):
        sent = notification_digests_send()
        beat("send_notification_digests")  # the readiness check warns when this gets old
        self.stdout.write(f"Sent {sent} {'summary' if sent == 1 else 'summaries'} by e-mail.")
