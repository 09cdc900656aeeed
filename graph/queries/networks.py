"""Who belonged to a network on a given day, from the memberships in the store.

Sources give memberships in two ways: a list that holds on a date (a snapshot:
gg:vastgesteldOp), or a membership with a known start and/or end
(org:memberDuring). On a day D the answer is the newest snapshot on or before D,
plus memberships whose interval contains D; memberships with neither kind of
date are listed as undated, since no source says when they held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gemeentegraaf.common.namespaces import network_uri
from gemeentegraaf.queries.sparql_files import query
from gemeentegraaf.store.oxigraph import GraphStore


@dataclass(frozen=True)
class Member:
    code: str
    name: str
    uri: str
    membership: str
    attested: date | None
    begin: date | None
    end: date | None
    derived_from: str | None

    @property
    def dated(self) -> bool:
        return any((self.attested, self.begin, self.end))


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def memberships(store: GraphStore, key: str) -> list[Member]:
    rows = store.select(query("network_memberships", network=network_uri(key)))
    return sorted(
        (
            Member(
                code=r["code"],
                name=r["name"],
                uri=r["member"],
                membership=r["m"],
                attested=_d(r["attested"]),
                begin=_d(r["begin"]),
                end=_d(r["end"]),
                derived_from=r["derived"],
            )
            for r in rows
        ),
        key=lambda m: (m.code, m.membership),
    )


def _interval_holds(m: Member, day: date) -> bool:
    return (m.begin is None or m.begin <= day) and (m.end is None or day <= m.end)


def members_on(store: GraphStore, key: str, day: date | None = None) -> list[Member]:
    """Members of network `key` on `day` (now when day is None), one per municipality."""
    all_members = memberships(store, key)
    snapshots = sorted({m.attested for m in all_members if m.attested})
    if day is not None:
        snapshots = [s for s in snapshots if s <= day]
    latest = snapshots[-1] if snapshots else None
    chosen: dict[str, Member] = {}
    for m in all_members:
        if m.begin is not None:
            # A known start holds from then on, whatever list it came from.
            keep = _interval_holds(m, day or date.today())
        elif m.attested is not None:
            keep = m.attested == latest and (day is None or _interval_holds(m, day))
        else:
            keep = m.end is None or _interval_holds(m, day or date.today())
        # Prefer a dated membership over an undated one for the same municipality.
        if keep and (m.code not in chosen or (m.dated and not chosen[m.code].dated)):
            chosen[m.code] = m
    return sorted(chosen.values(), key=lambda m: m.name)
