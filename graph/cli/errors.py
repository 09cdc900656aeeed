"""The command line's own error."""

from gemeentegraaf.common.errors import UserError


class CliError(UserError):
    """An error a user caused; printed as one line, no traceback."""
