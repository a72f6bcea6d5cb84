"""Stories can be reported too (PRODUCT.md rule 9): they quote residents and students, and a
quote can hold what should not be public. The story's owner (the editor who wrote it) is told."""

from django.utils.translation import gettext_lazy as _

from cms.models.stories import StoryPage
from marketplace.reportable import Reportable, register

register(Reportable(
    key="story",
    model=StoryPage,
    noun=_("a story"),
    queryset=lambda: StoryPage.objects.select_related("owner"),
    can_see=lambda user, story: story.live,
    text=lambda story: "\n\n".join(part for part in (story.title, story.intro) if part),
    authors=lambda story: [story.owner] if story.owner is not None else [],
    url=lambda story: story.url or "",
    place=lambda story: story.title,
))
