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
        organisation = organisations[0].strip().lower() if organisations else ""
        affiliations = [value.strip().lower() for value in _as_list(claims.get("eduperson_affiliation"))]
        # A scoped affiliation ("student@leidenuniv.nl") counts only for the organisation it names.
        for value in _as_list(claims.get("eduperson_scoped_affiliation")):
            affiliation, _at, scope = value.strip().lower().partition("@")
            if organisation and (scope == organisation or scope.endswith(f".{organisation}")):
                affiliations.append(affiliation)
        return cls(
            issuer=str(token.get("iss") or "").rstrip("/"),
            auth_time=token.get("auth_time") if isinstance(token.get("auth_time"), int) else None,
            email=" ".join(_as_list(claims.get("email"))).strip().lower(),
            email_verified=_is_true(claims.get("email_verified")),
            name=name[:100],
            organisation=organisation,
            affiliations=frozenset(value for value in affiliations if value and "@" not in value),
        )

    @property
    def kinds(self) -> set[str]:
        """As what the institution says the person belongs to it: ``DomainKind`` values."""
        return {AFFILIATION_KINDS[value] for value in self.affiliations if value in AFFILIATION_KINDS}

    def logged_in_within(self, seconds: int) -> bool:
        """Whether the institution says the person logged in there in the last ``seconds``; an
        answer that does not say when does not count (a minute's difference between clocks does)."""
        if self.auth_time is None:
            return False
        age = time.time() - self.auth_time
        return -60 <= age <= seconds
