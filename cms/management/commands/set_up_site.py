from django.core.management.base import BaseCommand, CommandError

from cms.services import SiteExistsError, site_set_up


class Command(BaseCommand):
    help = (
        "Give a new installation its first pages: the home page (in place of Wagtail's placeholder), the "
        "challenge index, the story index, the site's host name and a main menu. Editors fill them in from "
        "the admin. Refuses where a home page exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", required=True, help="The site's host name, e.g. lerenmetdestad.nl.")
        parser.add_argument("--port", type=int, default=443, help="443 (the default) behind HTTPS.")

    def handle(self, *args, **options):
        try:
            home = site_set_up(hostname=options["hostname"], port=options["port"])
        except SiteExistsError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"The site {home.get_site().root_url} has its home page, challenge index and story index. Add the "
            "privacy statement, the accessibility statement and a contact page as standard pages under the home "
            "page, and link them in Settings → Footer."
        )
