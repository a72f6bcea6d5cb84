class DomainError(Exception):
    """A rule of the product stopped a change. The message is written for the person who tried it,
    in their language, and is shown to them as it is (on the form or as a message)."""
