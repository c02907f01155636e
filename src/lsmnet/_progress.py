"""Progress bars for long loops (a thin wrapper around tqdm).

Every lsmnet function with a long loop takes ``progress=None`` and passes it on as
``enabled``: by default a bar appears when standard error is a terminal or the code runs in a
Jupyter kernel (``tqdm.auto`` then draws a notebook widget), so scripts, CI logs and doctests
stay silent; ``progress=True`` forces the bar and ``progress=False`` hides it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

from tqdm.auto import tqdm

from lsmnet.exceptions import InvalidParameterError


def progress(
    iterable: Iterable,
    *,
    total: int | None = None,
    desc: str | None = None,
    enabled: bool | None = None,
) -> Iterator:
    """Wrap ``iterable`` in a progress bar that is silent unless wanted.

    Parameters
    ----------
    iterable : iterable
        What to loop over; items are yielded unchanged.
    total : int, optional
        Number of items, for iterables without ``len`` (generators).
    desc : str, optional
        Label shown before the bar.
    enabled : bool or None, default None
        ``None`` shows the bar when standard error is attached to a terminal or inside a
        Jupyter kernel; ``True`` always shows it; ``False`` never does.

    Returns
    -------
    iterator
        Yields the items of ``iterable``.

    Raises
    ------
    InvalidParameterError
        If ``enabled`` is not None, True or False.

    Examples
    --------
    >>> from lsmnet._progress import progress
    >>> sum(progress(range(5), desc="adding", enabled=False))
    10
    """
    check_progress(enabled)
    if enabled is None:
        # tqdm's disable=None means "disable when not writing to a terminal"; a Jupyter
        # kernel's stderr is no terminal, yet a notebook is where a bar is most wanted
        disable = False if _in_jupyter() else None
    else:
        disable = not enabled
    return iter(tqdm(iterable, total=total, desc=desc, disable=disable, leave=False))


def _in_jupyter() -> bool:
    """Whether the code runs in a Jupyter (IPython) kernel, where tqdm.auto draws a widget."""
    if "ipykernel" not in sys.modules:
        return False
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and hasattr(shell, "kernel")


def check_progress(value: object, func: str | None = None) -> None:
    """Raise unless ``value`` is a valid ``progress`` argument of ``func``.

    Called at the start of every function that takes ``progress``, so that a wrong value is
    reported even when the function has no long loop to run.

    Parameters
    ----------
    value : object
        The ``progress`` argument.
    func : str, optional
        Name of the public function, for the message (left out of it when None).

    Raises
    ------
    InvalidParameterError
        If ``value`` is not None, True or False.

    Examples
    --------
    >>> from lsmnet._progress import check_progress
    >>> check_progress(None, "cug_test")
    >>> try:
    ...     check_progress("yes", "cug_test")
    ... except ValueError as err:
    ...     print(err)
    The 'progress' parameter of cug_test must be None, True or False. Got 'yes'.
    """
    if value is not None and not isinstance(value, bool):
        of = "" if func is None else f" of {func}"
        raise InvalidParameterError(
            f"The 'progress' parameter{of} must be None, True or False. Got {value!r}."
        )
