"""The public API's contract (issue 13): every function and class in ``lsmnet.__all__``, and
every public method of those classes, has complete type hints and a docstring that passes
numpydoc validation.

Reference: numpydoc's own validator (``numpydoc.validate.validate``), the checker that
``docs/conf.py`` runs in the Sphinx build, for the checks

- PR01 a parameter is not documented, PR02 a documented parameter does not exist,
- PR07 a parameter has no description, RT01 no Returns section,
- EX01 no Examples section, GL08 no docstring.

The public methods of the exported classes get the same docstring checks: the docs build
validates them too (``numpydoc_validation_checks`` in ``docs/conf.py``). Each test lists every
offender in one failure message, so that one run says all that is left.
"""

from __future__ import annotations

import inspect

import pytest

import lsmnet

numpydoc_validate = pytest.importorskip(
    "numpydoc.validate", reason="numpydoc (the docs extra) validates the docstrings"
)

CHECKS = ("PR01", "PR02", "PR07", "RT01", "EX01", "GL08")


def public_objects() -> dict[str, object]:
    """Every function and class exported by ``lsmnet`` (constants and modules left out)."""
    objects = {name: getattr(lsmnet, name) for name in lsmnet.__all__}
    return {
        name: obj
        for name, obj in objects.items()
        if inspect.isfunction(obj) or inspect.isclass(obj)
    }


def public_methods() -> dict[str, object]:
    """Public methods and properties defined by the exported classes themselves (inherited
    ones, such as ``Exception.with_traceback``, are another library's)."""
    methods = {}
    for name, cls in public_objects().items():
        if not inspect.isclass(cls):
            continue
        for attr, value in vars(cls).items():
            function = value.fget if isinstance(value, property) else value
            if isinstance(function, classmethod | staticmethod):
                function = function.__func__
            if not attr.startswith("_") and inspect.isfunction(function):
                methods[f"{name}.{attr}"] = function
    return methods


def missing_annotations(obj: object) -> list[str]:
    """Parameters (and, for a function, the return) without an annotation."""
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):  # a class whose __init__ is a C slot (exceptions)
        return []
    missing = [
        p.name
        for p in signature.parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        and p.name not in ("self", "cls")
        and p.annotation is inspect.Parameter.empty
    ]
    if inspect.isfunction(obj) and signature.return_annotation is inspect.Signature.empty:
        missing.append("return")
    return missing


def docstring_errors(obj: object) -> list[tuple[str, str]]:
    """numpydoc's errors of ``obj`` among :data:`CHECKS`."""
    result = numpydoc_validate.validate(f"{obj.__module__}.{obj.__qualname__}")
    return [(code, message) for code, message in result["errors"] if code in CHECKS]


def _offender_report(offenders: dict[str, list[str]], what: str) -> str:
    lines = [f"{len(offenders)} public names with {what}:"]
    lines += [f"  {name}: {'; '.join(problems)}" for name, problems in sorted(offenders.items())]
    return "\n".join(lines)


def test_every_public_signature_is_fully_annotated():
    offenders = {}
    for name, obj in public_objects().items():
        missing = missing_annotations(obj)
        if missing:
            offenders[f"{name} ({obj.__module__})"] = [f"no annotation for {', '.join(missing)}"]
    assert not offenders, _offender_report(offenders, "missing type hints")


def test_every_public_docstring_passes_numpydoc_validation():
    offenders = {}
    for name, obj in public_objects().items():
        errors = docstring_errors(obj)
        if errors:
            offenders[f"{name} ({obj.__module__})"] = [f"{c} {m}" for c, m in errors]
    assert not offenders, _offender_report(offenders, f"numpydoc errors ({', '.join(CHECKS)})")


def test_every_public_method_docstring_passes_numpydoc_validation():
    offenders = {}
    for name, function in public_methods().items():
        errors = docstring_errors(function)
        if errors:
            offenders[f"{name} ({function.__module__})"] = [f"{c} {m}" for c, m in errors]
    assert not offenders, _offender_report(offenders, f"numpydoc errors ({', '.join(CHECKS)})")


def test_every_public_method_is_fully_annotated():
    offenders = {}
    for name, function in public_methods().items():
        missing = missing_annotations(function)
        if missing:
            offenders[f"{name} ({function.__module__})"] = [
                f"no annotation for {', '.join(missing)}"
            ]
    assert not offenders, _offender_report(offenders, "missing type hints")


def _unannotated(graph, weight=None):
    return graph


def test_the_checks_catch_an_offender():
    # the checkers themselves, on a function that breaks every rule they test
    assert missing_annotations(_unannotated) == ["graph", "weight", "return"]
    codes = {code for code, _ in docstring_errors(_unannotated)}
    assert codes == {"GL08"}  # no docstring at all: numpydoc reports only that
    assert public_objects()  # the lazy namespace resolves, so the tests above see names
    assert "NetworkData.at" in public_methods() and "NetworkData._replace" not in public_methods()


def test_the_checks_accept_a_compliant_function():
    from lsmnet.io.pajek import read_pajek_graphs

    assert missing_annotations(read_pajek_graphs) == []
    assert docstring_errors(read_pajek_graphs) == []
