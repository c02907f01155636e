"""Checks of the arguments shared by :func:`lsmnet.from_frames` and :func:`lsmnet.read`."""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

from lsmnet import _checks
from lsmnet._schema import KNOWN_LAYERS, TABLES, TRUST_ITEMS, VALUE_ITEMS
from lsmnet.exceptions import InvalidParameterError, LsmnetWarning


def check_scale(scale, func):
    ok = isinstance(scale, (tuple, list)) and len(scale) == 2
    ok = ok and all(isinstance(x, (int, float, np.integer, np.floating)) for x in scale)
    ok = ok and not any(isinstance(x, bool) for x in scale) and np.all(np.isfinite(scale))
    if not ok or scale[0] >= scale[1]:
        raise InvalidParameterError(
            f"The 'scale' parameter of {func} must be a pair (lowest, highest) of numbers with "
            f"lowest < highest, e.g. (1, 4). Got {scale!r}."
        )
    return tuple(x.item() if isinstance(x, np.generic) else x for x in scale)


def check_layers(layers, func):
    if layers is None:
        return KNOWN_LAYERS
    if isinstance(layers, str) or not all(isinstance(x, str) for x in layers):
        raise InvalidParameterError(
            f"The 'layers' parameter of {func} must be a list of layer names (str), e.g. "
            f"['media']. Got {layers!r}."
        )
    bad = [x for x in layers if not x.strip() or "|" in x or x != x.strip()]
    if bad:
        raise InvalidParameterError(
            f"The 'layers' parameter of {func} must hold non-empty names without '|' or "
            f"surrounding spaces. Got {bad[0]!r}."
        )
    return tuple(dict.fromkeys((*KNOWN_LAYERS, *layers)))


def check_items(items, func):
    if items is None:
        return TRUST_ITEMS, VALUE_ITEMS
    if not isinstance(items, Mapping) or not set(items) <= {"trust", "value"}:
        raise InvalidParameterError(
            f"The 'items' parameter of {func} must be a mapping with keys 'trust' and/or "
            f"'value', e.g. {{'trust': ['reliability'], 'value': ['power']}}. Got {items!r}."
        )
    out = []
    for key, default in (("trust", TRUST_ITEMS), ("value", VALUE_ITEMS)):
        names = items.get(key, default)
        if isinstance(names, str) or not all(isinstance(x, str) and x.strip() for x in names):
            raise InvalidParameterError(
                f"The 'items' parameter of {func} must list item names (str) under {key!r}. "
                f"Got {names!r}."
            )
        out.append(tuple(names))
    every = out[0] + out[1]
    if len(set(every)) != len(every) or {"rater", "ratee"} & set(every):
        raise InvalidParameterError(
            f"The 'items' parameter of {func} must name each item once and not use 'rater' "
            f"or 'ratee'. Got {items!r}."
        )
    return out[0], out[1]


def map_columns(raw, columns, func):
    if columns is None:
        return raw
    if not isinstance(columns, Mapping):
        raise InvalidParameterError(
            f"The 'columns' parameter of {func} must be a mapping such as "
            f"{{'ties': {{'from': 'source'}}}} or {{'from': 'source'}}. Got {columns!r}."
        )
    nested = any(isinstance(v, Mapping) for v in columns.values())
    if nested and not (
        all(isinstance(v, Mapping) for v in columns.values()) and set(columns) <= set(TABLES)
    ):
        raise InvalidParameterError(
            f"The 'columns' parameter of {func} must map table names ({', '.join(TABLES)}) to "
            f"mappings, or be one flat mapping of header -> column. Got {columns!r}."
        )
    mapped, used = _checks.apply_columns(raw, columns)
    keys = [(t, k) for t, m in columns.items() for k in m] if nested else list(columns)
    unused = [k for k in keys if k not in used]
    present = nested and [k for k in unused if raw.get(k[0]) is None]
    unused = [k for k in unused if not present or k not in present]
    if unused:
        warnings.warn(
            f"These columns= entries matched no header and were not used: {unused}.",
            LsmnetWarning,
            stacklevel=3,
        )
    return mapped


def check_when(when, func) -> tuple:
    """The (first, last) instants of a year (int) or of a day/instant (date-like) ``when``."""
    try:
        if isinstance(when, bool):
            raise TypeError(when)
        if isinstance(when, (int, np.integer)):
            first = pd.Timestamp(year=int(when), month=1, day=1)
            return first, pd.Timestamp(year=int(when) + 1, month=1, day=1) - _NS
        day = pd.Timestamp(when)
        if pd.isna(day):
            raise ValueError(when)
    except (TypeError, ValueError) as err:
        raise InvalidParameterError(
            f"The 'when' parameter of {func} must be a year (int) or a date such as "
            f"'2021-03-15'. Got {when!r}."
        ) from err
    if day == day.normalize():  # a calendar day covers the whole day
        return day, day + pd.Timedelta(days=1) - _NS
    return day, day


_NS = pd.Timedelta(1, "ns")
