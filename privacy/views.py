"""My data: what is held about the person, the download of all of it, and deleting the account.
The download and the deletion ask for the password (or two-step code) again first."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from privacy.forms import AccountDeleteForm
from privacy.selectors import data_overview, personal_data_export
from privacy.services import PrivacyError, account_erase, erasure_blockers


@login_required
def my_data(request):
    return render(request, "privacy/my_data.html", {"sections": data_overview(request.user)})


@never_cache
@login_required
@reauthentication_required
def my_data_download(request):
    archive, filename = personal_data_export(request.user)
    return FileResponse(archive, as_attachment=True, filename=filename, content_type="application/zip")


@never_cache
@login_required
@reauthentication_required
def account_delete(request):
    blockers = erasure_blockers(request.user)
    # An unticked box sends nothing at all; the form must still see that it was sent.
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            account_erase(user=request.user, actor=request.user)
        except PrivacyError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted. Thank you for taking part."))
            return redirect("/en/" if translation.get_language() == "en" else "/")
    return render(request, "privacy/account_delete.html", {"form": form, "blockers": blockers})
