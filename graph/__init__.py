"""gemeentegraaf: reference data and reports about Dutch municipal policy as a knowledge graph."""

__version__ = "0.1.0"
