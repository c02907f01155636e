"""Partnership risks, coalition health, trust and value, bridge organisations and network weaving.

The public functions are re-exported at the top level (``lsmnet.risk_flags``,
``lsmnet.coalition_health``, ...). The modules are:

- :mod:`~lsmnet.risk.thresholds`: :class:`RiskThresholds`, every cut-off of the flags;
- :mod:`~lsmnet.risk.catalog`: the flags' entries of the language catalogue (codes,
  categories, sources);
- :mod:`~lsmnet.risk.flags`: :func:`risk_flags`, the risk register, with one module per flag
  family (``isolation``, ``dominance``, ``fragmentation``, ``mission``, ``competition``,
  ``power``, ``trust_flags``, ``quality``);
- :mod:`~lsmnet.risk.priorities`: :func:`priorities`, the five conversations, a short ranked
  digest of the register per coalition;
- :mod:`~lsmnet.risk.trust`: PARTNER-style trust and value scores;
- :mod:`~lsmnet.risk.health`, :mod:`~lsmnet.risk.members`, :mod:`~lsmnet.risk.stage`: coalition
  health, the member table and the Krebs–Holley network stage;
- :mod:`~lsmnet.risk.bridges`, :mod:`~lsmnet.risk.weaving`: bridge organisations and suggested
  new ties;
- :mod:`~lsmnet.risk.change`: comparing two snapshots and health over time.

Flags are prompts for a conversation, not verdicts: every flag row carries a caveat saying what
it does not show.
"""
