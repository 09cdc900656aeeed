"""The gemeentegraaf web service: SPARQL endpoint, linked data, JSON API and pages."""
