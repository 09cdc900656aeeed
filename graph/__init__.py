"""gemeentegraaf: reference data and reports about Dutch municipal policy as a knowledge graph."""

from importlib.metadata import version

# One version, the distribution's own (pyproject.toml).
__version__ = version("gemeentegraaf")
