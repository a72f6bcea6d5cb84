from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.selectors import has_mfa
from demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    published_credentials,
    random_credentials,
    seed_accounts,
)
from demo.marketplace import seed_applications, seed_challenges, seed_marketplace, seed_review_examples, seed_teams
from demo.projects import seed_projects
from demo.site import seed_home_page, seed_site_pages, seed_site_settings
from demo.stories import seed_stories, seed_story_index


class Command(BaseCommand):
    help = "Load the Leiden demo data: institutions, districts, themes, pages and one account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo data under production settings too (a demo or acceptance site). The accounts "
            "then get random passwords and authenticator keys, shown once, instead of the published ones.",
        )

    def handle(self, *args, allow_production: bool = False, **options):
        if settings.PRODUCTION and not allow_production:
            raise CommandError(
                "These are production settings: the demo data would put invented people, challenges and a "
                "site administrator on a real site. For a demo or acceptance site, add --allow-production; "
                "the accounts then get random passwords."
            )
        credentials = random_credentials if settings.PRODUCTION else published_credentials
        users, given = seed_accounts(credentials=credentials)
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
        if settings.PRODUCTION:
            self.report_random(users, given)
        else:
            self.report_published(users)

    def report_published(self, users):
        self.stdout.write(self.style.SUCCESS(f"Demo data is ready. Demo logins (password: {DEMO_PASSWORD}):"))
        for account in DEMO_ACCOUNTS:
            step = "  (two-step login)" if has_mfa(users[account.key]) else ""
            self.stdout.write(f"  {account.role:<32} {account.email}{step}")
        self.stdout.write(
            "Two-step login: add the key below to an authenticator app on your phone (\"enter a setup key\",\n"
            "time-based) and type the code it shows after the password. Demo only; never use this key elsewhere.\n"
            f"  {DEMO_TOTP_SECRET}"
        )

    def report_random(self, users, given):
        self.stdout.write(self.style.SUCCESS(
            "Demo data is ready. Each new account has its own password (and authenticator key for two-step\n"
            "login), shown here once and stored nowhere else: keep them in a password manager."
        ))
        for account in DEMO_ACCOUNTS:
            if account.key not in given:
                self.stdout.write(f"  {account.role:<32} {account.email}  (existed already; unchanged)")
                continue
            credentials = given[account.key]
            line = f"  {account.role:<32} {account.email}  password: {credentials.password}"
            if credentials.totp_secret:
                line += f"  authenticator key: {credentials.totp_secret}"
            self.stdout.write(line)
