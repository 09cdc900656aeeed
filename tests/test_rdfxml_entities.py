"""Entity declarations in RDF/XML bodies: how far they expand, and which are refused."""

from __future__ import annotations

from gemeentegraaf.service.sparql.rdfxml_entities import MAX_EXPANSION, expansion_refusal


def _doc(declarations: str, text: str) -> bytes:
    return f"<!DOCTYPE rdf:RDF [{declarations}]>\n<rdf:RDF>{text}</rdf:RDF>".encode()


def test_namespace_entities_and_bodies_without_any_pass() -> None:
    assert expansion_refusal(b"<rdf:RDF/>") is None
    declarations = (
        "<!ENTITY ex \"http://example.org/\"><!ENTITY xsd 'http://www.w3.org/2001/XMLSchema#'>"
    )
    assert expansion_refusal(_doc(declarations, "&ex;a &ex;b &xsd;integer" * 50)) is None


def test_nested_entities_are_counted_as_often_as_they_are_used() -> None:
    # Five levels of ten: 2 * 10**5 bytes, within the bound; seven are not.
    def laughs(levels: int) -> bytes:
        declarations = '<!ENTITY l0 "ha">' + "".join(
            f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, levels + 1)
        )
        return _doc(declarations, f"&l{levels};")

    assert expansion_refusal(laughs(5)) is None
    assert "would expand it by at least" in (expansion_refusal(laughs(7)) or "")


def test_one_long_entity_used_often_is_refused_too() -> None:
    value = "x" * 10_000
    uses = MAX_EXPANSION // len(value) + 1
    assert expansion_refusal(_doc(f'<!ENTITY a "{value}">', "&a;" * uses)) is not None
    assert expansion_refusal(_doc(f'<!ENTITY a "{value}">', "&a;" * (uses - 2))) is None


def test_parameter_external_and_unreadable_declarations_are_refused() -> None:
    assert "parameter entity" in (expansion_refusal(_doc('<!ENTITY % p "x">', "")) or "")
    external = _doc('<!ENTITY secret SYSTEM "file:///etc/passwd">', "&secret;")
    assert "external entity secret" in (expansion_refusal(external) or "")
    assert expansion_refusal(_doc("<!ENTITY>", "")) is not None


def test_an_entity_that_refers_to_itself_has_no_finite_size() -> None:
    body = _doc('<!ENTITY a "&b;"><!ENTITY b "&a;">', "&a;")
    assert expansion_refusal(body) is not None
