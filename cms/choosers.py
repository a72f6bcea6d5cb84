"""The admin chooser for photos a team marked shareable, used by a story's photo block.

Only photos of log entries that are shareable, with the consent recorded, can be chosen; a
story's ``clean`` checks that they come from the story's own project."""

import copy
import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser
from wagtail.blocks import ChooserBlock

from marketplace.models import Attachment


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
        return Attachment.shared_photos().select_related("project__challenge", "project__team", "entry")


class SharedPhotoChooseView(SharedPhotoColumnsMixin, ChooseView):
    pass


class SharedPhotoChooseResultsView(SharedPhotoColumnsMixin, ChooseResultsView):
    pass


class UUIDChooserBlock(ChooserBlock):
    """Wagtail's chooser block looks its objects up by the stored value; a UUID key is stored
    as text, so the lookup compares text with text."""

    def to_python(self, value):
        return self.bulk_to_python([value])[0]

    def bulk_to_python(self, values):
        keys = [self._key(value) for value in values]
        objects = self.model_class.objects.select_related("entry").in_bulk([key for key in keys if key])
        found = {str(pk): obj for pk, obj in objects.items()}
        result, seen = [], set()
        for key in keys:
            obj = found.get(key) if key else None
            if obj is not None and key in seen:
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(key)
        return result

    @staticmethod
    def _key(value):
        """The id as text, or None when it is empty or not an id at all (a tampered form)."""
        if value is None or value == "":
            return None
        try:
            return str(uuid.UUID(str(value)))
        except ValueError:
            return None

    def get_prep_value(self, value):
        return None if value is None else str(value.pk)

    def value_from_form(self, value):
        if value is None or isinstance(value, self.model_class):
            return value
        return self.to_python(value)


def shared_photo(pk):
    """The shared photo with this id; anything else, a malformed id included, is not found."""
    try:
        return Attachment.shared_photos().select_related("entry").get(pk=pk)
    except (ValidationError, ValueError) as error:
        raise Attachment.DoesNotExist from error


class SharedPhotoChosenView(ChosenView):
    def get_object(self, pk):
        return shared_photo(pk)

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
