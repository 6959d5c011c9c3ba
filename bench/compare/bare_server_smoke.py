#!/usr/bin/env python3
"""Smoke test of bench_bare_server (CTest bench_bare_server_smoke).

Starts the server on 127.0.0.1 port 0, reads its ready line, asks each of its three routes once
over one keep-alive connection, checks a 200 with the body --print-bodies names, then stops it
with SIGTERM and expects exit status 0. Every wait is bounded.

usage: bare_server_smoke.py PATH_TO_bench_bare_server
"""
import http.client
import json
import select
import signal
import subprocess
import sys
import urllib.parse


def main() -> int:
    binary = sys.argv[1]
    bodies = json.loads(subprocess.run([binary, "--print-bodies"], check=True,
                                       capture_output=True, text=True, timeout=10).stdout)
    server = subprocess.Popen([binary, "--port", "0", "--threads", "2"],
                              stdout=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([server.stdout], [], [], 10)
        if not ready:
            print("FAIL: no ready line within 10 s", file=sys.stderr)
            return 1
        line = json.loads(server.stdout.readline())
        url = urllib.parse.urlsplit(line["my_domain_url"])
        if not line.get("ready") or url.hostname != "127.0.0.1" or not url.port:
            print(f"FAIL: unexpected ready line {line}", file=sys.stderr)
            return 1
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        for route in bodies["routes"]:
            path = route["path"]
            body = None
            headers = {}
            if route["method"] == "POST":
                body = "grant_type=client_credentials&client_id=smoke&client_secret=smoke"
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            if route["name"] == "query":
                path += "?q=SELECT+Id,Name+FROM+Account"
            conn.request(route["method"], path, body=body, headers=headers)
            response = conn.getresponse()
            got = response.read().decode()
            if response.status != 200 or got != route["body"]:
                print(f"FAIL: {route['method']} {path}: {response.status} {got[:200]}",
                      file=sys.stderr)
                return 1
            print(f"ok {route['method']} {path}: 200, {len(got)} bytes")
        conn.close()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            status = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            print("FAIL: did not stop within 10 s of SIGTERM", file=sys.stderr)
            return 1
    if status != 0:
        print(f"FAIL: exit status {status} after SIGTERM", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
