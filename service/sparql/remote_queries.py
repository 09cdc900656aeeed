"""/sparql queries on a remote store: sent to the SPARQL server, answered like the workers do.

With the embedded store, queries run in killable worker processes
(query_pool). A SPARQL server runs queries itself and can be given a time
limit per request, so the service forwards the query (after the same SERVICE
and LOAD inspection as always) and writes the answer with the same serialisers
and the same row cap: a client sees the same bytes whichever store is behind
the service.
"""

from __future__ import annotations

from gemeentegraaf.service.sparql.query_pool import QueryTimeout
from gemeentegraaf.service.sparql.query_worker import Answer, QueryTask, answer_for, text_answer
from gemeentegraaf.store.base import GraphStore, QueryRejected, StoreError, StoreTimeout


def run_remote(store: GraphStore, task: QueryTask, timeout: float) -> Answer:
    """Run `task` on the store's server; raises QueryTimeout past `timeout` seconds."""
    try:
        result = store.query(
            task.query,
            base_iri=task.base_iri,
            default_graph=task.default_graphs,
            named_graphs=task.named_graphs,
            timeout=timeout,
        )
    except StoreTimeout as exc:
        raise QueryTimeout(timeout) from exc
    except QueryRejected as exc:
        return text_answer(400, str(exc))
    except StoreError as exc:
        return text_answer(502, f"The SPARQL store could not answer: {exc}")
    return answer_for(task, result)
