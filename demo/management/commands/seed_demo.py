from django.core.management.base import BaseCommand

from accounts.selectors import has_mfa
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_accounts
from demo.marketplace import seed_applications, seed_challenges, seed_marketplace, seed_review_examples, seed_teams
from demo.projects import seed_projects
from demo.site import seed_home_page, seed_site_pages, seed_site_settings
from demo.stories import seed_stories, seed_story_index


class Command(BaseCommand):
    help = "Load the Leiden demo data: institutions, districts, themes, pages and one account per role."

    def handle(self, *args, **options):
        users = seed_accounts()
        seed_marketplace(organisation_admin=users["organisation"])
        home = seed_home_page()
        seed_challenges(home=home, resident=users["resident"], organisation_admin=users["organisation"])
        story_index = seed_story_index(home)
        seed_site_settings(seed_site_pages(home), story_index=story_index)
        seed_review_examples(
            resident=users["resident"], organisation_admin=users["organisation"], editor=users["editor"]
        )
        seed_teams(users)
        seed_applications(users)
        seed_projects(users, stdout=self.stdout)
        seed_stories(users, index=story_index, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data is ready. Demo logins (password: {DEMO_PASSWORD}):"))
        for account in DEMO_ACCOUNTS:
            step = "  (two-step login)" if has_mfa(users[account.key]) else ""
            self.stdout.write(f"  {account.role:<32} {account.email}{step}")
        self.stdout.write(
            "Two-step login: add the key below to an authenticator app on your phone (\"enter a setup key\",\n"
            "time-based) and type the code it shows after the password. Demo only; never use this key elsewhere.\n"
            f"  {DEMO_TOTP_SECRET}"
        )
