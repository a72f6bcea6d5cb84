from django import template

from marketplace.permissions import can_follow
from marketplace.selectors.follows import followed_topics

register = template.Library()


@register.inclusion_tag("components/follow_buttons.html", takes_context=True)
def follow_buttons(context, filter_form=None):
    """Buttons to follow the theme and the neighbourhood the challenge index is filtered by,
    or to stop following them. Nothing without such a filter; no query for someone logged
    out (the filter form already fetched the theme and neighbourhood), two at most otherwise."""
    request = context["request"]
    user = request.user
    filters = {}
    if filter_form is not None and filter_form.is_bound and filter_form.is_valid():
        filters = filter_form.cleaned_data
    theme, neighbourhood = filters.get("theme"), filters.get("neighbourhood")
    followed = followed_topics(user, theme=theme, neighbourhood=neighbourhood)
    topics = []
    if theme is not None:
        topics.append({"field": "theme", "slug": theme.slug, "name": theme.display_name})
    if neighbourhood is not None:
        topics.append({"field": "neighbourhood", "slug": neighbourhood.slug, "name": neighbourhood.name})
    for topic in topics:
        if not user.is_authenticated:
            topic["state"] = "log_in"
        else:
            topic["state"] = "following" if followed[topic["field"]] else "follow"
    if any(topic["state"] == "follow" for topic in topics) and not can_follow(user):
        # One link to confirm an address says it for both.
        topics = [topic for topic in topics if topic["state"] == "following"] + [{"state": "confirm"}]
    return {"topics": topics, "next": request.get_full_path()}
