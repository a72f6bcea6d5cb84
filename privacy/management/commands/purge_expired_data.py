"""Remove personal data whose retention period is over (settings.PRIVACY_RETENTION_DAYS, named in
the privacy statement). Run it daily; a second run removes nothing new."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.heartbeats import beat
from core.privacy import autodiscover
from privacy.services import data_purge


class Command(BaseCommand):
    help = "Remove personal data past its retention period. --dry-run only counts."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be removed; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        counts = data_purge(now=timezone.now(), dry_run=dry_run)
        if not dry_run:  # only a real run counts for the readiness check
            beat("purge_expired_data")
        labels = {purge.kind: purge.label for purge in autodiscover().purges}
        verb = "would remove" if dry_run else "removed"
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {verb} {count} ({labels[kind]})")
