"""Cutting a process off from the network: the query workers and the commit process.

A process that runs what a client sent (a query, the dry run of an update) or
writes the store moves into a new, empty network namespace when the kernel
lets it, so that even a SERVICE clause that slipped past the checks in
sparql_text could not reach another host. Its own module, so that the commit
process can use it without importing the query worker's libraries.
"""

from __future__ import annotations

import ctypes

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def isolate_network() -> bool:
    """Move this process into a new network namespace with no interfaces up.

    Needs CAP_SYS_ADMIN, or unprivileged user namespaces. Must run before the
    process starts threads (RocksDB does). Returns whether it worked.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError):
        return False
    # As root a network namespace alone; otherwise inside a new user namespace.
    return any(unshare(flags) == 0 for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET))
