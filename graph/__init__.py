"""gemeentegraaf: reference data and reports about Dutch municipal policy as a knowledge graph."""

from importlib.metadata import version

from gemeentegraaf.common.rdflib_logs import quiet_ill_typed_literals

# One version, the distribution's own (pyproject.toml).
__version__ = version("gemeentegraaf")

# Every process of the project (CLI, service, its query and ingest workers) imports the
# package first: one line, not a traceback, per ill-typed literal rdflib reads.
quiet_ill_typed_literals()
