"""The coalition health report: HTML and Excel, in English and Bahasa Indonesia.

``lsmnet.report(data)`` (in :mod:`lsmnet.report.core`) computes everything once and returns a
:class:`~lsmnet.report.core.Report` with ``to_html``, ``to_excel`` and ``_repr_html_``.

The public function and this package share the name ``lsmnet.report``. Importing any module of
the package (the plots import the label catalogue) makes Python bind ``lsmnet.report`` to the
package, hiding the function; so the package itself is callable and forwards to
:func:`lsmnet.report.core.report`, and ``lsmnet.report(data)`` works in every import order.
"""

from __future__ import annotations

import sys
import types


class _CallablePackage(types.ModuleType):
    def __call__(self, *args, **kwargs):
        from lsmnet.report.core import report

        return report(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
