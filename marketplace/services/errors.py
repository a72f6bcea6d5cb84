class MarketplaceError(Exception):
    """A rule stopped the change; the message is shown to the person as it is."""
