"""The coalition health report: HTML and Excel, in English and Bahasa Indonesia.

The public entry points are :func:`lsmnet.report` and :class:`lsmnet.Report` (both defined in
:mod:`lsmnet.reporting.core`); this package holds their parts (sections, charts, the HTML page
and the Excel workbook).
"""
