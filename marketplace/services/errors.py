from core.errors import DomainError


class MarketplaceError(DomainError):
    """A rule of the marketplace stopped the change; the message is shown to the person as it is."""
