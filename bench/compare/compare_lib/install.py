"""Installing the tools and peers compare needs, and building sfmock and bench_bare_server."""
import glob
import json
import os
import re
import shutil
import subprocess

from compare_lib.common import HERE, NODE_MIN, REPO, SetupError, log


class Environment:
    def __init__(self, args):
        self.args = args
        self.apt_updated = False
        self.build_dir = os.path.abspath(args.build_dir)
        self.peers_dir = os.path.join(self.build_dir, "bench", "compare", "peers")
        self.npm_error = None  # why the npm peers are unavailable, once known
        self.npm_done = False

    def apt_install(self, packages, why):
        if self.args.skip_install:
            raise SetupError(f"{why}: {' '.join(packages)} missing, and --skip-install was given")
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        if sudo and shutil.which("sudo") is None:
            raise SetupError(f"{why}: {' '.join(packages)} missing; run as root to install it")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        log(f"compare: installing {' '.join(packages)} with apt-get ({why})")
        if not self.apt_updated:
            subprocess.run(sudo + ["apt-get", "update"], env=env, stdout=subprocess.DEVNULL)
            self.apt_updated = True
        r = subprocess.run(sudo + ["apt-get", "install", "-y", "--no-install-recommends"] +
                           packages, env=env, stdout=subprocess.DEVNULL)
        if r.returncode != 0:
            raise SetupError(f"{why}: apt-get install {' '.join(packages)} failed "
                             f"(status {r.returncode})")

    def need_command(self, command, package, why):
        if shutil.which(command) is None:
            self.apt_install([package], why)
        if shutil.which(command) is None:
            raise SetupError(f"{why}: {command} is still missing after installing {package}")

    def build(self):
        """Configures (when new) and builds sfmock and bench_bare_server. Raises SetupError."""
        if self.args.no_build:
            return
        for tool in ("cmake", "c++"):
            if shutil.which(tool) is None:
                raise SetupError(f"{tool} is missing: run `make deps` (scripts/install-deps)")
        cache = os.path.join(self.build_dir, "CMakeCache.txt")
        if not os.path.exists(cache):
            log(f"compare: configuring {self.build_dir} (Release)")
            r = subprocess.run(["cmake", "-S", REPO, "-B", self.build_dir,
                                "-DCMAKE_BUILD_TYPE=Release"], stdout=subprocess.DEVNULL)
            if r.returncode != 0:
                raise SetupError(f"cmake could not configure {self.build_dir}")
        log("compare: building sfmock and bench_bare_server (incremental)")
        r = subprocess.run(["cmake", "--build", self.build_dir, "--parallel",
                            str(self.args.jobs), "--target", "sfmock", "bench_bare_server"],
                           stdout=subprocess.DEVNULL)
        if r.returncode != 0:
            raise SetupError(f"building sfmock and bench_bare_server in {self.build_dir} failed")

    def build_type(self):
        try:
            with open(os.path.join(self.build_dir, "CMakeCache.txt")) as f:
                for line in f:
                    if line.startswith("CMAKE_BUILD_TYPE:"):
                        return line.split("=", 1)[1].strip()
        except OSError:
            pass
        return "unknown"

    def npm_peers(self):
        """Installs the pinned npm packages once. Raises SetupError (remembered) on failure."""
        if self.npm_done:
            if self.npm_error:
                raise SetupError(self.npm_error)
            return
        self.npm_done = True
        try:
            self._npm_peers()
        except SetupError as e:
            self.npm_error = str(e)
            raise

    def _npm_peers(self):
        why = "the npm peers (WireMock's package, oauth2-mock-server)"
        if shutil.which("node") is None or shutil.which("npm") is None:
            if shutil.which("node") is not None and not self.args.skip_install:
                # NodeSource's nodejs bundles npm and conflicts with Debian's npm package.
                raise SetupError(f"{why}: node is installed without npm; install npm for it")
            self.apt_install(["nodejs", "npm"], why)
        source = os.path.join(HERE, "peers")
        stamp = os.path.join(self.peers_dir, "node_modules", ".package-lock.json")
        lock = os.path.join(source, "package-lock.json")
        if (os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(lock) and
                os.path.exists(os.path.join(self.peers_dir, "package-lock.json"))):
            return
        if self.args.skip_install:
            raise SetupError(f"{why}: not installed in {self.peers_dir}, and --skip-install "
                             "was given")
        os.makedirs(self.peers_dir, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(os.path.join(source, name), os.path.join(self.peers_dir, name))
        log(f"compare: npm ci in {self.peers_dir}")
        env = dict(os.environ)
        if "npm_config_cafile" not in env and os.path.exists("/etc/ssl/certs/ca-certificates.crt"):
            env["npm_config_cafile"] = "/etc/ssl/certs/ca-certificates.crt"
        r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts",
                            "--loglevel=error"], cwd=self.peers_dir, env=env,
                           stdout=subprocess.DEVNULL)
        if r.returncode != 0:
            raise SetupError(f"{why}: npm ci in {self.peers_dir} failed (status {r.returncode})")

    def wiremock_jar(self):
        self.need_command("java", "default-jre-headless", "WireMock runs on Java")
        self.npm_peers()
        jars = glob.glob(os.path.join(self.peers_dir, "node_modules", "wiremock", "build",
                                      "wiremock-standalone-*.jar"))
        if len(jars) != 1:
            raise SetupError(f"WireMock: expected one wiremock-standalone-*.jar in the npm package "
                             f"under {self.peers_dir}, found {len(jars)}")
        return jars[0]

    def oauth2_mock_server(self):
        self.npm_peers()
        version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout
        m = re.match(r"v(\d+)\.(\d+)", version.strip())
        if not m or (int(m.group(1)), int(m.group(2))) < NODE_MIN:
            raise SetupError(f"oauth2-mock-server 8.2.3 needs Node.js ^20.19 || ^22.12 || ^24; "
                             f"node is {version.strip() or 'unknown'}")
        path = os.path.join(self.peers_dir, "node_modules", "oauth2-mock-server", "dist",
                            "oauth2-mock-server.mjs")
        if not os.path.exists(path):
            raise SetupError(f"oauth2-mock-server: {path} is missing")
        return path


def package_version(peers_dir, name):
    try:
        with open(os.path.join(peers_dir, "node_modules", name, "package.json")) as f:
            return json.load(f).get("version", "?")
    except (OSError, ValueError):
        return "?"
