"""E-mail domain rules, shared by role derivation and sign-up validation."""


def normalise_domain(domain: str) -> str:
    return domain.strip().strip(".").lower()


def email_domain(email: str) -> str:
    return normalise_domain(email.rpartition("@")[2])


def domain_matches(domain: str, institution_domain: str) -> bool:
    """True when ``domain`` is ``institution_domain`` or one of its subdomains.

    A look-alike such as ``umail.leidenuniv.nl.example.com`` or ``evilumail.leidenuniv.nl``
    does not match: only whole labels to the left of the institution's domain count.
    """
    domain, institution_domain = normalise_domain(domain), normalise_domain(institution_domain)
    if not domain or not institution_domain:
        return False
    return domain == institution_domain or domain.endswith("." + institution_domain)


def parse_domain_list(text: str) -> list[str]:
    """Domains typed one per line (or separated by commas or spaces)."""
    return [normalise_domain(part) for part in text.replace(",", " ").split() if normalise_domain(part)]


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def looks_like(domain: str, institution_domain: str) -> bool:
    """A domain close to, but not under, an institution's domain: a typo or an imitation."""
    domain, institution_domain = normalise_domain(domain), normalise_domain(institution_domain)
    if domain_matches(domain, institution_domain):
        return False
    if domain.startswith(institution_domain + "."):
        return True
    # Compare with the same number of labels from the right, so that a typo in a
    # subdomain address (umail.leidenunlv.nl) is caught as well.
    # Short domains allow one slip only, so that neighbours such as leiden.nl (the
    # municipality) or amc.nl are not mistaken for hsleiden.nl or lumc.nl.
    wanted_labels = institution_domain.count(".") + 1
    tail = ".".join(domain.split(".")[-wanted_labels:])
    max_distance = 2 if len(institution_domain) >= 12 else 1
    return 0 < edit_distance(tail, institution_domain) <= max_distance
