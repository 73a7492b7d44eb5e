"""Event coding: triggers on the parse -> CAMEO events with source, target, modality and attribution.

>>> from accord.events import code_events, load_lexicon  # doctest: +SKIP
>>> events = code_events(page, doc, mentions, published="2017-02-27", lexicon=load_lexicon())  # doctest: +SKIP
"""

from accord.events.coder import code_events
from accord.events.lexicon import Lexicon, TriggerEntry, load_lexicon

__all__ = ["Lexicon", "TriggerEntry", "code_events", "load_lexicon"]
