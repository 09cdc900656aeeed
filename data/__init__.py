"""Shipped data files of gemeentegraaf, read through importlib.resources."""
