"""Sizes a file may declare, and sizes a table may reach, so that a tiny file cannot make a
reader allocate gigabytes or run for minutes.

Readers allocate by what a file's content holds, never by a size it merely declares; where a
format declares sizes (UCINET's ``N=``, Pajek's ``*Vertices n``, a worksheet's dimension
record, a zip member's uncompressed size), the declaration is checked against these limits
and against the data before anything is allocated, or not used at all. Tables read from CSV
files and workbooks are bounded by the cell and column limits below, checked while reading,
so that a refusal comes before the memory is spent. SECURITY.md lists them all.
"""

from __future__ import annotations

#: Largest number of nodes (or rows, or columns) a network file may declare: twenty times
#: the largest national sector lsmnet is benchmarked on (100,000 organisations).
MAX_DECLARED_NODES = 2_000_000
#: Largest number of relations (matrices, UCINET's ``NM=``) a file may declare.
MAX_DECLARED_MATRICES = 10_000
#: Most columns a table (a CSV file, a worksheet) may have: Excel's own limit (column XFD).
MAX_COLUMNS = 16_384
#: Most cells a table may hold once read (data rows x columns with a header or a value, the
#: size of the frame built): twice the 14 million cells of the 100 MB ties file the loader
#: is benchmarked on. A workbook's sheets share this budget.
MAX_CELLS = 30_000_000
#: Most entries in a workbook's shared-strings table (its distinct texts; a full sheet of
#: Excel's 1,048,576 rows with one distinct text per row fits), counted on the file's
#: content before the table is loaded: loading one takes a few microseconds, so a tiny file
#: declaring twenty million would take minutes.
MAX_SHARED_STRINGS = 1_100_000
#: Most bytes a workbook's parts may hold once decompressed (their declared sizes, which the
#: zip reader enforces as an upper bound): about twice a full 1,048,576-row sheet of ten
#: short columns.
MAX_WORKBOOK_BYTES = 1 << 30
