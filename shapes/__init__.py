"""Shipped shapes files of gemeentegraaf, read through importlib.resources."""
