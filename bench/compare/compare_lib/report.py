"""The tables compare prints, from the results it also writes as JSON; the machine's description."""
import os
import platform
import shutil
import statistics
import subprocess
import sys

from compare_lib.common import DISCOVERY_PATH, SERVERS, WORKLOADS


def fmt_rps(v):
    return "-" if v is None else f"{v:,.0f}"


def fmt_us(v):
    if v is None:
        return "-"
    if v >= 100000:
        return f"{v / 1000:,.0f} ms"
    if v >= 1000:
        return f"{v / 1000:.1f} ms"
    return f"{v / 1000:.2f} ms"


def fmt_errors(m):
    if m is None:
        return "-"
    if not m["errors_total"]:
        return "0"
    parts = ", ".join(f"{k} {v}" for k, v in m["errors"].items() if v)
    return f"{m['errors_total']} ({parts}) !"


def table(headers, rows, right=()):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    lines = []

    def line(cells):
        out = []
        for i, c in enumerate(cells):
            out.append(str(c).rjust(widths[i]) if i in right else str(c).ljust(widths[i]))
        lines.append("  ".join(out).rstrip())

    line(headers)
    line(["-" * w for w in widths])
    for r in rows:
        line(r)
    return "\n".join(lines)


def print_report(results, out=sys.stdout):
    w = lambda s="": print(s, file=out)
    m = results["machine"]
    w(f"bench/compare, {results['started']} (run took {results.get('elapsed_s', 0):.0f} s)")
    w(f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB RAM, kernel {m['kernel']}, "
      f"Debian {m['debian']}, {m['compiler']}")
    w(f"load average before/after: {m['loadavg_before']} / {m.get('loadavg_after', '?')}; "
      f"sfmock and bench_bare_server: {results.get('build', {}).get('type', '?')} build")
    o = results["options"]
    for sid, info in results["servers"].items():
        state = info.get("error")
        w(f"  {SERVERS[sid]:<30} {info.get('version', '')}" +
          (f"  NOT MEASURED: {state}" if state else ""))
    if results.get("load"):
        w()
        w(f"Load: wrk, {o['wrk_threads']} threads, keep-alive, {o['duration_s']:g} s per run, "
          f"{o['rounds']} round(s), servers in turn, median shown; warm-up {o['warmup_s']:g} s; "
          f"sfmock --threads {o['threads']}, bare --threads {o['threads']}")
        rows = []
        for e in results["load"]:
            med = e["median"]
            if e.get("error"):
                rows.append([e["workload"], e["connections"], SERVERS[e["server"]], "n/a", "", "",
                             "", "", e["error"]])
                continue
            spread = ""
            if med and med["requests_per_s"]:
                width = med["requests_per_s_max"] - med["requests_per_s_min"]
                spread = f"{100 * width / med['requests_per_s']:.0f}%"
            rows.append([e["workload"], e["connections"], SERVERS[e["server"]],
                         fmt_rps(med and med["requests_per_s"]), spread,
                         fmt_us(med and med["p50_us"]), fmt_us(med and med["p99_us"]),
                         f"{med['bytes_per_response']:.0f}" if med else "-", fmt_errors(med)])
        w(table(["workload", "conns", "server", "req/s", "spread", "p50", "p99", "bytes/resp",
                 "errors"], rows, right={1, 3, 4, 5, 6, 7}))
    if results.get("ratios"):
        w()
        w("sfmock / peer (req/s ratio > 1: sfmock serves more; p99 ratio < 1: sfmock answers "
          "faster)")
        rows = [[r["workload"], r["connections"], SERVERS[r["peer"]],
                 f"{r['rps_ratio']:.2f}x" if r["rps_ratio"] is not None else "n/a",
                 f"{r['p99_ratio']:.2f}x" if r["p99_ratio"] is not None else "n/a"]
                for r in results["ratios"]]
        w(table(["workload", "conns", "peer", "req/s ratio", "p99 ratio"], rows, right={1, 3, 4}))
    if results.get("startup"):
        w()
        w(f"Start-up: exec to the first 200 on GET {DISCOVERY_PATH} (polled every ~1 ms), and "
          "to the ready line; median of the starts, min-max")
        rows = []
        for sid, s in results["startup"].items():
            if s.get("error"):
                rows.append([SERVERS[sid], "", "", "", s["error"]])
                continue
            first = s["first_200_ms"]
            ready = s.get("ready_line_ms")
            rows.append([SERVERS[sid],
                         f"{statistics.median(first):,.0f} ms ({min(first):,.0f}-{max(first):,.0f})",
                         (f"{statistics.median(ready):,.0f} ms ({min(ready):,.0f}-"
                          f"{max(ready):,.0f})") if ready else "-",
                         len(first), ""])
        w(table(["server", "first 200", "ready line", "starts", ""], rows, right={3}))
    if results.get("memory"):
        w()
        w("Resident memory (VmRSS summed over the server's process group): idle 1 s after its "
          "first 200, and after the load runs")
        rows = [[SERVERS[sid], f"{v['idle_kib'] / 1024:,.1f} MiB" if v.get("idle_kib") else "-",
                 f"{v['after_load_kib'] / 1024:,.1f} MiB" if v.get("after_load_kib") else "-",
                 v.get("processes", "")]
                for sid, v in results["memory"].items()]
        w(table(["server", "idle", "after load", "processes"], rows, right={1, 2, 3}))
    if results.get("scaling"):
        w()
        sc = results["scaling"]
        w(f"Scaling: sfmock, connections 1 to {max(sc['connections'])}, {o['duration_s']:g} s per "
          f"run, {o['rounds']} round(s), median; wrk threads = min({o['wrk_threads']}, "
          "connections)")
        configs = sc.get("configs") or sorted({e["config"] for e in sc["runs"]})
        by_key = {(e["config"], e["workload"], e["connections"]): e for e in sc["runs"]}
        headers = ["workload", "conns"]
        for config in configs:
            headers += [f"req/s [{config}]", "p99", "errors"]
        rows = []
        for name in WORKLOADS:
            for c in sc["connections"]:
                row = [name, c]
                present = False
                for config in configs:
                    e = by_key.get((config, name, c))
                    med = e and e["median"]
                    present = present or e is not None
                    row += [fmt_rps(med and med["requests_per_s"]), fmt_us(med and med["p99_us"]),
                            (e["error"] if e and e.get("error") else fmt_errors(med))]
                if present:
                    rows.append(row)
        right = {1} | {i for i in range(2, len(headers)) if (i - 2) % 3 != 2}
        w(table(headers, rows, right=right))
    flagged = [e for e in results.get("load", []) + results.get("scaling", {}).get("runs", [])
               if e.get("median") and e["median"]["errors_total"]]
    if flagged:
        w()
        w(f"FLAGGED: {len(flagged)} run(s) had errors (marked !): their figures count failed "
          "requests too.")
    failed = [f"  {sid}: {info['error']}" for sid, info in results["servers"].items()
              if info.get("error")]
    if failed:
        w()
        w("FAILED (not measured):")
        for line in failed:
            w(line)


def machine_info():
    def first_line(command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.splitlines()[0]
        except (OSError, IndexError):
            return "?"

    cpu = "?"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    except OSError:
        pass
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f}"
    try:
        with open("/etc/debian_version") as f:
            debian = f.read().strip()
    except OSError:
        debian = "?"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem, "kernel": platform.release(),
            "debian": debian, "compiler": first_line(["c++", "--version"]),
            "wrk": first_line(["wrk", "-v"]) if shutil.which("wrk") else "?",
            "java": (subprocess.run(["java", "-version"], capture_output=True, text=True)
                     .stderr.splitlines() or ["?"])[0] if shutil.which("java") else "-",
            "node": first_line(["node", "--version"]) if shutil.which("node") else "-",
            "loadavg_before": loadavg()}


def loadavg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
