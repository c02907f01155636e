"""The message catalogue: complete in both languages, consistent, and the generated docs."""

from __future__ import annotations

import importlib.util
import string
from pathlib import Path

import pytest

from lsmnet import InvalidParameterError, RiskThresholds
from lsmnet.risk.catalog import (
    LANGS,
    catalogue,
    flag_codes,
    flag_info,
    format_number,
    join_names,
    message,
)

REPO = Path(__file__).resolve().parents[2]


def _flag_reference_module():
    # the generator of the flag reference lives beside the docs, not in the package
    spec = importlib.util.spec_from_file_location(
        "flag_reference", REPO / "docs" / "_ext" / "flag_reference.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


flag_reference_markdown = _flag_reference_module().flag_reference_markdown

# Every code of shared/spec/RISK_FLAGS.md, in the spec's order.
SPEC_CODES = [
    *(f"ISO-{i}" for i in range(1, 5)),
    *(f"DOM-{i}" for i in range(1, 6)),
    *(f"FRG-{i}" for i in range(1, 5)),
    *(f"MIS-{i}" for i in range(1, 4)),
    *(f"CMP-{i}" for i in range(1, 5)),
    *(f"PWR-{i}" for i in range(1, 4)),
    *(f"TRU-{i}" for i in range(1, 6)),
    *(f"DQ-{i}" for i in range(1, 4)),
]


def _leaves(node, path=()):
    if isinstance(node, dict) and set(node) == set(LANGS):
        yield path, node
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from _leaves(child, (*path, key))


def _placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_spec_code_is_in_the_catalogue_in_order():
    assert list(flag_codes()) == SPEC_CODES


def test_every_text_exists_in_both_languages_with_the_same_placeholders():
    leaves = list(_leaves({k: v for k, v in catalogue().items() if k != "sources"}))
    assert len(leaves) > 200
    for path, texts in leaves:
        assert texts["en"].strip() and texts["id"].strip(), path
        assert _placeholders(texts["en"]) == _placeholders(texts["id"]), path


def test_indonesian_is_a_translation_not_a_copy():
    same = [p for p, t in _leaves(catalogue()) if t["en"] == t["id"] and len(t["en"]) > 12]
    assert same == []


@pytest.mark.parametrize("code", SPEC_CODES)
def test_flag_entries_are_complete(code):
    info = flag_info(code)
    cat = catalogue()
    assert info["category"] in cat["categories"]
    assert all(level in cat["levels"] for level in info["level"].split("|"))
    assert set(info["severities"]) <= {"info", "watch", "high"}
    assert info["sources"] and all(s in cat["sources"] for s in info["sources"])
    assert info["explanation"], code
    for texts in info["explanation"].values():
        assert set(texts) == set(LANGS)


def test_every_threshold_source_is_a_catalogue_reference():
    for name in RiskThresholds.names():
        assert RiskThresholds.info(name)["source"] in catalogue()["sources"]


def test_message_fills_placeholders_and_checks_lang():
    assert message("skipped.too_small", "en", n=3) == "fewer than 3 members"
    with pytest.raises(InvalidParameterError, match="'lang' parameter of message"):
        message("skipped.too_small", "fr", n=3)


@pytest.mark.parametrize(
    ("value", "lang", "kind", "expected"),
    [
        (0.625, "en", "decimal", "0.62"),
        (1234.5, "id", "decimal", "1.234,50"),
        (1234.5, "en", "decimal", "1,234.50"),
        (0.333, "id", "percent", "33%"),
        (3.0, "en", "integer", "3"),
        (-0.5, "id", "signed", "-0,50"),
        (float("nan"), "en", "decimal", "–"),
    ],
)
def test_format_number(value, lang, kind, expected):
    assert format_number(value, lang, kind) == expected


def test_format_number_rejects_unknown_kind():
    with pytest.raises(InvalidParameterError, match="'kind' parameter of format_number"):
        format_number(1.0, "en", "currency")


def test_join_names():
    assert join_names([], "en") == "none"
    assert join_names(["A"], "id") == "A"
    assert join_names(["A", "B", "C"], "en") == "A, B and C"
    assert join_names(["A", "B"], "id") == "A dan B"


@pytest.mark.parametrize(("lang", "path"), [("en", "docs/flags.md"), ("id", "docs/flags.id.md")])
def test_committed_flag_reference_is_the_generated_text(lang, path):
    assert (REPO / path).read_text(encoding="utf-8") == flag_reference_markdown(lang), (
        f"regenerate {path} with python docs/_ext/flag_reference.py"
    )


def test_flag_reference_lists_every_flag_threshold_and_heuristic_status():
    text = flag_reference_markdown()
    for code in SPEC_CODES:
        assert f"### {code} " in text
    for name in RiskThresholds.names():
        assert f"`{name}` = {RiskThresholds.info(name)['default']!r}" in text
    assert text.count("**Heuristic default:**") == len(SPEC_CODES)
    assert "**Heuristic default:** yes" in text and "**Heuristic default:** no" in text


def test_flag_reference_rejects_unknown_lang():
    with pytest.raises(InvalidParameterError, match="'lang' parameter of flag_reference"):
        flag_reference_markdown("fr")
