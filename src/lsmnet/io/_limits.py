"""Sizes a file may declare, so that a tiny file cannot make a reader allocate gigabytes.

Readers allocate by what a file's content holds, never by a size it merely declares; where a
format declares sizes (UCINET's ``N=``, Pajek's ``*Vertices n``), the declaration is checked
against these limits and against the data before anything is allocated. SECURITY.md lists
them.
"""

from __future__ import annotations

#: Largest number of nodes (or rows, or columns) a network file may declare: twenty times
#: the largest national sector lsmnet is benchmarked on (100,000 organisations).
MAX_DECLARED_NODES = 2_000_000
#: Largest number of relations (matrices, UCINET's ``NM=``) a file may declare.
MAX_DECLARED_MATRICES = 10_000
