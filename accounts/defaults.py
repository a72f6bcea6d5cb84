"""Starting data for the partnership, used by the data migrations and the demo seeder.

The e-mail domains are to be confirmed with each institution; admins change them in the
Wagtail admin, never here.
"""

INSTITUTIONS = [
    {
        "short_name": "UL",
        "name": "Universiteit Leiden",
        "name_en": "Leiden University",
        "level": "wo",
        "student_domains": "umail.leidenuniv.nl",
        "staff_domains": "leidenuniv.nl\nlumc.nl",
        "website": "https://www.universiteitleiden.nl",
    },
    {
        "short_name": "HSL",
        "name": "Hogeschool Leiden",
        "name_en": "Leiden University of Applied Sciences",
        "level": "hbo",
        "student_domains": "student.hsleiden.nl",
        "staff_domains": "hsleiden.nl",
        "website": "https://www.hsleiden.nl",
    },
    {
        "short_name": "mboRijnland",
        "name": "mboRijnland",
        "name_en": "mboRijnland",
        "level": "mbo",
        "student_domains": "student.mborijnland.nl",
        "staff_domains": "mborijnland.nl",
        "website": "https://www.mborijnland.nl",
    },
]

# How SURFconext names the institutions that log in through it (schac_home_organization), by
# short name. mboRijnland is not known to log in through SURFconext; editors add it if it does.
SCHAC_HOME_ORGANIZATIONS = {"UL": "leidenuniv.nl", "HSL": "hsleiden.nl"}

# allauth's id of the OpenID Connect app for "Log in with your institution" (SURFconext).
INSTITUTION_LOGIN_PROVIDER = "surfconext"

EDITORS_GROUP = "Editors"
BROKERS_GROUP = "Knowledge brokers"
