"""The admin chooser for photos a team marked shareable, used by a story's photo block.

Only photos of log entries that are shareable, with the consent recorded, can be chosen; a
story's ``clean`` checks that they come from the story's own project."""

import copy

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser
from wagtail.blocks import ChooserBlock


def photo_title(photo) -> str:
    """What the photo shows (the team's own description), else its file name."""
    return photo.description or photo.original_name


class ThumbnailColumn(Column):
    """The photo's thumbnail, served after the usual permission check (editors and brokers
    see shareable entries' photos)."""

    cell_template_name = "cms/admin/photo_thumbnail_cell.html"


class SharedPhotoColumnsMixin:
    @property
    def columns(self):
        title_column = self.title_column
        title_column.accessor = photo_title
        return [
            ThumbnailColumn("thumbnail", label=_("Photo"), accessor=lambda photo: photo),
            title_column,
            Column("project", label=_("Project"), accessor=lambda photo: photo.project.challenge.title),
            Column("team", label=_("Team"), accessor=lambda photo: photo.project.team.name),
            Column("date", label=_("Date"), accessor=lambda photo: photo.entry.date),
        ]

    def get_object_list(self):
        from marketplace.models import Attachment

        return Attachment.shared_photos().select_related("project__challenge", "project__team", "entry")


class SharedPhotoChooseView(SharedPhotoColumnsMixin, ChooseView):
    pass


class SharedPhotoChooseResultsView(SharedPhotoColumnsMixin, ChooseResultsView):
    pass


class UUIDChooserBlock(ChooserBlock):
    """Wagtail's chooser block looks its objects up by the stored value; a UUID key is stored
    as text, so the lookup compares text with text."""

    def bulk_to_python(self, values):
        found = {str(pk): obj for pk, obj in self.model_class.objects.in_bulk([v for v in values if v]).items()}
        result, seen = [], set()
        for value in values:
            obj = found.get(str(value)) if value else None
            if obj is not None and str(value) in seen:
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(str(value))
        return result

    def get_prep_value(self, value):
        return None if value is None else str(value.pk)


class SharedPhotoChosenView(ChosenView):
    def get_display_title(self, instance):
        return photo_title(instance)


class SharedPhotoChooserWidget(BaseChooser):
    def get_display_title(self, instance):
        return photo_title(instance)

    def get_value_data_from_instance(self, instance):
        # The block's form state goes through json.dumps, which cannot write a UUID.
        return {**super().get_value_data_from_instance(instance), "id": str(instance.pk)}


class SharedPhotoChooserViewSet(ChooserViewSet):
    model = "marketplace.Attachment"
    icon = "image"
    choose_one_text = _("Choose a team photo")
    choose_another_text = _("Choose another team photo")
    choose_view_class = SharedPhotoChooseView
    choose_results_view_class = SharedPhotoChooseResultsView
    chosen_view_class = SharedPhotoChosenView
    per_page = 20
    base_block_class = UUIDChooserBlock
    base_widget_class = SharedPhotoChooserWidget


shared_photo_chooser_viewset = SharedPhotoChooserViewSet("shared_photo_chooser")
SharedPhotoChooserBlock = shared_photo_chooser_viewset.get_block_class(
    name="SharedPhotoChooserBlock", module_path="cms.choosers"
)
