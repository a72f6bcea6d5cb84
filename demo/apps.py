from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Leiden demo data for a newcomer's first run: loaded by ``manage.py seed_demo`` through the
    same services the site uses. Not product code; nothing else imports it."""

    name = "demo"
    verbose_name = "Demo data"
