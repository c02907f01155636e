"""The coalition health report: HTML and Excel, in English and Bahasa Indonesia.

``lsmnet.report(data)`` (in :mod:`lsmnet.report.core`) computes everything once and returns a
:class:`~lsmnet.report.core.Report` with ``to_html``, ``to_excel`` and ``_repr_html_``.
"""
