"""Statistical inference on networks: QAP and MRQAP tests, homophily and multiplexity.

One module per concept: :mod:`~lsmnet.inference.dyads` (node attributes and tie layers as
dyad matrices), :mod:`~lsmnet.inference.qap` (QAP correlation),
:mod:`~lsmnet.inference.mrqap` (MRQAP regression), :mod:`~lsmnet.inference.homophily` and
:mod:`~lsmnet.inference.multiplexity`. The public names are also available from ``lsmnet``.
"""
