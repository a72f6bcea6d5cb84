from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.heartbeats import beat
from marketplace.services.projects import milestone_reminders_send


class Command(BaseCommand):
    help = (
        "Remind each project's team and supervisor of the milestones due within the next few days, once per due "
        "date, in their own language. Run it once a day (cron); a second run the same day sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=3, help="Remind of milestones due today or within this many days (default 3)."
        )

    def handle(self, *args, **options):
        days = options["days"]
        if days < 0:
            raise CommandError("--days cannot be negative.")
        sent = milestone_reminders_send(today=timezone.localdate(), days=days)
        beat("send_milestone_reminders")  # the readiness check warns when this gets old
        self.stdout.write(f"Sent reminders for {sent} {'milestone' if sent == 1 else 'milestones'}.")
