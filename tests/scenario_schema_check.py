#!/usr/bin/python3
"""Checks scenarios/scenario.schema.json against the scenario files.

Usage: scenario_schema_check.py [SOURCE_DIR]   (default: the repository this file is in)

Asserts that:
  - the schema is a valid draft 2020-12 JSON Schema (the metaschema accepts it), and every
    property it defines has a description;
  - every scenarios/**/*.json (but *.schema.json) passes it;
  - every tests/testdata/scenario_schema/valid/*.json passes it;
  - every tests/testdata/scenario_schema/invalid/*.json fails it.
tests/scenario_schema_agreement_test.cc asserts that the loaders judge the same test data the
same way. Prints one line per failure and exits 1 on any; needs Debian's python3-jsonschema.
"""

import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("scenario_schema_check: the jsonschema module is missing; install python3-jsonschema "
          "(scripts/install-deps)", file=sys.stderr)
    sys.exit(2)


def load_json(path, failures):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        failures.append(f"FAIL {path}: cannot be read as JSON: {e}")
        return None


def first_error(validator, document):
    """The most relevant schema error, as "<JSON pointer>: <message>", or None."""
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return None
    pointer = "".join(f"/{part}" for part in error.absolute_path) or "/"
    return f"{pointer}: {error.message}"


def undescribed_properties(node, pointer=""):
    """JSON pointers of the properties that the schema's object types declare without a
    description. Refinements that declare no type (then, allOf, ...) and the predicates of
    "if" and "not" declare nothing."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from undescribed_properties(item, f"{pointer}/{i}")
    elif isinstance(node, dict):
        types = node.get("type", [])
        if "object" in (types if isinstance(types, list) else [types]):
            for name, subschema in node.get("properties", {}).items():
                if not isinstance(subschema, dict) or "description" not in subschema:
                    yield f"{pointer}/properties/{name}"
        for key, value in node.items():
            if key not in ("if", "not"):
                yield from undescribed_properties(value, f"{pointer}/{key}")


def main(argv):
    root = pathlib.Path(argv[1] if len(argv) > 1 else pathlib.Path(__file__).parent.parent)
    schema_path = root / "scenarios" / "scenario.schema.json"
    testdata = root / "tests" / "testdata" / "scenario_schema"
    failures = []

    schema = load_json(schema_path, failures)
    if schema is None:
        print("\n".join(failures))
        return 1
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"FAIL {schema_path}: not a valid draft 2020-12 schema: {e.message}")
        return 1
    validator = jsonschema.Draft202012Validator(schema)
    for pointer in undescribed_properties(schema):
        failures.append(f"FAIL {schema_path}: {pointer} has no description")

    must_pass = sorted(p for p in (root / "scenarios").rglob("*.json")
                       if not p.name.endswith(".schema.json"))
    must_pass += sorted((testdata / "valid").glob("*.json"))
    must_fail = sorted((testdata / "invalid").iterdir())
    if not must_pass or len(must_fail) < 12:
        failures.append(f"{testdata}: expected scenarios and at least 12 invalid files, found "
                        f"{len(must_pass)} and {len(must_fail)}")

    passed = 0
    for path in must_pass:
        document = load_json(path, failures)
        if document is None:
            continue
        error = first_error(validator, document)
        if error is None:
            passed += 1
        else:
            failures.append(f"FAIL {path}: should pass the schema but fails: {error}")
    for path in must_fail:
        document = load_json(path, failures)
        if document is None:
            continue
        if first_error(validator, document) is not None:
            passed += 1
        else:
            failures.append(f"FAIL {path}: should fail the schema but passes")

    for line in failures:
        print(line)
    print(f"scenario_schema_check: {passed} passed, {len(failures)} failed "
          f"({len(must_pass)} files that must pass, {len(must_fail)} that must fail)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
