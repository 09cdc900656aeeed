"""The one base class of errors a user can cause: shown as one line, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Bad input, missing files, data that does not conform: the message says what to do."""
