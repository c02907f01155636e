"""The report's label catalogue: complete in both languages, every key used, none duplicated."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from lsmnet.exceptions import InvalidParameterError
from lsmnet.reporting.labels import LANGS, catalogue, label, text

SRC = Path(__file__).resolve().parents[2] / "src" / "lsmnet"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_has_every_language_and_the_same_placeholders():
    for key, texts in catalogue().items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert _fields(texts["en"]) == _fields(texts["id"]), key


def test_texts_are_translated():
    # a text identical in both languages is not a translation (placeholders and citations,
    # which keep the language they were published in, aside)
    same = [
        k
        for k, t in catalogue().items()
        if t["en"] == t["id"] and re.search("[a-z]{3}", t["en"]) and not k.startswith("source.")
    ]
    assert same == []


def test_every_key_is_used_in_code_or_templates():
    sources = "".join(
        p.read_text(encoding="utf-8")
        for p in [
            *SRC.joinpath("reporting").rglob("*.py"),
            *SRC.joinpath("reporting").rglob("*.j2"),
            *SRC.joinpath("cli").rglob("*.py"),
            *SRC.joinpath("plotting").rglob("*.py"),
        ]
    )
    # keys built from data values or column names
    prefixes = ("type.", "role.", "layer.", "col.", "severity.", "plot.flag_", "def.")
    prefixes += ("source.", "dataset.")
    # the glossary is read by tests/reporting/test_glossary.py, not by the code
    prefixes += ("glossary.",)
    unused = [
        key
        for key in catalogue()
        if f'"{key}"' not in sources and f"'{key}'" not in sources and not key.startswith(prefixes)
    ]
    assert unused == []


def test_no_ui_string_is_written_in_the_template():
    template = SRC.joinpath("reporting", "templates", "report.html.j2").read_text(encoding="utf-8")
    without_tags = re.sub(r"{#.*?#}|{{.*?}}|{%.*?%}|<[^>]+>", " ", template, flags=re.S)
    words = re.findall(r"[A-Za-z]{3,}", without_tags)
    assert words == ["lsmnet"]  # the product name in the footer


def test_text_fills_placeholders_and_checks_language():
    assert text("cli.written", "id", path="x/report.html") == "Ditulis: x/report.html"
    with pytest.raises(
        InvalidParameterError, match=r"'lang' parameter of lsmnet\.reporting\.labels"
    ):
        text("cli.written", "fr", path="x")


def test_label_translates_known_names_and_keeps_the_others():
    assert label("type", "funder", "id") == "donor"
    assert label("col", "not_a_known_column", "id") == "not_a_known_column"
