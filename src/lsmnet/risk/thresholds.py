"""The thresholds of the partnership-risk flags, as one typed, documented, immutable object.

Every number that decides whether a flag fires, and how severe it is, is a field of
:class:`RiskThresholds`. Its defaults are those of the specification (``RISK_FLAGS.md``); the
field metadata records, for each, the flag codes it drives, whether the default is a *heuristic*
(lsmnet's own proposal, not a published cut-off) and where it comes from. The flag reference
(``docs/flags.md``) is generated from this metadata and the message catalogue.
"""

from __future__ import annotations

import dataclasses
import difflib
import inspect
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsmnet._validation import check_number
from lsmnet.exceptions import InvalidParameterError

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping
    from pathlib import Path

__all__ = ["REFERENCE_SCALE", "RiskThresholds"]

#: Rating thresholds are written on this scale and rescaled linearly to the data's scale.
REFERENCE_SCALE = (1.0, 4.0)

# kind -> (low, high, integer); bounds are inclusive
_KINDS = {
    "share": (0.0, 1.0, False),
    "quantile": (0.0, 1.0, False),
    "rating": (1.0, 4.0, False),
    "rating_difference": (0.0, 3.0, False),
    "ratio": (1.0, None, False),
    "ei": (-1.0, 1.0, False),
    "z": (0.0, None, False),
    "count": (0, None, True),
    "degree": (0.0, None, False),
}


# field -> (kind, flag codes it drives, heuristic default?, source key in the catalogue)
_META = {
    "iso_coreness_quantile": ("quantile", ("ISO-3",), True, "lsmnet"),
    "iso_min_named": ("count", ("ISO-4",), True, "lsmnet"),
    "dom_centralization_watch": ("share", ("DOM-1",), True, "lsmnet"),
    "dom_centralization_high": ("share", ("DOM-1",), True, "lsmnet"),
    "dom_share": ("share", ("DOM-2",), True, "lsmnet"),
    "dom_runner_up_ratio": ("ratio", ("DOM-2",), True, "lsmnet"),
    "dom_hhi_watch": ("share", ("DOM-3",), False, "doj2010"),
    "dom_hhi_high": ("share", ("DOM-3",), False, "doj2010"),
    "dom_cut_off_watch": ("share", ("DOM-4",), False, "borgatti2006"),
    "dom_cut_off_high": ("share", ("DOM-4",), False, "bohnett2022"),
    "dom_cut_off_min_members": ("count", ("DOM-4",), False, "borgatti2006"),
    "dom_fragmentation_centrality": ("share", ("DOM-4",), False, "borgatti2006"),
    "dom_broker_z": ("z", ("DOM-5",), False, "gould1989"),
    "dom_betweenness": ("share", ("DOM-5",), True, "lsmnet"),
    "frg_lcc_watch": ("share", ("FRG-1",), True, "lsmnet"),
    "frg_lcc_high": ("share", ("FRG-1",), True, "lsmnet"),
    "frg_distance": ("share", ("FRG-2",), True, "borgatti2006"),
    "frg_ei": ("ei", ("FRG-3",), True, "krackhardt1988"),
    "frg_min_average_degree": ("degree", ("FRG-4",), True, "lsmnet"),
    "mis_low_mission": ("rating", ("MIS-1",), False, "varda2008"),
    "mis_misaligned_rating": ("rating", ("MIS-2",), True, "lsmnet"),
    "mis_misaligned_share": ("share", ("MIS-2",), True, "lsmnet"),
    "mis_issue_jaccard": ("share", ("MIS-3",), True, "lsmnet"),
    "cmp_funder_jaccard": ("share", ("CMP-1",), True, "lsmnet"),
    "cmp_low_trust": ("rating", ("CMP-3",), False, "bunger2013"),
    "cmp_hhi_watch": ("share", ("CMP-4",), False, "doj2010"),
    "cmp_hhi_high": ("share", ("CMP-4",), False, "doj2010"),
    "cmp_top_funder_share": ("share", ("CMP-4",), True, "casciaro2005"),
    "pwr_asymmetry": ("rating_difference", ("PWR-1",), True, "casciaro2005"),
    "pwr_dependence_share": ("share", ("PWR-2",), True, "casciaro2005"),
    "pwr_gini": ("share", ("PWR-3",), True, "lsmnet"),
    "pwr_hhi": ("share", ("PWR-3",), True, "doj2010"),
    "tru_network_watch": ("rating", ("TRU-1",), True, "varda2008"),
    "tru_network_high": ("rating", ("TRU-1",), True, "varda2008"),
    "tru_member": ("rating", ("TRU-2",), False, "varda2008"),
    "tru_strained": ("rating", ("TRU-3",), True, "lsmnet"),
    "tru_active_weight_quantile": ("quantile", ("TRU-3",), True, "lsmnet"),
    "tru_one_sided": ("rating_difference", ("TRU-4",), True, "lsmnet"),
    "tru_reciprocity": ("share", ("TRU-5",), True, "lsmnet"),
    "dq_response_watch": ("share", ("DQ-1",), False, "smith2013"),
    "dq_response_low": ("share", ("DQ-1",), False, "smith2013"),
    "min_raters": ("count", ("DQ-2", "MIS-1", "TRU-2"), True, "lsmnet"),
    "dq_central_quantile": ("quantile", ("DQ-3",), True, "lsmnet"),
    "dom_min_degree": ("count", ("DOM-2",), True, "lsmnet"),
    "iso_core_fit": ("share", ("ISO-3",), True, "borgatti2000"),
    "cmp_niche_members": ("count", ("CMP-2",), True, "lsmnet"),
    "null_quantile": ("quantile", ("DOM-1", "DOM-3", "DOM-5", "FRG-2"), True, "lsmnet"),
    "null_draws": ("count", ("DOM-1", "DOM-3", "DOM-5", "FRG-2"), True, "lsmnet"),
}


@dataclass(frozen=True, kw_only=True)
class RiskThresholds:
    r"""Thresholds of the partnership-risk flags (defaults from the lsmnet specification).

    Every field is keyword-only; change one or more with :meth:`replace` (or by passing a
    mapping as ``thresholds=`` to :func:`lsmnet.risk_flags`). Thresholds on ratings are written on
    the 1–4 scale and rescaled linearly to the data's rating scale (see :meth:`rating`).
    ``heuristic`` fields are lsmnet's own proposals, not published cut-offs: treat them as
    conversation starters and adapt them to your context.

    Parameters
    ----------
    iso_coreness_quantile : float, default 0.25
        ISO-3: a periphery member fires when its coreness is in this bottom quantile. *Heuristic.*
    iso_min_named : int, default 2
        ISO-4: a respondent naming at least this many partners but named by no respondent
        fires. *Heuristic.*
    dom_centralization_watch, dom_centralization_high : float, default 0.50, 0.70
        DOM-1: Freeman degree centralization at or above these is *watch* / *high*. *Heuristic.*
    dom_share : float, default 0.20
        DOM-2: share of all tie-ends at or above ``max(dom_share, 2 / n)`` (``n`` members with
        a tie), or of received value at or above ``max(dom_share, 2 / r)`` (``r`` members
        rated), fires: twice the equal share, so that an equal share never does. *Heuristic.*
    dom_runner_up_ratio : float, default 2.0
        DOM-2: degree at least this multiple of the runner-up's (and at least
        ``dom_min_degree``) fires. *Heuristic.*
    dom_hhi_watch, dom_hhi_high : float, default 0.15, 0.25
        DOM-3: normalized HHI of degree shares; US DOJ/FTC (2010) concentration bands.
    dom_cut_off_watch, dom_cut_off_high : float, default 0.10, 0.25
        DOM-4: share of members an articulation point cuts off the largest component.
    dom_cut_off_min_members : int, default 2
        DOM-4: at least this many members must be cut off.
    dom_fragmentation_centrality : float, default 0.10
        DOM-4: fragmentation centrality (Borgatti 2006) at or above this fires.
    dom_broker_z : float, default 1.96
        DOM-5: Gould–Fernandez gatekeeper/representative z-score at or above this fires.
    dom_betweenness : float, default 0.25
        DOM-5: normalized betweenness at or above this fires. *Heuristic.*
    frg_lcc_watch, frg_lcc_high : float, default 0.80, 0.50
        FRG-1: largest component below these shares of members is *watch* / *high*. *Heuristic.*
    frg_distance : float, default 0.50
        FRG-2: Borgatti distance-weighted fragmentation at or above this fires. *Heuristic.*
    frg_ei : float, default -0.50
        FRG-3: group E-I index at or below this fires. *Heuristic.*
    frg_min_average_degree : float, default 2.0
        FRG-4: average degree below this fires. *Heuristic.*
    mis_low_mission : float, default 2.5
        MIS-1: mean received mission rating below this (1–4 scale: its midpoint) fires.
    mis_misaligned_rating : float, default 2.0
        MIS-2: a rated dyad with mission at or below this counts as misaligned. *Heuristic.*
    mis_misaligned_share : float, default 0.25
        MIS-2: share of misaligned rated dyads at or above this fires. *Heuristic.*
    mis_issue_jaccard : float, default 0.10
        MIS-3: mean issue Jaccard with partners below this fires. *Heuristic.*
    cmp_funder_jaccard : float, default 0.50
        CMP-1: Jaccard of two members' funder sets at or above this fires. *Heuristic.*
    cmp_low_trust : float, default 2.5
        CMP-3: mutual trust below this (1–4 scale) fires.
    cmp_hhi_watch, cmp_hhi_high : float, default 0.15, 0.25
        CMP-4: HHI of funding by funder; US DOJ/FTC (2010) concentration bands.
    cmp_top_funder_share : float, default 0.50
        CMP-4: one funder's share of a member's recorded funding at or above this fires *high*.
        *Heuristic.*
    pwr_asymmetry : float, default 1.5
        PWR-1: difference of the two members' power ratings of each other. *Heuristic.*
    pwr_dependence_share : float, default 0.50
        PWR-2: share of the receiver's recorded funding from one partner. *Heuristic.*
    pwr_gini : float, default 0.50
        PWR-3: Gini of received power (or budgets, or Bonacich power). *Heuristic.*
    pwr_hhi : float, default 0.25
        PWR-3: normalized HHI of received power. *Heuristic.*
    tru_network_watch, tru_network_high : float, default 2.5, 2.0
        TRU-1: mean network trust below these is *watch* / *high*. *Heuristic.*
    tru_member : float, default 2.5
        TRU-2: received trust below this fires.
    tru_strained : float, default 2.0
        TRU-3: dyad trust at or below this on an active tie fires.
    tru_active_weight_quantile : float, default 0.5
        TRU-3: ties with weight at or above this quantile count as active.
    tru_one_sided : float, default 2.0
        TRU-4: difference of the two directions' trust at or above this fires. *Heuristic.*
    tru_reciprocity : float, default 0.30
        TRU-5: edgewise reciprocity among respondents below this fires. *Heuristic.*
    dq_response_watch : float, default 0.80
        DQ-1: response rate below this fires and annotates missing-data-sensitive flags.
    dq_response_low : float, default 0.60
        DQ-1: response rate below this also lowers DOM-4 and DOM-5 to *info*.
    min_raters : int, default 3
        DQ-2 (and MIS-1, TRU-2): fewer raters than this make a member's scores NaN.
    dq_central_quantile : float, default 0.90
        DQ-3: a non-respondent with in-degree at or above this quantile fires.
    dom_min_degree : int, default 3
        DOM-2: the runner-up rule needs at least this many ties. *Heuristic.*
    iso_core_fit : float, default 0.50
        ISO-3: the flag is computed only where the Borgatti–Everett core–periphery fit (the
        correlation with the ideal pattern) is at least this. *Heuristic.*
    cmp_niche_members : int, default 3
        CMP-2: a member sharing an issue outside the coalition's focus, and its province, with
        at least this many members it has no tie with fires. *Heuristic.*
    null_quantile : float, default 0.95
        DOM-1, DOM-3 (degree shares) and FRG-2 also need their value strictly above this
        quantile of the same measure on G(n, m) random graphs with the coalition's number of
        members and ties (size-aware network flags); so does the betweenness rule of DOM-5,
        against the largest betweenness of each random graph. *Heuristic.*
    null_draws : int, default 200
        Monte Carlo budget of that reference: random graphs drawn per (members, ties) pair
        (seeded from the pair, so the same sizes give the same reference; fewer draws for
        very large networks, see :func:`~lsmnet.risk._scope.null_reference`); 0 switches the
        size-aware test off. *Heuristic.*

    Raises
    ------
    InvalidParameterError
        On an unknown field name, a value of the wrong kind or out of range, or a *high*
        cut-off that is milder than its *watch* cut-off.

    See Also
    --------
    lsmnet.risk_flags : uses these thresholds.

    Notes
    -----
    A rating threshold :math:`t` written on the 1–4 scale becomes, on a scale
    :math:`[l, h]`,

    .. math:: t' = l + (t - 1)\,\frac{h - l}{3},

    and a difference :math:`\delta` becomes :math:`\delta (h - l) / 3`.

    References
    ----------
    .. [1] U.S. Department of Justice and Federal Trade Commission (2010). Horizontal Merger
       Guidelines, section 5.3.
    .. [2] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       Computational and Mathematical Organization Theory 12(1), 21–34.
    .. [3] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach
       to brokerage in transaction networks. Sociological Methodology 19, 89–126.
    .. [4] Smith, J. A., & Moody, J. (2013). Structural effects of network sampling coverage I:
       nodes missing at random. Social Networks 35(4), 652–668.

    Examples
    --------
    >>> from lsmnet import RiskThresholds
    >>> t = RiskThresholds()
    >>> t.dom_centralization_watch
    0.5
    >>> stricter = t.replace(dom_centralization_watch=0.4)
    >>> stricter.dom_centralization_watch, t.dom_centralization_watch
    (0.4, 0.5)
    >>> RiskThresholds.is_heuristic("dom_centralization_watch")
    True
    >>> t.rating("tru_member", scale=(1, 5))
    3.0
    """

    iso_coreness_quantile: float = 0.25
    iso_min_named: int = 2
    dom_centralization_watch: float = 0.5
    dom_centralization_high: float = 0.7
    dom_share: float = 0.2
    dom_runner_up_ratio: float = 2.0
    dom_hhi_watch: float = 0.15
    dom_hhi_high: float = 0.25
    dom_cut_off_watch: float = 0.1
    dom_cut_off_high: float = 0.25
    dom_cut_off_min_members: int = 2
    dom_fragmentation_centrality: float = 0.1
    dom_broker_z: float = 1.96
    dom_betweenness: float = 0.25
    frg_lcc_watch: float = 0.8
    frg_lcc_high: float = 0.5
    frg_distance: float = 0.5
    frg_ei: float = -0.5
    frg_min_average_degree: float = 2.0
    mis_low_mission: float = 2.5
    mis_misaligned_rating: float = 2.0
    mis_misaligned_share: float = 0.25
    mis_issue_jaccard: float = 0.1
    cmp_funder_jaccard: float = 0.5
    cmp_low_trust: float = 2.5
    cmp_hhi_watch: float = 0.15
    cmp_hhi_high: float = 0.25
    cmp_top_funder_share: float = 0.5
    pwr_asymmetry: float = 1.5
    pwr_dependence_share: float = 0.5
    pwr_gini: float = 0.5
    pwr_hhi: float = 0.25
    tru_network_watch: float = 2.5
    tru_network_high: float = 2.0
    tru_member: float = 2.5
    tru_strained: float = 2.0
    tru_active_weight_quantile: float = 0.5
    tru_one_sided: float = 2.0
    tru_reciprocity: float = 0.3
    dq_response_watch: float = 0.8
    dq_response_low: float = 0.6
    min_raters: int = 3
    dq_central_quantile: float = 0.9
    dom_min_degree: int = 3
    iso_core_fit: float = 0.5
    cmp_niche_members: int = 3
    null_quantile: float = 0.95
    null_draws: int = 200

    def __new__(cls, *args, **kwargs):
        unknown = sorted(set(kwargs) - {f.name for f in dataclasses.fields(cls)})
        if unknown:
            raise _no_field(unknown[0])
        return super().__new__(cls)

    def __post_init__(self):
        for name in self.names():
            low, high, integer = _KINDS[_META[name][0]]
            check_number(
                getattr(self, name), name, "RiskThresholds", low=low, high=high, integer=integer
            )
        for watch, high, milder in (
            ("dom_centralization_watch", "dom_centralization_high", "above"),
            ("dom_hhi_watch", "dom_hhi_high", "above"),
            ("dom_cut_off_watch", "dom_cut_off_high", "above"),
            ("cmp_hhi_watch", "cmp_hhi_high", "above"),
            ("frg_lcc_watch", "frg_lcc_high", "below"),
            ("tru_network_watch", "tru_network_high", "below"),
            ("dq_response_watch", "dq_response_low", "below"),
        ):
            w, h = getattr(self, watch), getattr(self, high)
            if (milder == "above" and h < w) or (milder == "below" and h > w):
                raise InvalidParameterError(
                    f"The {high!r} parameter of RiskThresholds must be at or {milder} "
                    f"{watch} = {w}. Got {h}."
                )

    def replace(self, **changes: float) -> RiskThresholds:
        """Return a copy with some fields changed (unknown names raise).

        Parameters
        ----------
        **changes
            Field name to new value.

        Returns
        -------
        RiskThresholds

        Raises
        ------
        InvalidParameterError
            On an unknown field name or an invalid value.

        Examples
        --------
        >>> from lsmnet import RiskThresholds
        >>> RiskThresholds().replace(min_raters=5).min_raters
        5
        """
        current = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        return type(self)(**{**current, **changes})

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> RiskThresholds:
        """Read thresholds from a JSON or TOML file of ``field = value`` pairs.

        Fields the file leaves out keep their defaults, so a file may hold only the
        thresholds an evaluation changes. :meth:`to_file` writes a complete file to start
        from (``lsmnet flags --thresholds-template FILE`` on the command line).

        Parameters
        ----------
        path : str or pathlib.Path
            A ``.json`` file holding one object, or a ``.toml`` file; in either, the pairs may
            sit at the top level or under a ``thresholds`` table (``[thresholds]`` in TOML,
            ``{"thresholds": {...}}`` in JSON), which must then hold every field the file
            gives.

        Returns
        -------
        RiskThresholds

        Raises
        ------
        InvalidParameterError
            Naming the file: if its suffix is neither ``.json`` nor ``.toml``, it is not valid
            JSON or TOML (with the line and column), not UTF-8, repeats a JSON key, holds no
            ``field = value`` pairs, names an unknown field (with the known ones) or gives a
            value of the wrong kind or out of range (as :class:`RiskThresholds` does).
        OSError
            If the file cannot be read (e.g. FileNotFoundError).

        See Also
        --------
        to_file, replace

        Examples
        --------
        >>> import pathlib, tempfile
        >>> from lsmnet import RiskThresholds
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "thresholds.toml"
        >>> _ = path.write_text("[thresholds]\\ndom_centralization_watch = 0.4\\n")
        >>> t = RiskThresholds.from_file(path)
        >>> t.dom_centralization_watch, t.dom_centralization_high  # the second a default
        (0.4, 0.7)
        >>> _ = path.with_suffix(".json").write_text('{"dom_shares": 0.3}')
        >>> RiskThresholds.from_file(path.with_suffix(".json"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        lsmnet...Error: ...thresholds.json: RiskThresholds has no field 'dom_shares'. Did you...
        """
        from lsmnet.risk.thresholds_file import read_thresholds

        return read_thresholds(cls, path)

    def to_file(self, path: str | os.PathLike[str], *, lang: str = "en") -> Path:
        """Write every field to a JSON or TOML file that :meth:`from_file` reads back.

        Parameters
        ----------
        path : str or pathlib.Path
            Output file; its suffix, ``.json`` or ``.toml``, chooses the format. An existing
            file is overwritten.
        lang : {"en", "id"}, default "en"
            Language of the TOML file's comments (one per field: the flag codes it drives,
            its description, its default and whether that is heuristic). JSON has no
            comments.

        Returns
        -------
        pathlib.Path
            The file written.

        Raises
        ------
        InvalidParameterError
            If the suffix is neither ``.json`` nor ``.toml`` or ``lang`` is unknown.
        OSError
            If the file cannot be written (e.g. its folder does not exist).

        See Also
        --------
        from_file

        Notes
        -----
        Numbers are written in Python's shortest round-tripping form, so
        ``RiskThresholds.from_file(t.to_file(path)) == t`` for every ``t``, with integer
        fields read back as integers.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> from lsmnet import RiskThresholds
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> t = RiskThresholds().replace(dom_share=0.3, min_raters=5)
        >>> toml = t.to_file(folder / "thresholds.toml")
        >>> print(toml.read_text().split("\\n\\n")[5])
        # DOM-2: Share of all tie-ends, or of received value, held by one member. Default: 0.2
        # (heuristic).
        dom_share = 0.3
        >>> RiskThresholds.from_file(toml) == t
        True
        >>> RiskThresholds.from_file(t.to_file(folder / "thresholds.json")) == t
        True
        """
        from lsmnet.risk.thresholds_file import write_thresholds

        return write_thresholds(self, path, lang=lang)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Return the field names, in declaration order.

        Returns
        -------
        tuple of str
            Every field of :class:`RiskThresholds`.

        Examples
        --------
        >>> from lsmnet import RiskThresholds
        >>> RiskThresholds.names()[:2]
        ('iso_coreness_quantile', 'iso_min_named')
        """
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def info(cls, name: str, *, lang: str = "en") -> dict:
        """Return the documentation of field ``name``.

        Parameters
        ----------
        name : str
            A field name.
        lang : {"en", "id"}
            Language of the description.

        Returns
        -------
        dict
            ``default``, ``kind`` (share, rating, count, ...), ``codes`` (the flag codes it
            drives), ``heuristic`` (bool: lsmnet's own proposal), ``source`` (a key of the
            catalogue's references) and ``doc`` (a one-line description from the catalogue).

        Raises
        ------
        InvalidParameterError
            If ``name`` is not a field.

        Examples
        --------
        >>> from lsmnet import RiskThresholds
        >>> RiskThresholds.info("dom_hhi_high")["source"]
        'doj2010'
        """
        from lsmnet._i18n import message

        if name not in _META:
            raise _no_field(name)
        kind, codes, heuristic, source = _META[name]
        return {
            "default": next(f.default for f in dataclasses.fields(cls) if f.name == name),
            "kind": kind,
            "codes": codes,
            "heuristic": heuristic,
            "source": source,
            "doc": message(f"thresholds.{name}", lang),
        }

    @classmethod
    def is_heuristic(cls, name: str) -> bool:
        """Whether the default of field ``name`` is lsmnet's own proposal.

        Parameters
        ----------
        name : str
            A field name (see :meth:`names`).

        Returns
        -------
        bool
            True for lsmnet's own proposals, False for published cut-offs.

        Raises
        ------
        InvalidParameterError
            If ``name`` is no field.

        Examples
        --------
        >>> from lsmnet import RiskThresholds
        >>> RiskThresholds.is_heuristic("dom_hhi_high")  # US DOJ/FTC concentration band
        False
        """
        cls.info(name)
        return _META[name][2]

    @classmethod
    def for_code(cls, code: str) -> tuple[str, ...]:
        """Return the names of the fields that drive flag ``code``.

        Parameters
        ----------
        code : str
            A flag code such as ``"DOM-3"`` (the codes are listed in the flag reference).

        Returns
        -------
        tuple of str
            The fields, in declaration order; empty for a code no threshold drives.

        Examples
        --------
        >>> from lsmnet import RiskThresholds
        >>> RiskThresholds.for_code("DOM-3")
        ('dom_hhi_watch', 'dom_hhi_high', 'null_quantile', 'null_draws')
        """
        return tuple(n for n in cls.names() if code in _META[n][1])

    def rating(self, name: str, *, scale: tuple[float, float] = REFERENCE_SCALE) -> float:
        """Return a rating threshold (or difference) rescaled to ``scale``.

        Parameters
        ----------
        name : str
            A field of kind ``rating`` or ``rating_difference``.
        scale : tuple of float
            The data's rating scale ``(low, high)``.

        Returns
        -------
        float
            The threshold on the data's scale.

        Raises
        ------
        InvalidParameterError
            If ``name`` is not a rating threshold.

        Examples
        --------
        >>> from lsmnet import RiskThresholds
        >>> t = RiskThresholds()
        >>> t.rating("tru_member", scale=(1, 4)) == t.tru_member  # the reference scale
        True
        """
        kind = _META[name][0] if name in _META else None
        if kind not in ("rating", "rating_difference"):
            raise InvalidParameterError(
                f"The 'name' parameter of RiskThresholds.rating must name a rating threshold. "
                f"Got {name!r} (a {kind})."
            )
        lo, hi = (float(v) for v in scale)
        ref_lo, ref_hi = REFERENCE_SCALE
        factor = (hi - lo) / (ref_hi - ref_lo)
        value = getattr(self, name)
        if kind == "rating_difference":
            return value * factor
        return lo + (value - ref_lo) * factor


# The custom __new__ (a helpful error for a misspelt field) would otherwise hide the fields
# from inspect.signature, help() and the docs.
RiskThresholds.__signature__ = inspect.signature(RiskThresholds.__init__).replace(
    parameters=list(inspect.signature(RiskThresholds.__init__).parameters.values())[1:]
)


def _no_field(name) -> InvalidParameterError:
    """The error for an unknown field name, with the closest field (a misspelling such as
    "centralisation" is the usual cause) and every known one."""
    names = RiskThresholds.names()
    close = difflib.get_close_matches(str(name), names, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return InvalidParameterError(
        f"RiskThresholds has no field {name!r}.{hint} Known fields: {', '.join(names)}."
    )


def as_thresholds(
    thresholds: RiskThresholds | Mapping[str, float] | None, func: str
) -> RiskThresholds:
    """Turn ``None``, a mapping of field changes or a :class:`RiskThresholds` into the latter."""
    if thresholds is None:
        return RiskThresholds()
    if isinstance(thresholds, RiskThresholds):
        return thresholds
    if isinstance(thresholds, dict):
        return RiskThresholds(**thresholds)
    raise InvalidParameterError(
        f"The 'thresholds' parameter of {func} must be None, a RiskThresholds or a dict of "
        f"field changes (read a file with RiskThresholds.from_file). "
        f"Got {type(thresholds).__name__}."
    )
