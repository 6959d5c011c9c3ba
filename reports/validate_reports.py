#!/usr/bin/python3
"""Validates the report files against their schemas.

Usage: validate_reports.py --source-dir SRC --sample-dir DIR --schemas-dir DIR COMMAND

Commands (each a CTest test, reports/CMakeLists.txt):
  sample-run --sfharness BIN
      Runs the built sfharness on scenarios/happy into --sample-dir with a deliberately broken
      client (clients/broken/token-per-call.sh, which fails EnsureTokenIsReused) and with TMPDIR
      pointing where no directory can be made, so that the TLS scenarios end in ERROR (the
      embedded mock cannot write its CA file: a setup fault, not the client's) and happy/http
      FAILED. Asserts that the run wrote every report and holds both.
  report-json
      reports/report.schema.json is a valid draft 2020-12 schema that names every field the
      golden report holds, and no other; the golden report.golden.json and the sample run's
      report.json pass it; documents made invalid on purpose fail it.
  junit
      xmllint (Debian's libxml2-utils) validates reports/testdata/junit.golden.xml and the
      sample's junit.xml against the common JUnit schema (jenkins-junit.xsd, fetched by
      third_party_schemas.py) and rejects documents made invalid on purpose; the sample's test
      names are unique, its ERROR scenarios have <error> and never <failure>, and its
      properties carry check ids and references.
  ctrf
      The official CTRF schema (ctrf-schema-0.0.json, fetched by third_party_schemas.py)
      accepts reports/testdata/ctrf.golden.json and the sample's ctrf.json and rejects
      documents made invalid on purpose; the sample's tests are junit.xml's testcases.

Prints one line per failure and a count; exits 1 on any failure. Needs Debian's
python3-jsonschema.
"""

import argparse
import copy
import json
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

try:
    import jsonschema
except ImportError:
    print("validate_reports: the jsonschema module is missing; install python3-jsonschema "
          "(scripts/install-deps)", file=sys.stderr)
    sys.exit(2)

REPORT_FILES = ["junit.xml", "report.json", "report.html", "ctrf.json", "summary.md"]
BROKEN_CLIENT = "clients/broken/token-per-call.sh"
BROKEN_CHECK = "EnsureTokenIsReused"
# A directory in which nothing can be made, by root too: the mock's mkdtemp fails there.
UNWRITABLE_TMPDIR = "/proc"


class Results:
    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failures = []

    def expect(self, condition, message):
        if condition:
            self.passed += 1
        else:
            self.failures.append(message)
        return condition

    def finish(self):
        for line in self.failures:
            print(f"FAIL {line}")
        print(f"validate_reports {self.name}: {self.passed} passed, {len(self.failures)} failed")
        return 1 if self.failures else 0


def load_json(path, results):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        results.expect(False, f"{path}: cannot be read as JSON: {e}")
        return None


def schema_error(validator, document):
    """The most relevant error as "<JSON pointer>: <message>", or None when valid."""
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return None
    pointer = "".join(f"/{part}" for part in error.absolute_path) or "/"
    return f"{pointer}: {error.message}"


def need_sample(args, results):
    """The sample run's directory, or None (a failure) when the sample-run test did not make it."""
    sample = pathlib.Path(args.sample_dir)
    ok = results.expect((sample / "report.json").is_file(),
                        f"{sample}: no sample run; the reports_sample_run test makes it")
    return sample if ok else None


# --- sample-run --------------------------------------------------------------------------------

def sample_run(args):
    results = Results("sample-run")
    sample = pathlib.Path(args.sample_dir)
    shutil.rmtree(sample, ignore_errors=True)
    real_tmp = os.environ.get("TMPDIR") or tempfile.gettempdir()
    env = dict(os.environ, TMPDIR=UNWRITABLE_TMPDIR, NO_COLOR="1")
    # The client itself gets a usable TMPDIR back: the curl client makes a work directory.
    client = f"TMPDIR={shlex.quote(real_tmp)} {BROKEN_CLIENT}"
    command = [args.sfharness, "run", "--out", str(sample), "--client", client,
               "--client-timeout", "30", "--scenarios", "scenarios/happy",
               "--scenario-root", "scenarios"]
    try:
        run = subprocess.run(command, cwd=args.source_dir, env=env, capture_output=True,
                             text=True, timeout=240, check=False)
    except subprocess.TimeoutExpired:
        results.expect(False, f"{shlex.join(command)} did not finish within 240 s")
        return results.finish()
    output = (run.stdout + run.stderr)[-3000:]
    # 2: a scenario in ERROR (setup fault) outranks 1 (a failed check).
    results.expect(run.returncode == 2, f"sfharness exited {run.returncode}, not 2")
    for name in REPORT_FILES:
        results.expect((sample / name).is_file() and (sample / name).stat().st_size > 0,
                       f"{sample / name} was not written")
    if results.failures:
        print(f"{shlex.join(command)} (in {args.source_dir}, TMPDIR={UNWRITABLE_TMPDIR}):\n{output}")
        return results.finish()
    report = load_json(sample / "report.json", results)
    if report is None:
        return results.finish()
    statuses = {s["id"]: s["status"] for s in report["scenarios"]}
    errors = [s for s in report["scenarios"] if s["status"] == "ERROR"]
    results.expect(errors, f"no scenario in ERROR: {statuses}")
    for s in errors:
        results.expect("embedded mock did not start" in s["error"],
                       f"{s['id']}: ERROR for another reason than the setup fault: {s['error']}")
    failed = [(s["id"], c["id"]) for s in report["scenarios"] for c in s["checks"]
              if c["status"] == "FAILED"]
    results.expect(("happy/http", BROKEN_CHECK) in failed,
                   f"happy/http {BROKEN_CHECK} did not fail: {failed}")
    summary = (sample / "summary.md").read_text(encoding="utf-8") if (
        sample / "summary.md").is_file() else ""
    results.expect(summary.startswith("### ❌ sfharness:"), f"summary.md headline: {summary[:200]}")
    results.expect(len(summary) <= 65536, f"summary.md has {len(summary)} characters")
    results.expect(f"`{BROKEN_CHECK}`" in summary, f"summary.md does not name {BROKEN_CHECK}")
    return results.finish()


# --- report-json -------------------------------------------------------------------------------

def schema_paths(schema, node, path, out):
    """The dotted paths of the properties `node` (a subschema) declares, following $ref."""
    if "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/$defs/"), ref
        node = schema["$defs"][ref[len("#/$defs/"):]]
    for name, sub in node.get("properties", {}).items():
        here = f"{path}.{name}" if path else name
        out.add(here)
        schema_paths(schema, sub, here, out)
    if "items" in node and isinstance(node["items"], dict):
        schema_paths(schema, node["items"], f"{path}[]", out)
    return out


def document_paths(document, path, out, empty):
    """The dotted paths of the object keys in `document` into `out`, and into `empty` those of
    the values that are null or empty arrays (what is below them cannot be seen). Arrays of
    arrays (headers) are leaves."""
    if document is None or document == []:
        empty.add(path)
    if isinstance(document, dict):
        for key, value in document.items():
            here = f"{path}.{key}" if path else key
            out.add(here)
            document_paths(value, here, out, empty)
    elif isinstance(document, list):
        for item in document:
            if not isinstance(item, list):
                document_paths(item, f"{path}[]", out, empty)
    return out


def report_mutations():
    """(name, function making an invalid copy of a valid report) pairs."""
    def scenario(doc, status):
        return next(s for s in doc["scenarios"] if s["status"] == status)

    def check(doc, status):
        return next(c for s in doc["scenarios"] for c in s["checks"] if c["status"] == status)

    def first_exchange(doc):
        return next(x for s in doc["scenarios"] for x in s["transcript"])

    return [
        ("another schema id", lambda d: d.update(schema="sfharness-report/2")),
        ("no summary", lambda d: d.pop("summary")),
        ("a summary count missing", lambda d: d["summary"]["checks"].pop("warning")),
        ("a negative duration", lambda d: d.update(elapsed_ms=-1)),
        ("a duration as a string", lambda d: scenario(d, "PASSED").update(elapsed_ms="120")),
        ("a time with an offset", lambda d: d.update(started_at="2026-11-28T19:30:00+01:00")),
        ("an unknown scenario status", lambda d: scenario(d, "PASSED").update(status="BROKEN")),
        ("an ERROR without a reason", lambda d: scenario(d, "ERROR").update(error="")),
        ("a PASSED scenario with an error", lambda d: scenario(d, "PASSED").update(error="x")),
        ("a scenario without transcript", lambda d: scenario(d, "FAILED").pop("transcript")),
        ("an unknown severity", lambda d: check(d, "PASSED").update(severity="fatal")),
        ("a WARNING of failure severity", lambda d: check(d, "WARNING").update(severity="failure")),
        ("a FAILED check of warning severity",
         lambda d: check(d, "FAILED").update(severity="warning")),
        ("an evidence exchange as a string",
         lambda d: check(d, "FAILED")["evidence"][0].update(exchange="1")),
        ("client.started as a string",
         lambda d: scenario(d, "PASSED")["client"].update(started="yes")),
        ("a header of three parts",
         lambda d: first_exchange(d)["request"]["headers"][0].append("extra")),
        ("an unknown scheme", lambda d: first_exchange(d).update(scheme="ftp")),
        ("a response without body", lambda d: first_exchange(d)["response"].pop("body")),
    ]


def report_json(args):
    results = Results("report-json")
    source = pathlib.Path(args.source_dir)
    schema_path = source / "reports" / "report.schema.json"
    golden_path = source / "reports" / "testdata" / "report.golden.json"
    schema = load_json(schema_path, results)
    golden = load_json(golden_path, results)
    if schema is None or golden is None:
        return results.finish()
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        results.expect(True, "")
    except jsonschema.exceptions.SchemaError as e:
        results.expect(False, f"{schema_path}: not a valid draft 2020-12 schema: {e.message}")
        return results.finish()
    validator = jsonschema.Draft202012Validator(schema)

    # The schema and the writer agree field for field (the golden report holds every field).
    declared = schema_paths(schema, schema, "", set())
    empty = set()
    written = document_paths(golden, "", set(), empty)
    results.expect(not written - declared,
                   f"{schema_path} does not declare {sorted(written - declared)}")
    unseen = {path for path in declared - written
              if not any(path.startswith(e + ".") or path.startswith(e + "[]") for e in empty)}
    results.expect(not unseen, f"{schema_path} declares {sorted(unseen)}, which "
                   f"{golden_path.name} does not hold")

    error = schema_error(validator, golden)
    results.expect(error is None, f"{golden_path}: should pass the schema but fails: {error}")
    sample = need_sample(args, results)
    if sample:
        document = load_json(sample / "report.json", results)
        if document is not None:
            error = schema_error(validator, document)
            results.expect(error is None,
                           f"{sample / 'report.json'}: should pass the schema but fails: {error}")
            # A new field is allowed without a new schema id (REPORT_JSON.md).
            document["scenarios"][0]["new_field"] = {"anything": [1, 2]}
            document["summary"]["new_count"] = 3
            error = schema_error(validator, document)
            results.expect(error is None, f"an added field is refused: {error}")

    for name, mutate in report_mutations():
        document = copy.deepcopy(golden)
        mutate(document)
        results.expect(schema_error(validator, document) is not None,
                       f"invalid report ({name}) passes the schema")
    return results.finish()


# --- junit -------------------------------------------------------------------------------------

def xmllint(xsd, path):
    """(ok, output) of xmllint's validation of `path` against `xsd`."""
    try:
        run = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(xsd), str(path)],
                             capture_output=True, text=True, timeout=60, check=False)
    except FileNotFoundError:
        return False, "xmllint is missing: install libxml2-utils (scripts/install-deps)"
    return run.returncode == 0, (run.stdout + run.stderr).strip()[-2000:]


def junit_mutations(text):
    """(name, invalid copy of the golden junit.xml's text) pairs."""
    def once(old, new):
        assert old in text, old
        return text.replace(old, new, 1)

    return [
        ("a skipped element with a message attribute",
         once("<skipped>", '<skipped message="why">')),
        ("testsuites with a timestamp", once('<testsuites name="sfharness"',
                                             '<testsuites timestamp="2026-11-28T18:30:00" '
                                             'name="sfharness"')),
        ("a testcase without a name", once('name="EnsureTokenRequestIsPost" ', "")),
        ("a failure after system-out", once("</failure>", "</failure><system-out>x</system-out>"
                                            "<failure/>")),
        ("an unknown element", once("<properties>", "<properties><unknown/>")),
    ]


def junit(args):
    results = Results("junit")
    source = pathlib.Path(args.source_dir)
    xsd = pathlib.Path(args.schemas_dir) / "jenkins-junit.xsd"
    if not results.expect(xsd.is_file(),
                          f"{xsd} is missing; the reports_third_party_schemas test fetches it"):
        return results.finish()
    goldens = sorted((source / "reports" / "testdata").glob("junit*.golden.xml"))
    results.expect(len(goldens) >= 2, f"expected junit.golden.xml and more, found {goldens}")
    for path in goldens:
        ok, output = xmllint(xsd, path)
        results.expect(ok, f"{path} is not valid against {xsd.name}:\n{output}")
    golden = source / "reports" / "testdata" / "junit.golden.xml"

    with tempfile.TemporaryDirectory(prefix="sfh-junit-") as tmp:
        for i, (name, text) in enumerate(junit_mutations(golden.read_text(encoding="utf-8"))):
            path = pathlib.Path(tmp) / f"invalid-{i}.xml"
            path.write_text(text, encoding="utf-8")
            ok, output = xmllint(xsd, path)
            results.expect(not ok, f"invalid junit.xml ({name}) passes {xsd.name}")

    sample = need_sample(args, results)
    if not sample:
        return results.finish()
    ok, output = xmllint(xsd, sample / "junit.xml")
    results.expect(ok, f"{sample / 'junit.xml'} is not valid against {xsd.name}:\n{output}")
    report = load_json(sample / "report.json", results)
    root = ET.parse(sample / "junit.xml").getroot()
    names = [(case.get("classname"), case.get("name")) for case in root.iter("testcase")]
    results.expect(len(names) == len(set(names)), f"test names repeat: {names}")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    for scenario in report["scenarios"] if report else []:
        suite = suites.get(scenario["id"])
        if not results.expect(suite is not None, f"no testsuite for {scenario['id']}"):
            continue
        if scenario["status"] == "ERROR":
            results.expect(suite.find("testcase/error") is not None
                           and suite.find("testcase/failure") is None,
                           f"{scenario['id']} (ERROR): an <error> and no <failure> expected")
            error = suite.find("testcase/error")
            results.expect(error is not None and error.get("type") == "HarnessError",
                           f"{scenario['id']}: the error's type is not HarnessError")
        properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
        for check in scenario["checks"]:
            results.expect(properties.get(f"check.{check['id']}.reference") == check["reference"],
                           f"{scenario['id']}: no property check.{check['id']}.reference")
            case = suite.find(f"testcase[@name='{check['id']}']")
            failure = case.find("failure") if case is not None else None
            results.expect((failure is not None) == (check["status"] == "FAILED"),
                           f"{scenario['id']} {check['id']}: {check['status']} but "
                           f"<failure> {'present' if failure is not None else 'absent'}")
            if failure is not None:
                results.expect(failure.get("type") == check["id"],
                               f"{scenario['id']} {check['id']}: failure type "
                               f"{failure.get('type')}")
    return results.finish()


# --- ctrf --------------------------------------------------------------------------------------

def ctrf_mutations():
    def first_test(doc):
        return doc["results"]["tests"][0]

    return [
        ("an error status", lambda d: first_test(d).update(status="error")),
        ("no specVersion", lambda d: d.pop("specVersion")),
        ("another reportFormat", lambda d: d.update(reportFormat="JUnit")),
        ("a fractional duration", lambda d: first_test(d).update(duration=1.5)),
        ("a suite as a string", lambda d: first_test(d).update(suite="happy/http")),
        ("no summary.pending", lambda d: d["results"]["summary"].pop("pending")),
        ("an unknown top-level key", lambda d: d.update(unknown=True)),
    ]


def ctrf(args):
    results = Results("ctrf")
    source = pathlib.Path(args.source_dir)
    schema_path = pathlib.Path(args.schemas_dir) / "ctrf-schema-0.0.json"
    if not results.expect(schema_path.is_file(), f"{schema_path} is missing; the "
                          "reports_third_party_schemas test fetches it"):
        return results.finish()
    schema = load_json(schema_path, results)
    golden_path = source / "reports" / "testdata" / "ctrf.golden.json"
    golden = load_json(golden_path, results)
    if schema is None or golden is None:
        return results.finish()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    goldens = sorted((source / "reports" / "testdata").glob("ctrf*.golden.json"))
    results.expect(len(goldens) >= 2, f"expected ctrf.golden.json and more, found {goldens}")
    for path in goldens:
        error = schema_error(validator, load_json(path, results))
        results.expect(error is None, f"{path}: should pass the CTRF schema but fails: {error}")
    for name, mutate in ctrf_mutations():
        document = copy.deepcopy(golden)
        mutate(document)
        results.expect(schema_error(validator, document) is not None,
                       f"invalid ctrf.json ({name}) passes the CTRF schema")

    sample = need_sample(args, results)
    if not sample:
        return results.finish()
    document = load_json(sample / "ctrf.json", results)
    if document is None:
        return results.finish()
    error = schema_error(validator, document)
    results.expect(error is None, f"{sample / 'ctrf.json'}: should pass the CTRF schema but "
                   f"fails: {error}")
    tests = document["results"]["tests"]
    root = ET.parse(sample / "junit.xml").getroot()
    junit_names = sorted(f"{suite.get('name')} {case.get('name')}"
                         for suite in root.iter("testsuite") for case in suite.iter("testcase"))
    results.expect(sorted(t["name"] for t in tests) == junit_names,
                   "ctrf.json's tests are not junit.xml's testcases")
    summary = document["results"]["summary"]
    for status in ("passed", "failed", "skipped", "pending", "other"):
        count = sum(1 for t in tests if t["status"] == status)
        results.expect(summary[status] == count,
                       f"summary.{status} is {summary[status]}, the tests say {count}")
    report = load_json(sample / "report.json", results) or {"scenarios": []}
    by_name = {t["name"]: t for t in tests}
    for scenario in report["scenarios"]:
        if scenario["status"] == "ERROR":
            test = by_name.get(f"{scenario['id']} setup", {})
            results.expect(test.get("status") == "other" and test.get("rawStatus") == "ERROR",
                           f"{scenario['id']} (ERROR): no test 'setup' with status other")
        for check in scenario["checks"]:
            test = by_name.get(f"{scenario['id']} {check['id']}", {})
            results.expect(test.get("extra", {}).get("checkId") == check["id"]
                           and test.get("rawStatus") == check["status"],
                           f"{scenario['id']} {check['id']}: not in ctrf.json as {check['status']}")
    return results.finish()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--sample-dir", required=True)
    parser.add_argument("--schemas-dir", required=True)
    parser.add_argument("--sfharness")
    parser.add_argument("command", choices=["sample-run", "report-json", "junit", "ctrf"])
    args = parser.parse_args(argv[1:])
    if args.command == "sample-run":
        if not args.sfharness:
            parser.error("sample-run needs --sfharness")
        return sample_run(args)
    return {"report-json": report_json, "junit": junit, "ctrf": ctrf}[args.command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
