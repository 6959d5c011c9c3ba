"""Names every part of bench/compare uses: the servers, the workloads, the paths."""
import collections
import os
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bench/compare
REPO = os.path.dirname(os.path.dirname(HERE))
SCHEMA = "sfmock-bench-compare/1"

# The servers, in the order the tables list them.
SERVERS = collections.OrderedDict([
    ("sfmock", "sfmock"),
    ("bare", "cpp-httplib bare"),
    ("wiremock", "WireMock (journal on)"),
    ("wiremock-nojournal", "WireMock --no-request-journal"),
    ("oauth2-mock-server", "oauth2-mock-server"),
])
ALIASES = {"oauth2": "oauth2-mock-server", "cpp-httplib": "bare",
           "wiremock-no-journal": "wiremock-nojournal"}
WORKLOADS = collections.OrderedDict([
    ("token", "token POST (client credentials)"),
    ("discovery", "discovery GET"),
    ("query", "REST query GET"),
])
QUERY_PATH = "/services/data/v67.0/query?q=SELECT+Id,Name+FROM+Account"
DISCOVERY_PATH = "/.well-known/openid-configuration"
SF_TOKEN_PATH = "/services/oauth2/token"
NODE_MIN = (20, 19)  # oauth2-mock-server 8.2.3: "engines": {"node": "^20.19 || ^22.12 || ^24"}


def log(message):
    print(message, file=sys.stderr, flush=True)


class SetupError(Exception):
    """A server (or a tool) could not be installed, built or started; the message says why."""
