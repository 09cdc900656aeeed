"""Shipped ontology files of gemeentegraaf, read through importlib.resources."""
