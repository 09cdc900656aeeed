"""Municipalities, networks and people named in a role that is not a challenge (gg:Rolvermelding).

A report names municipalities for other reasons than what they face or do:
they paid for it ("Gezamenlijk hebben Platform31 …, Amersfoort, Apeldoorn, …
en Zwolle de trendstudie gefinancierd"), took the initiative ("De gemeente
‘s-Hertogenbosch heeft het initiatief genomen"), sent someone to its steering
committee ("De begeleidingscommissie bestond uit de voorzitter Hans Giesing
(Nijmegen) en de leden …"), or employ a person it quotes ("Arnold Kooij,
gemeente Meierijstad"). Each such mention is a role with gg:rol, never a
challenge; a funder list says nothing about what the funders face.

People get a node of their own (…/id/persoon/{slug}, prov:Person, foaf:name)
with org:memberOf their municipality. The role is stated for each side
(the person's, and the municipality's as employer, each pointing at the other
with org:organization), so that "which roles does Nijmegen have in the corpus"
and "who is Hans Giesing" both have an answer.
"""

from __future__ import annotations

import re

from gemeentegraaf.common.namespaces import GG, ID, network_uri, slug
from gemeentegraaf.extract.actors import NETWORK_PATTERN, Actor, municipality_actors
from gemeentegraaf.extract.framework import DocumentContext, Sentence, register
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV, RDF, RDFS

KIND = "rol"

FUNDED = re.compile(r"\bgefinancierd\b|\bgefinancierd en\b|\bfinanciers?\b|\bbekostigd\b")
INITIATIVE = re.compile(
    r"\bheeft het initiatief genomen\b|\bhet initiatief (?:van|voor) [^.]*?is uitgegaan van\b",
    re.IGNORECASE,
)
COMMITTEE = re.compile(
    r"\b(?P<body>begeleidingscommissie|stuurgroep|klankbordgroep|begeleidingsgroep)\b"
)
# "de voorzitter Hans Giesing (Nijmegen)", "Lex Hendriksen (Haarlem)",
# "Frank-Jos Braspenning (Houten, namens de Vereniging voor Statistiek en Onderzoek)"
_PARTICLE = r"(?:van|de|der|den|ter|ten|van der|van den|van de)"
# (A name has at most six parts: an unbounded chain tried from every capitalised word of
# a long run of them is quadratic.)
PERSON = re.compile(
    rf"(?:(?P<title>voorzitter|leden|lid)\s+)?"
    # (a name starts where no word does, and each of its words is read once: tried from
    # every capital of "A-A-A-…", the pattern read the rest of the word each time)
    rf"(?P<name>(?<![\w'-])[A-Z][\w'-]++(?:\s+{_PARTICLE})?(?:\s+[A-Z][\w'-]++){{1,5}})"
    r"\s+\((?P<inside>[^()]{2,120})\)"
)
# "Arnold Kooij, gemeente Meierijstad" (a quote's attribution line)
ATTRIBUTION = re.compile(
    rf"^(?P<name>[A-Z][\w'-]+(?:\s+{_PARTICLE})?(?:\s+[A-Z][\w'-]+){{1,5}}),\s+gemeente\s+"
    r"(?P<rest>.+)$"
)


def person_uri(name: str) -> URIRef:
    return ID[f"persoon/{slug(name)}"]


def add_person(ctx: DocumentContext, name: str, organisations: list[URIRef]) -> URIRef:
    node = person_uri(name)
    g = ctx.graph
    g.add((node, RDF.type, PROV.Person))
    g.add((node, RDF.type, FOAF.Person))
    g.add((node, FOAF.name, Literal(name)))
    g.add((node, RDFS.label, Literal(name)))
    for org in organisations:
        g.add((node, ORG.memberOf, org))
    return node


def add_role(
    ctx: DocumentContext,
    subject_key: str,
    subject: URIRef,
    role: str,
    span: tuple[int, int],
    method: str,
    *,
    organisation: URIRef | None = None,
) -> URIRef:
    extra = {ORG.organization: organisation} if organisation is not None else {}
    return ctx.assert_fact(
        GG.Rolvermelding,
        KIND,
        subject_key,
        subject,
        slug(role),
        span[0],
        span[1],
        method,
        rol=Literal(role, lang="nl"),
        extra=extra,
    )


def _funders_and_initiators(ctx: DocumentContext, sentence: Sentence, actors: list[Actor]) -> None:
    text = sentence.text
    span = (sentence.start, sentence.end)
    if FUNDED.search(text):
        for actor in actors:
            add_role(ctx, actor.key, actor.uri, "financier", span, "rol-financier")
    if INITIATIVE.search(text):
        for actor in actors:
            add_role(ctx, actor.key, actor.uri, "initiatiefnemer", span, "rol-initiatiefnemer")
        for m in NETWORK_PATTERN.finditer(text):
            net = m.group("net")
            add_role(
                ctx, net.lower(), network_uri(net), "initiatiefnemer", span, "rol-initiatiefnemer"
            )


def _committee(ctx: DocumentContext, sentence: Sentence, actors: list[Actor]) -> None:
    text = sentence.text
    body = COMMITTEE.search(text)
    if body is None:
        return
    span = (sentence.start, sentence.end)
    title = "lid"
    for m in PERSON.finditer(text, body.end()):
        if m.group("title"):
            title = "voorzitter" if m.group("title") == "voorzitter" else "lid"
        employers = _employers(ctx, m.group("inside"), text)
        if not employers:
            continue  # an organisation we cannot name as a node: no role rather than a guess
        name = " ".join(m.group("name").split())
        person = add_person(ctx, name, [a.uri for a in employers])
        role = f"{title} {body.group('body')}"
        add_role(ctx, slug(name), person, role, span, "rol-commissielid")
        for employer in employers:
            add_role(
                ctx,
                employer.key,
                employer.uri,
                f"werkgever van een {role}",
                span,
                "rol-commissielid",
                organisation=person,
            )
        title = "lid" if title == "voorzitter" else title


def _employers(ctx: DocumentContext, inside: str, context: str) -> list[Actor]:
    """Municipalities named in a bracket after a person: "(Houten, namens de VSO)".

    Each comma part is read as an explicit name (Gazetteer.resolve): in this
    position "Houten" is the municipality, not the adjective.
    """
    found = []
    for part in inside.split(","):
        part = part.strip()
        if not part or part.startswith(("namens", "voorheen", "tot ")):
            continue
        res = ctx.gazetteer.resolve(part, ctx.on, context)
        if res.status == "resolved" and res.code and res.code.startswith("GM"):
            found.append(Actor(res.code, 0, 0, part, res.method))
    return found


def _attribution(ctx: DocumentContext, sentence: Sentence) -> None:
    m = ATTRIBUTION.match(sentence.text)
    if m is None:
        return
    # The municipality is the first comma part after "gemeente"; what follows is a network.
    muni_text = m.group("rest").split(",")[0].strip()
    resolution = ctx.gazetteer.resolve(muni_text, ctx.on, sentence.text)
    if resolution.status != "resolved" or not resolution.code:
        return
    actor = Actor(resolution.code, 0, 0, muni_text, resolution.method)
    name = " ".join(m.group("name").split())
    span = (sentence.start, sentence.end)
    person = add_person(ctx, name, [actor.uri])
    add_role(ctx, slug(name), person, "geciteerd medewerker", span, "rol-toeschrijving",
             organisation=actor.uri)  # fmt: skip
    add_role(ctx, actor.key, actor.uri, "werkgever van een geciteerde", span, "rol-toeschrijving",
             organisation=person)  # fmt: skip


@register("rolvermelding", general=True)
def roles(ctx: DocumentContext) -> None:
    for sentence in ctx.sentences:
        if sentence.passage_kind in ("kop", "tabelcel", "inhoud"):
            continue
        actors = municipality_actors(sentence.text, ctx.mentions(sentence), keep_quoted=False)
        _funders_and_initiators(ctx, sentence, actors)
        _committee(ctx, sentence, actors)
        _attribution(ctx, sentence)
