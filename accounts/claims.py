"""What an institution says about a person when they log in through it (SURFconext, OpenID
Connect), read from the claims allauth keeps: the ID token's, with the user info over them."""

import time
from dataclasses import dataclass, field

from accounts.choices import DomainKind

# eduPersonAffiliation values (https://wiki.refeds.org/display/STAN/eduPerson) and the role here.
AFFILIATION_KINDS = {"student": DomainKind.STUDENT, "employee": DomainKind.STAFF, "faculty": DomainKind.STAFF}


def _is_true(value) -> bool:
    """``email_verified`` as true or as the text "true"; anything else is not verified."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)]


@dataclass(frozen=True)
class InstitutionClaims:
    issuer: str = ""
    # auth_time: when the person last logged in at the institution (seconds since 1970), if said
    auth_time: int | None = None
    email: str = ""
    email_verified: bool = False
    name: str = ""
    # schac_home_organization: the institution's own domain, e.g. leidenuniv.nl; "" when not said
    organisation: str = ""
    # eduperson_affiliation, without a scope ("student@leidenuniv.nl" → "student")
    affiliations: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_extra_data(cls, extra_data: dict) -> "InstitutionClaims":
        token = extra_data.get("id_token") or {}
        claims = {**token, **(extra_data.get("userinfo") or {})}
        given = " ".join(_as_list(claims.get("given_name"))).strip()
        family = " ".join(_as_list(claims.get("family_name"))).strip()
        name = " ".join(_as_list(claims.get("name"))).strip() or f"{given} {family}".strip()
        organisations = _as_list(claims.get("schac_home_organization"))
        affiliations = _as_list(claims.get("eduperson_affiliation")) + _as_list(
            claims.get("eduperson_scoped_affiliation")
        )
        return cls(
            issuer=str(token.get("iss") or "").rstrip("/"),
            auth_time=token.get("auth_time") if isinstance(token.get("auth_time"), int) else None,
            email=" ".join(_as_list(claims.get("email"))).strip().lower(),
            email_verified=_is_true(claims.get("email_verified")),
            name=name[:100],
            organisation=organisations[0].strip().lower() if organisations else "",
            affiliations=frozenset(value.split("@")[0].strip().lower() for value in affiliations if value.strip()),
        )

    @property
    def kinds(self) -> set[str]:
        """As what the institution says the person belongs to it: ``DomainKind`` values."""
        return {AFFILIATION_KINDS[value] for value in self.affiliations if value in AFFILIATION_KINDS}

    def logged_in_within(self, seconds: int) -> bool:
        """Whether the institution says the person logged in there in the last ``seconds`` (an
        institution that does not say when is taken at its word that it asked, prompt=login)."""
        return self.auth_time is None or time.time() - self.auth_time <= seconds
