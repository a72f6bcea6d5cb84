from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


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


class BaseStreamBlock(blocks.StreamBlock):
    """The one block set every editorial page shares."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    how_it_works = HowItWorksBlock()
