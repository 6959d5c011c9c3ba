#!/usr/bin/python3
"""Validates `sfharness lint --format sarif` against the official SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py --sfharness BIN --schema sarif-2.1.0-rtm.5.json --testdata DIR

The schema (SARIF 2.1.0, revision "rtm.5" as on SchemaStore, draft-04) is fetched at test
time by reports/third_party_schemas.py from a pinned npm package. For every fixture project under
--testdata, the built sfharness's SARIF log must pass the schema, and every result must name a
rule of tool.driver.rules at its ruleIndex, with a location relative to the project; the good
fixtures (good, good-*) must give no result and every other fixture some. Documents
made invalid on purpose (no version, an unknown level, line 0) must fail it, so that a schema
that accepts anything cannot pass this test. Prints one line per failure; exits 1 on any.
Needs Debian's python3-jsonschema.
"""

import argparse
import copy
import json
import pathlib
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("validate_sarif: install python3-jsonschema (scripts/install-deps)", file=sys.stderr)
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sfharness", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--testdata", required=True)
    args = parser.parse_args()

    schema = json.loads(pathlib.Path(args.schema).read_text())
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema)
    failures = []
    logs = 0
    first_with_results = None
    for project in sorted(p for p in pathlib.Path(args.testdata).iterdir() if p.is_dir()):
        run = subprocess.run([args.sfharness, "lint", "--format", "sarif", str(project)],
                             capture_output=True, text=True, timeout=60, check=False)
        if run.returncode not in (0, 1):
            failures.append(f"{project.name}: exit {run.returncode}: {run.stderr.strip()}")
            continue
        try:
            log = json.loads(run.stdout)
        except ValueError as e:
            failures.append(f"{project.name}: not JSON: {e}")
            continue
        logs += 1
        for error in validator.iter_errors(log):
            failures.append(f"{project.name}: {'/'.join(map(str, error.path))}: {error.message}")
        driver = log["runs"][0]["tool"]["driver"]
        for result in log["runs"][0]["results"]:
            rule = driver["rules"][result["ruleIndex"]]
            if rule["id"] != result["ruleId"]:
                failures.append(f"{project.name}: ruleIndex points at {rule['id']}")
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            if not (project / uri).is_file():
                failures.append(f"{project.name}: {uri} is not a file of the project")
        if project.name.startswith("good") and log["runs"][0]["results"]:
            failures.append(f"{project.name}: a good fixture gave results")
        if not project.name.startswith("good") and not log["runs"][0]["results"]:
            failures.append(f"{project.name}: a bad fixture gave no result")
        if log["runs"][0]["results"] and first_with_results is None:
            first_with_results = log

    if first_with_results is None:
        failures.append("no fixture produced a result to break on purpose")
    else:
        broken = []
        doc = copy.deepcopy(first_with_results)
        del doc["version"]
        broken.append(("no version", doc))
        doc = copy.deepcopy(first_with_results)
        doc["runs"][0]["results"][0]["level"] = "fatal"
        broken.append(("unknown level", doc))
        doc = copy.deepcopy(first_with_results)
        doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
        broken.append(("line 0", doc))
        for name, doc in broken:
            if validator.is_valid(doc):
                failures.append(f"the schema accepted a document with {name}")

    for line in failures:
        print(f"FAIL {line}")
    print(f"validate_sarif: {logs} SARIF logs checked, {len(failures)} failure(s)")
    return 1 if failures or logs == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
