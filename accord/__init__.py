"""accord: political event data from news pages.

Who did what to whom, when, according to whom: accord reads news pages
(plain text, HTML or JSON Lines), finds their structure, actors and events,
and codes them in CAMEO and PLOVER.
"""

__version__ = "0.1.0"

from accord.errors import AccordError  # noqa: E402
from accord.records import (  # noqa: E402
    Actor,
    Comment,
    Event,
    Location,
    Mention,
    Offsets,
    Page,
    Paragraph,
    RawDocument,
    Skip,
)

__all__ = [
    "AccordError",
    "Actor",
    "Comment",
    "Event",
    "Location",
    "Mention",
    "Offsets",
    "Page",
    "Paragraph",
    "RawDocument",
    "Skip",
    "__version__",
]
