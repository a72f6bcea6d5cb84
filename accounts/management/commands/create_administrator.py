import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.services import AccountsError, administrator_create

PASSWORD_VARIABLE = "ADMINISTRATOR_PASSWORD"  # noqa: S105 (the name of a variable, not a password)


class Command(BaseCommand):
    help = (
        "Create an administrator (superuser) whose e-mail address counts as verified, so they can log in "
        "before the server can send e-mail. Asks for the password, or with --no-input reads it from "
        f"the {PASSWORD_VARIABLE} environment variable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--display-name", required=True)
        parser.add_argument("--no-input", action="store_true", help=f"Take the password from {PASSWORD_VARIABLE}.")

    def handle(self, *args, **options):
        password = self._password(no_input=options["no_input"])
        try:
            user = administrator_create(
                email=options["email"], display_name=options["display_name"], password=password
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except AccountsError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Administrator {user.email} created. Log in at /accounts/login/; the admin at /admin/ "
            "first asks to set up two-step login."
        )

    def _password(self, *, no_input: bool) -> str:
        if no_input:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"Set {PASSWORD_VARIABLE} in the environment, or leave out --no-input.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        return password
