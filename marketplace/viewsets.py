from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Neighbourhood, Organisation, OrganisationMembership, Theme


class ThemeViewSet(ModelViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    form_fields = ["name", "name_en", "slug", "description", "description_en", "sort_order"]
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]


class NeighbourhoodViewSet(ModelViewSet):
    model = Neighbourhood
    icon = "site"
    menu_label = _("Neighbourhoods")
    form_fields = ["name", "slug"]
    list_display = ["name", "slug"]
    search_fields = ["name"]


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    url_namespace = "organisation_admin"  # "organisations" is the public pages' namespace
    form_fields = ["name", "slug", "kind", "neighbourhood", "description", "website", "logo"]
    list_display = ["name", "kind", "neighbourhood"]
    list_filter = ["kind", "neighbourhood"]
    search_fields = ["name"]


class OrganisationMembershipViewSet(ModelViewSet):
    """Editors appoint an organisation's first administrator here; after that its
    administrators invite colleagues from the site."""

    model = OrganisationMembership
    icon = "user"
    menu_label = _("Organisation members")
    form_fields = ["organisation", "user", "role"]
    list_display = ["user", "organisation", "role", "joined_at"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__display_name", "user__email", "organisation__name"]


class MarketplaceViewSetGroup(ViewSetGroup):
    menu_label = _("Marketplace")
    menu_icon = "clipboard-list"
    menu_order = 200
    items = (
        ThemeViewSet("themes"),
        NeighbourhoodViewSet("neighbourhoods"),
        OrganisationViewSet("organisations"),
        OrganisationMembershipViewSet("organisation_members"),
    )
