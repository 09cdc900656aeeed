"""rdflib's warning for an ill-typed literal, in one line instead of a traceback.

RDF allows a literal whose text does not fit its datatype ("x"^^xsd:integer); rdflib
keeps it and logs "Failed to convert Literal lexical form to value" with the whole
traceback of the failed conversion, once per such literal read. A user's write or an
ingested graph with one would fill the service's log with tracebacks that report no
fault of the service; the shapes judge such a literal where it matters.
"""

from __future__ import annotations

import logging

_LOGGER = "rdflib.term"


class _OneLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.getMessage().startswith("Failed to convert Literal"):
            exc = record.exc_info[1]
            record.msg = f"{record.getMessage()} ({exc})" if exc is not None else record.msg
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


_FILTER = _OneLine()


def quiet_ill_typed_literals() -> None:
    """Install the filter on rdflib's term logger (once, however often called)."""
    logger = logging.getLogger(_LOGGER)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
