from django import forms

# A browser's date field takes ISO dates only, whatever the language of the page.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

