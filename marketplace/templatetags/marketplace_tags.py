from django import template

from marketplace.models import ChallengeIndexPage

register = template.Library()


@register.simple_tag
def challenge_index():
    """The challenge index page for the main navigation, or None before editors made it."""
    return ChallengeIndexPage.objects.live().first()
