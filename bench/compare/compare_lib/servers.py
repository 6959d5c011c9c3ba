"""How each server starts, and what each workload sends it."""
import json
import os
import re
import subprocess
import tempfile

from compare_lib.common import (DISCOVERY_PATH, HERE, QUERY_PATH, SF_TOKEN_PATH, SetupError)
from compare_lib.install import package_version
from compare_lib.processes import Server, Tracked, free_port, http_request


class Plan:
    """What compare needs to start and drive each server."""

    def __init__(self, env, args):
        self.env = env
        self.args = args
        self.sfmock = os.path.join(env.build_dir, "bin", "sfmock")
        self.bare = os.path.join(env.build_dir, "bench", "compare", "bench_bare_server")
        self.org_file = os.path.join(HERE, "sfmock-org.json")
        with open(self.org_file) as f:
            app = json.load(f)["org"]["apps"][0]
        # The demo org's fixed, documented mock credentials (README), not secrets.
        self.client_id, self.client_secret = app["client_id"], app["client_secret"]
        self.wiremock_root = None
        self.versions = {}

    def form(self):
        return (f"grant_type=client_credentials&client_id={self.client_id}"
                f"&client_secret={self.client_secret}")

    def prepare(self, sid):
        """Checks and installs what server `sid` needs. Raises SetupError."""
        if sid == "sfmock":
            if not os.access(self.sfmock, os.X_OK):
                raise SetupError(f"sfmock: {self.sfmock} is missing (build it, or drop --no-build)")
            self.versions[sid] = subprocess.run([self.sfmock, "--version"], capture_output=True,
                                                text=True).stdout.strip()
        elif sid == "bare":
            if not os.access(self.bare, os.X_OK):
                raise SetupError(f"bare: {self.bare} is missing (build it, or drop --no-build)")
            self.versions[sid] = "cpp-httplib " + httplib_version()
        elif sid.startswith("wiremock"):
            jar = self.env.wiremock_jar()
            self.versions[sid] = "WireMock " + os.path.basename(jar)[len("wiremock-standalone-"):-4]
            if self.wiremock_root is None:
                self.wiremock_root = self._wiremock_stubs()
        elif sid == "oauth2-mock-server":
            self.env.oauth2_mock_server()
            self.versions[sid] = "oauth2-mock-server " + package_version(self.env.peers_dir,
                                                                         "oauth2-mock-server")

    def _wiremock_stubs(self):
        """A temporary --root-dir whose mappings return the bare server's bodies."""
        r = subprocess.run([self.bare, "--print-bodies"], capture_output=True, text=True)
        if r.returncode != 0:
            raise SetupError(f"WireMock's stubs come from `{self.bare} --print-bodies`, which "
                             f"failed: {r.stderr.strip()}")
        bodies = json.loads(r.stdout)
        root = tempfile.mkdtemp(prefix="sfmock-bench-wiremock-")
        Tracked.temp_dirs.append(root)
        os.makedirs(os.path.join(root, "mappings"))
        os.makedirs(os.path.join(root, "__files"))
        for route in bodies["routes"]:
            headers = {"Content-Type": bodies["content_type"]}
            if route["name"] == "token":
                headers["Cache-Control"] = "no-cache,must-revalidate,max-age=0,no-store,private"
            mapping = {"request": {"method": route["method"], "urlPath": route["path"]},
                       "response": {"status": 200, "body": route["body"], "headers": headers}}
            with open(os.path.join(root, "mappings", route["name"] + ".json"), "w") as f:
                json.dump(mapping, f)
        return root

    def command(self, sid, port, threads=None):
        """The command line of server `sid` listening on 127.0.0.1:port."""
        if sid == "sfmock":
            command = [self.sfmock, "--scenario", self.org_file, "--port", str(port)]
            if threads:
                command += ["--threads", str(threads)]
            return command
        if sid == "bare":
            return [self.bare, "--port", str(port), "--threads", str(threads or 64)]
        if sid.startswith("wiremock"):
            command = ["java", "-jar", self.env.wiremock_jar(), "--port", str(port),
                       "--bind-address", "127.0.0.1", "--root-dir", self.wiremock_root,
                       "--disable-banner"]
            if sid == "wiremock-nojournal":
                command.append("--no-request-journal")
            return command
        if sid == "oauth2-mock-server":
            return ["node", self.env.oauth2_mock_server(), "-a", "127.0.0.1", "-p", str(port)]
        raise ValueError(sid)

    def start(self, sid, threads=None, timeout=60):
        """Starts `sid` and waits for its first 200. Returns (Server, first-200 s, ready-line s)."""
        last_error = None
        for _ in range(3):  # a free port can be taken between the probe and the server's bind
            port = free_port()
            server = Server(sid, self.command(sid, port, threads), port,
                            ready_line=sid in ("sfmock", "bare"))
            try:
                first = server.wait_first_200(timeout)
                ready = server.wait_ready_line(timeout) if sid in ("sfmock", "bare") else None
                return server, first, ready
            except SetupError as e:
                last_error = e
                server.stop()
                if not re.search(r"in use|cannot listen|EADDRINUSE", str(e), re.IGNORECASE):
                    break
        raise last_error

    def workload(self, sid, name, server):
        """(method, path, lua script, extra environment) for workload `name` on `sid`, or None."""
        if name == "token":
            path = "/token" if sid == "oauth2-mock-server" else SF_TOKEN_PATH
            return "POST", path, os.path.join(HERE, "token.lua"), {"BENCH_FORM": self.form()}
        if name == "discovery":
            return "GET", DISCOVERY_PATH, os.path.join(HERE, "get.lua"), {}
        if name == "query":
            if sid == "oauth2-mock-server":
                return None  # it has no REST data API
            env = {}
            if sid in ("sfmock", "bare", "wiremock", "wiremock-nojournal"):
                env["BENCH_AUTHORIZATION"] = "Bearer " + self.bearer(server)
            return "GET", QUERY_PATH, os.path.join(HERE, "get.lua"), env
        raise ValueError(name)

    def bearer(self, server):
        """A new access token from sfmock; the other servers get the same header, a fixed one."""
        if server.sid != "sfmock":
            return "00DS7000000sfmk!AQ_.0Qw1TNm3RK_prgHiYc6tRICDosj3lqY54Adnhtx8LjD7KWUUcKD6HqY0OTr"
        status, body = http_request(server.port, "POST", SF_TOKEN_PATH, body=self.form(),
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
        if status != 200:
            raise SetupError(f"sfmock's token endpoint answered {status}: {body[:200]!r}")
        return json.loads(body)["access_token"]


def sfmock_default_threads(sfmock):
    """' --threads N' as sfmock --help gives its default, or '' when it does not say."""
    text = subprocess.run([sfmock, "--help"], capture_output=True, text=True).stdout
    m = re.search(r"--threads [^\n=]*=(\d+)", text)
    return f" --threads ({m.group(1)})" if m else " --threads"


def httplib_version():
    try:
        with open("/usr/include/httplib.h") as f:
            for line in f:
                m = re.match(r'#define CPPHTTPLIB_VERSION "([^"]+)"', line)
                if m:
                    return m.group(1)
    except OSError:
        pass
    return "?"
