from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from cms.choosers import SharedPhotoChooserBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading (level 2).")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Paragraph")
        description = _("Running text with links and lists.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), help_text=_("Describe what the image shows, for people who cannot see it.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("An image with alternative text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quote from a resident, student or partner.")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_text = blocks.CharBlock(label=_("Button text"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(label=_("Or a web address"), required=False)

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A short text with one clear button.")


class AudienceBlock(blocks.StructBlock):
    audience = blocks.CharBlock(label=_("For whom"), help_text=_("For example “Residents”."))
    text = ParagraphBlock(label=_("How it works for them"))
    link_text = blocks.CharBlock(label=_("Link text"), required=False)
    url = blocks.CharBlock(label=_("Link address"), required=False)

    class Meta:
        icon = "group"
        label = _("Audience")


class HowItWorksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    audiences = blocks.ListBlock(AudienceBlock(), label=_("Audiences"))

    class Meta:
        icon = "list-ol"
        template = "blocks/how_it_works_block.html"
        label = _("How it works")
        description = _("Side-by-side explanations for residents, students and lecturers.")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = ParagraphBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    """Questions that open one by one: native details/summary, usable by keyboard and screen
    reader without any script."""

    heading = blocks.CharBlock(label=_("Heading"), required=False)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        label = _("Frequently asked questions")
        description = _("Questions with answers that open one at a time.")


class LinkBlock(blocks.StructBlock):
    """One link in the menu or footer: a page of this site or a web address, with its label in
    both languages. A site address such as /impact/ is shown in the visitor's language."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Or a web address"),
        required=False,
        help_text=_("An address on this site such as /impact/, or a full address starting with https://."),
    )
    label = blocks.CharBlock(label=_("Label"))
    label_en = blocks.CharBlock(label=_("Label in English"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or type a web address."))}
            )
        return value


class BaseStreamBlock(blocks.StreamBlock):
    """The one block set every editorial page shares."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    how_it_works = HowItWorksBlock()
    faq = FAQBlock()


class SharedPhotoBlock(blocks.StructBlock):
    """A photo the team marked shareable in its log, pulled into a story. Its description from
    the log is the alternative text; it is public only while the story that shows it is live."""

    photo = SharedPhotoChooserBlock(label=_("Team photo"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/shared_photo_block.html"
        label = _("Team photo")
        description = _("A photo from the project's log that the team marked shareable.")


class StoryStreamBlock(BaseStreamBlock):
    """The shared block set, plus the team's shareable photos."""

    shared_photo = SharedPhotoBlock()
