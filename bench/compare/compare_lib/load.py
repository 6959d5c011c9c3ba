"""Driving a server with wrk, and the median of the rounds."""
import argparse
import collections
import json
import os
import re
import statistics
import subprocess

from compare_lib.common import SetupError
from compare_lib.processes import Tracked, http_request, stop_group


def parse_duration(text):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m)?", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 10s, 500ms, 1m)")
    value = float(m.group(1))
    return value * {"ms": 0.001, "s": 1, "m": 60, None: 1}[m.group(2)]


def wrk_duration(seconds):
    return f"{max(1, round(seconds))}s"


def probe(plan, server, workload):
    """One request as wrk will send it: returns the body length, raises SetupError unless 200."""
    method, path, _, extra = workload
    headers = {"Accept": "application/json"}
    body = None
    if "BENCH_FORM" in extra:
        body = extra["BENCH_FORM"]
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if "BENCH_AUTHORIZATION" in extra:
        headers["Authorization"] = extra["BENCH_AUTHORIZATION"]
    try:
        status, got = http_request(server.port, method, path, body=body, headers=headers)
    except OSError as e:
        raise SetupError(f"{method} {path}: {e}")
    if status != 200:
        raise SetupError(f"{method} {path} answered {status}: {got[:160]!r}")
    return len(got)


def run_wrk(args, server, workload, connections, seconds):
    """Runs wrk once. Returns the dict report.lua prints, or raises SetupError."""
    method, path, script, extra = workload
    threads = max(1, min(args.wrk_threads, connections))
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", wrk_duration(seconds),
               "--timeout", args.wrk_timeout, "-s", script, f"http://127.0.0.1:{server.port}{path}"]
    env = dict(os.environ, **extra)
    p = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         env=env, start_new_session=True)
    Tracked.processes.append(p)
    try:
        out, _ = p.communicate(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        stop_group(p)
        raise SetupError(f"wrk did not finish within {seconds + 60:.0f} s")
    if p in Tracked.processes:
        Tracked.processes.remove(p)
    for line in out.splitlines():
        if line.startswith("WRK_JSON "):
            result = json.loads(line[len("WRK_JSON "):])
            result["errors_total"] = sum(result["errors"].values())
            return result
    raise SetupError(f"wrk printed no result (status {p.returncode}): {out.strip()[-300:]}")


def median_of(runs):
    """The median run's figures: each figure's median over the rounds, errors summed."""
    if not runs:
        return None
    rps = [r["requests_per_s"] for r in runs]
    errors = collections.Counter()
    for r in runs:
        errors.update(r["errors"])
    return {
        "requests_per_s": statistics.median(rps),
        "requests_per_s_min": min(rps),
        "requests_per_s_max": max(rps),
        "p50_us": statistics.median(r["latency_us"]["p50"] for r in runs),
        "p99_us": statistics.median(r["latency_us"]["p99"] for r in runs),
        "max_us": max(r["latency_us"]["max"] for r in runs),
        "bytes_per_response": statistics.median(r["bytes"] / r["requests"] for r in runs
                                                if r["requests"]) if any(
            r["requests"] for r in runs) else 0,
        "errors": dict(errors),
        "errors_total": sum(errors.values()),
        "requests": sum(r["requests"] for r in runs),
    }
