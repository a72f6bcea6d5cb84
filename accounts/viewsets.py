from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.choices import LecturerStatus
from accounts.models import Institution, LecturerApproval
from accounts.services import lecturer_approve, lecturer_reject


class InstitutionViewSet(ModelViewSet):
    model = Institution
    icon = "school"
    menu_label = _("Institutions")
    form_fields = [
        "name", "name_en", "short_name", "level", "student_domains", "staff_domains", "schac_home_organization",
        "trusted_for_lecturers", "website",
    ]
    list_display = ["name", "short_name", "level", "student_domains", "staff_domains", "schac_home_organization"]
    search_fields = ["name", "short_name"]
    copy_view_enabled = False


class LecturerApprovalEditView(generic.EditView):
    """Deciding goes through the service, which logs who decided and when. The form offers
    the two decisions only: a decision is never turned back into a pending request."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["status"].choices = [
            (value, label) for value, label in LecturerStatus.choices if value != LecturerStatus.PENDING
        ]
        return form

    def save_instance(self):
        status = self.form.cleaned_data["status"]
        current = LecturerApproval.objects.get(pk=self.object.pk)
        if status == LecturerStatus.APPROVED and current.can_approve():
            return lecturer_approve(approval=current, actor=self.request.user)
        if status == LecturerStatus.REJECTED and current.can_reject():
            return lecturer_reject(approval=current, actor=self.request.user)
        return current


class LecturerApprovalViewSet(ModelViewSet):
    model = LecturerApproval
    icon = "user"
    menu_label = _("Lecturer approvals")
    edit_view_class = LecturerApprovalEditView
    form_fields = ["status"]
    list_display = ["user", "institution", "status", "requested_at", "decided_by"]
    list_filter = ["status", "institution"]
    search_fields = ["user__display_name", "user__email"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return LecturerApproval.objects.select_related("user", "institution", "decided_by")


class PeopleViewSetGroup(ViewSetGroup):
    menu_label = _("People")
    menu_icon = "group"
    menu_order = 250
    items = (LecturerApprovalViewSet("lecturer_approvals"), InstitutionViewSet("institutions"))
