"""``n_jobs``: the work of one call split into fixed pieces, run on one core, all cores, or a
cluster, with the same result every time.

The pieces never depend on ``n_jobs`` (the caller cuts them from the input alone) and their
results are combined in piece order, so a function gives bit-identical results whatever
``n_jobs`` is. The pieces run through :class:`joblib.Parallel` without naming a backend, so
``with joblib.parallel_backend("dask"):`` (dask.distributed) sends them to a cluster.
"""

from __future__ import annotations

import numbers
import threading
from collections.abc import Callable, Iterator, Sequence

from lsmnet.exceptions import InvalidParameterError

__all__ = [
    "PiecesInBackground",
    "block_starts",
    "check_n_jobs",
    "imap_pieces",
    "map_pieces",
    "pieces_by_work",
    "start_workers",
]


def check_n_jobs(n_jobs, func: str) -> int | None:
    """Check an ``n_jobs`` argument (scikit-learn's convention) and return it.

    ``None`` means one job unless a :func:`joblib.parallel_backend` context says otherwise,
    ``-1`` all cores, ``-2`` all but one, a positive integer that many jobs.

    Raises
    ------
    InvalidParameterError
        If ``n_jobs`` is 0, a bool or not an integer.

    Examples
    --------
    >>> check_n_jobs(-1, "centrality_table")
    -1
    >>> check_n_jobs(0, "centrality_table")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lsmnet.exceptions.InvalidParameterError: The 'n_jobs' parameter of centrality_table must ...
    """
    if n_jobs is None:
        return None
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, numbers.Integral) or n_jobs == 0:
        raise InvalidParameterError(
            f"The 'n_jobs' parameter of {func} must be None, a positive integer or a negative "
            f"one (-1: all cores). Got {n_jobs!r}."
        )
    return int(n_jobs)


def _serial(n_jobs) -> bool:
    if n_jobs not in (None, 1):
        return False
    if n_jobs == 1:
        return True
    # n_jobs=None still follows an active joblib.parallel_backend(...) context
    from joblib.parallel import get_active_backend

    backend, jobs = get_active_backend()
    return type(backend).__name__ == "SequentialBackend" or jobs in (None, 1)


def map_pieces(func: Callable, pieces: Sequence, n_jobs=None, *, args: tuple = ()) -> list:
    """``[func(*args, piece) for piece in pieces]``, in order, over ``n_jobs`` workers.

    Parameters
    ----------
    func : callable
        A module-level function (picklable), called as ``func(*args, piece)``.
    pieces : sequence
        The pieces of work, cut independently of ``n_jobs``.
    n_jobs : int or None
        As checked by :func:`check_n_jobs`.
    args : tuple
        Arguments shared by every call (sent to each worker).

    Returns
    -------
    list
        The results, in the order of ``pieces``.

    Examples
    --------
    >>> map_pieces(pow, [1, 2, 3], n_jobs=1, args=(2,))
    [2, 4, 8]
    """
    if len(pieces) <= 1 or _serial(n_jobs):
        return [func(*args, piece) for piece in pieces]
    from joblib import Parallel, delayed

    # n_jobs=None lets an active parallel_backend context choose the number of workers
    return list(Parallel(n_jobs=n_jobs)(delayed(func)(*args, piece) for piece in pieces))


def imap_pieces(func: Callable, pieces: Sequence, n_jobs=None, *, args: tuple = ()) -> Iterator:
    """The results of :func:`map_pieces`, in order, as an iterator whose work starts at once.

    With workers, the pieces go to them while the caller goes on with other work (joblib's
    ``return_as="generator"``, or a list where the active backend cannot stream results);
    in one process each piece runs when its result is asked for. Either way the results
    are those of :func:`map_pieces`.

    Examples
    --------
    >>> results = imap_pieces(pow, [1, 2, 3], n_jobs=1, args=(2,))
    >>> list(results)
    [2, 4, 8]
    """
    if len(pieces) <= 1 or _serial(n_jobs):
        return (func(*args, piece) for piece in pieces)
    from joblib import Parallel, delayed
    from joblib.parallel import get_active_backend

    streams = getattr(get_active_backend()[0], "supports_return_generator", False)
    run = Parallel(n_jobs=n_jobs, return_as="generator" if streams else "list")
    return iter(run(delayed(func)(*args, piece) for piece in pieces))


def pieces_by_work(items: Sequence, work: int, budget: int) -> list:
    """Consecutive ``items`` cut into pieces of about ``budget`` units of work, each item
    costing ``work`` (at least one item a piece): cut from the input alone, never from
    ``n_jobs``, so that the pieces, and what is computed from them, are always the same.

    Examples
    --------
    >>> pieces_by_work(list(range(5)), 3, 7)
    [[0, 1], [2, 3], [4]]
    """
    size = max(1, budget // max(1, work))
    return [items[k : k + size] for k in range(0, len(items), size)]


def block_starts(cost: Sequence[float], budget: float) -> list[int]:
    """Starts of consecutive blocks of rows whose ``cost`` adds up to at most ``budget`` (a
    row costing more is a block of its own), and the end: the blocks of work whose memory
    must stay bounded (pairs, two-paths), cut from the input alone.

    Examples
    --------
    >>> block_starts([2.0, 2.0, 5.0, 1.0], 4.0)
    [0, 2, 3, 4]
    """
    starts, total = [0], 0.0
    for r, c in enumerate(cost):
        if total + c > budget and r > starts[-1]:
            starts.append(r)
            total = 0.0
        total += c
    if len(cost):
        starts.append(len(cost))
    return starts


class PiecesInBackground:
    """The results of :func:`imap_pieces`, gathered by a thread of this process while the
    caller does other work, so that it can ask whether the workers are done without waiting
    for them.

    With one process (``n_jobs`` serial) no thread is started: the pieces run when
    :meth:`results` is called, and :attr:`done` is always True.

    Parameters
    ----------
    func, pieces, n_jobs, args
        As for :func:`map_pieces`.

    Examples
    --------
    >>> background = PiecesInBackground(pow, [1, 2, 3], n_jobs=1, args=(2,))
    >>> background.done, background.results()
    (True, [2, 4, 8])
    """

    def __init__(self, func: Callable, pieces: Sequence, n_jobs=None, *, args: tuple = ()):
        self._iterator = imap_pieces(func, pieces, n_jobs, args=args)
        self._gathered: list = []
        self._error: BaseException | None = None
        self._thread = None
        if len(pieces) > 1 and not _serial(n_jobs):
            self._thread = threading.Thread(target=self._gather, daemon=True)
            self._thread.start()

    def _gather(self) -> None:
        try:
            self._gathered.extend(self._iterator)
        except BaseException as error:  # re-raised in the caller's thread by results()
            self._error = error

    @property
    def done(self) -> bool:
        """Whether every result is in (no worker is busy with these pieces any more)."""
        return self._thread is None or not self._thread.is_alive()

    def results(self) -> list:
        """Every result, in the order of the pieces (waits for the workers)."""
        if self._thread is None:
            return list(self._iterator)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._gathered


def start_workers(n_jobs, ready: Callable[[object], object]) -> PiecesInBackground | None:
    """Start the ``n_jobs`` workers now, each running ``ready`` (a function that imports what
    the caller's pieces need: a worker takes a second or two to import the scientific
    stack), in the background, so that they are ready when the caller's first pieces come;
    None when the work runs in this process."""
    if _serial(n_jobs):
        return None
    from joblib import effective_n_jobs

    return PiecesInBackground(ready, [None] * max(2, effective_n_jobs(n_jobs)), n_jobs)
