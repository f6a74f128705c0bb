"""The deployment (deploy/): no container runtime nor cluster runs here, so its files are checked
as files, offline and in a few seconds.

- the Kubernetes manifests (deploy/kubernetes/) against the Kubernetes JSON schemas bundled by
  kubernetes-validate (strict: an unknown field fails), and the rules issue #17 asks of them:
  who may reach Rasa and the action servers, probes, the autoscaler, non-root pods, secrets only
  from a Secret;
- the Compose file (deploy/compose.yml): each service's build target exists, each variable it
  passes is one a process reads, no secret written, only the database has a volume;
- the Dockerfile (deploy/images/Dockerfile): pinned bases, non-root USER, HEALTHCHECK, and every
  COPY let through by .dockerignore;
- HAProxy's configuration, with `haproxy -c` (Debian's haproxy, which .ci/run installs).
"""

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import yaml

from relais.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
KUBERNETES = DEPLOY / "kubernetes"
COMPOSE = DEPLOY / "compose.yml"
DOCKERFILE = DEPLOY / "images" / "Dockerfile"
ENV_EXAMPLE = DEPLOY / ".env.example"

# The process kinds: each a Dockerfile target, an image relais-<kind>, a Kubernetes component.
KINDS = ("rasa", "actions", "edge", "web")
# The oldest Kubernetes release still commonly run, and the newest the validator knows.
KUBERNETES_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())
SECRET_NAME = re.compile(r"(SECRET|TOKEN|PASSWORD|_KEY$|_AUTH$)")
# Variables the processes read that are not Relais' settings: Rasa's log level. (SANIC_WORKERS
# is a setting too: relais.settings checks it against REDIS_URL.)
THIRD_PARTY_VARIABLES = {"LOG_LEVEL"}
# What the images of PostgreSQL and Redis read (Redis's through the command line of compose.yml).
IMAGE_VARIABLES = {
    "postgres": {"POSTGRES_USER", "POSTGRES_DB", "POSTGRES_PASSWORD"},
    "redis": {"REDIS_PASSWORD", "REDISCLI_AUTH"},
}


# --- what the code reads --------------------------------------------------------------------------


def variables_the_code_reads() -> set[str]:
    """Relais' settings (pydantic: the field's name in capitals), the web space's own variables,
    the ${...} Rasa expands in the containers' endpoints.yml and credentials.yml, Rasa's own."""
    names = {name.upper() for name in Settings.__fields__}
    web_main = (ROOT / "web" / "__main__.py").read_text()
    names |= set(re.findall(r'environ\.get\("([A-Z_]+)"', web_main))
    for path in (DEPLOY / "rasa").glob("*.yml"):
        names |= set(re.findall(r"\$\{([A-Z_]+)\}", path.read_text()))
    return names | THIRD_PARTY_VARIABLES


def test_the_code_reads_the_variables_it_is_known_to_read():
    known = variables_the_code_reads()
    assert {"DATABASE_URL", "REDIS_URL", "WEB_SECRET_KEY", "ACTION_ENDPOINT_URL",
            "EDGE_CALLBACK_URL", "BRIDGE_HOST"} <= known


# --- Kubernetes -----------------------------------------------------------------------------------


def kustomization() -> dict[str, Any]:
    return yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())


def manifests() -> list[dict[str, Any]]:
    documents = []
    for name in kustomization()["resources"]:
        documents += [d for d in yaml.safe_load_all((KUBERNETES / name).read_text()) if d]
    return documents


def of_kind(kind: str) -> list[dict[str, Any]]:
    return [d for d in manifests() if d["kind"] == kind]


def workloads() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(the Deployment or Job, its pod template) for every workload."""
    for document in manifests():
        if document["kind"] in ("Deployment", "Job"):
            yield document, document["spec"]["template"]


def containers() -> Iterator[tuple[str, dict[str, Any]]]:
    for workload, template in workloads():
        for container in template["spec"]["containers"]:
            yield workload["metadata"]["name"], container


def component(labels: dict[str, str]) -> str:
    return labels["app.kubernetes.io/component"]


def test_the_kustomization_lists_every_manifest():
    listed = set(kustomization()["resources"])
    present = {p.name for p in KUBERNETES.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_validates_against_the_kubernetes_schemas(version):
    failures = []
    for document in manifests():
        try:
            kubernetes_validate.validate(document, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            where = "/".join(str(p) for p in error.path)
            failures.append(f"{document['kind']} {document['metadata']['name']}: {where}: "
                            f"{error.message}")
    assert not failures, "\n".join(failures)


def test_the_validator_refuses_a_broken_manifest():
    """The schemas are really applied (strict: an unknown field; a wrong type)."""
    deployment = next(d for d in of_kind("Deployment"))
    broken = yaml.safe_load(yaml.safe_dump(deployment))
    broken["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["httpGet"]["paht"] = "/"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSIONS[0], strict=True)
    broken = yaml.safe_load(yaml.safe_dump(deployment))
    broken["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSIONS[0], strict=True)


def test_one_deployment_per_process_kind_with_its_image():
    deployments = {component(d["metadata"]["labels"]): d for d in of_kind("Deployment")}
    assert set(deployments) == set(KINDS)
    targets = dockerfile_stages()
    for kind, deployment in deployments.items():
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        image, _, _ = container["image"].partition(":")
        assert image == f"relais-{kind}" and kind in targets
    # One edge per bot token: never two pollers of one token, even during a rollout.
    edge = deployments["edge"]["spec"]
    assert edge["replicas"] == 1 and edge["strategy"]["type"] == "Recreate"


def test_every_deployment_has_probes_and_resources():
    for name, container in containers():
        if name == "migrate":
            continue
        for probe in ("readinessProbe", "livenessProbe"):
            assert "httpGet" in container.get(probe, {}), f"{name}: no HTTP {probe}"
            port = container[probe]["httpGet"]["port"]
            assert port in {p["name"] for p in container["ports"]}, f"{name}: {probe} port"
    for name, container in containers():
        requests = container["resources"]["requests"]
        assert {"cpu", "memory"} <= set(requests), name
        assert "memory" in container["resources"]["limits"], name
    probes = {name: c["readinessProbe"]["httpGet"]["path"] for name, c in containers()
              if name != "migrate"}
    assert probes == {"rasa": "/", "actions": "/health", "edge": "/health", "web": "/connexion"}


def test_every_pod_runs_as_non_root_and_restricted():
    for workload, template in workloads():
        name = workload["metadata"]["name"]
        pod = template["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] != 0, name
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert pod["automountServiceAccountToken"] is False, name
        for container in pod["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["capabilities"]["drop"] == ["ALL"], name
    (namespace,) = of_kind("Namespace")
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"


def test_the_autoscaler_scales_the_rasa_servers():
    (hpa,) = of_kind("HorizontalPodAutoscaler")
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", "rasa")
    (rasa,) = [d for d in of_kind("Deployment") if d["metadata"]["name"] == "rasa"]
    assert hpa["spec"]["minReplicas"] >= 2 and hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]
    # A CPU utilisation target needs the pods' CPU request.
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert "cpu" in rasa["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]


def test_selectors_of_services_and_budgets_match_pods():
    pods = {d["metadata"]["name"]: d["spec"]["template"]["metadata"]["labels"]
            for d in of_kind("Deployment")}
    for document in of_kind("Service") + of_kind("PodDisruptionBudget"):
        selector = document["spec"]["selector"]
        selector = selector.get("matchLabels", selector)
        matching = [name for name, labels in pods.items() if selector.items() <= labels.items()]
        assert matching == [document["metadata"]["name"]], document["metadata"]["name"]
    assert {p["metadata"]["name"] for p in of_kind("PodDisruptionBudget")} >= {"rasa"}


def test_urls_between_processes_name_a_service_and_its_port():
    services = {s["metadata"]["name"]: {p["port"] for p in s["spec"]["ports"]}
                for s in of_kind("Service")}
    urls = 0
    for name, container in containers():
        for variable in container.get("env", []):
            if variable["name"].endswith("_URL") and "value" in variable:
                url = urlsplit(variable["value"])
                assert url.port in services.get(url.hostname, set()), f"{name}: {variable}"
                urls += 1
    assert urls >= 4


def test_secrets_come_from_a_secret_and_variables_are_read_by_the_code():
    known = variables_the_code_reads()
    for name, container in containers():
        for variable in container.get("env", []):
            assert variable["name"] in known, f"{name}: {variable['name']} is read by no process"
            if SECRET_NAME.search(variable["name"]) or variable["name"] in ("DATABASE_URL", "REDIS_URL"):
                reference = variable["valueFrom"]["secretKeyRef"]
                assert reference == {"name": "relais-secrets", "key": variable["name"]}
    # The Secret is the operator's (README, Deployment): none is written here.
    assert of_kind("Secret") == []


def test_each_process_gets_only_the_secrets_it_uses():
    given = {name: {v["name"] for v in c.get("env", []) if "valueFrom" in v} for name, c in containers()}
    assert given == {
        "rasa": {"DATABASE_URL", "REDIS_URL", "RASA_AUTH_TOKEN", "EDGE_SECRET", "ACTION_SERVER_SECRET"},
        "actions": {"DATABASE_URL", "ACTION_SERVER_SECRET"},
        "edge": {"DATABASE_URL", "TELEGRAM_BOT_TOKEN", "RASA_AUTH_TOKEN", "EDGE_SECRET",
                 "PSEUDONYM_SECRET"},
        "web": {"DATABASE_URL", "WEB_SECRET_KEY"},
        "migrate": {"DATABASE_URL"},
    }


def test_the_migration_job_runs_the_projects_migration():
    (job,) = of_kind("Job")
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["command"] == ["python", "-m", "relais.database"]
    assert container["image"].startswith("relais-edge:")
    # The edge's image holds what the migration reads.
    assert {"/app/migrations/", "/app/alembic.ini"} <= {c.destination for c in dockerfile_stages()["edge-app"].copies}


# --- NetworkPolicies ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Peer:
    component: str | None  # None: anything else than a pod of this namespace (namespace, ipBlock, all)
    ports: frozenset[int]


def policies_for(kind: str) -> list[dict[str, Any]]:
    """The NetworkPolicies that select the pods of a component (an empty selector: every pod)."""
    pod_labels = {"app.kubernetes.io/name": "relais", "app.kubernetes.io/component": kind}
    chosen = []
    for policy in of_kind("NetworkPolicy"):
        selector = policy["spec"]["podSelector"].get("matchLabels", {})
        if selector.items() <= pod_labels.items():
            chosen.append(policy)
    return chosen


def peers(kind: str, direction: str) -> set[Peer]:
    """Who may reach a component ("ingress"), or what it may reach ("egress")."""
    side = "from" if direction == "ingress" else "to"
    found = set()
    for policy in policies_for(kind):
        for rule in policy["spec"].get(direction, []):
            ports = frozenset(p["port"] for p in rule.get("ports", []))
            for peer in rule.get(side, [{}]):
                labels = peer.get("podSelector", {}).get("matchLabels")
                if labels and set(peer) == {"podSelector"}:
                    found.add(Peer(component(labels), ports))
                else:
                    found.add(Peer(None, ports))
    return found


def test_every_pod_is_denied_by_default():
    defaults = [p for p in of_kind("NetworkPolicy") if p["spec"]["podSelector"] == {}
                and "ingress" not in p["spec"] and "egress" not in p["spec"]]
    assert len(defaults) == 1 and set(defaults[0]["spec"]["policyTypes"]) == {"Ingress", "Egress"}


def test_policies_select_existing_pods():
    for policy in of_kind("NetworkPolicy"):
        labels = policy["spec"]["podSelector"].get("matchLabels")
        assert labels is None or component(labels) in KINDS, policy["metadata"]["name"]


def test_only_the_edge_and_the_web_space_reach_rasa():
    assert peers("rasa", "ingress") == {Peer("edge", frozenset({5005})), Peer("web", frozenset({5005}))}


def test_only_rasa_reaches_the_action_servers_but_the_edges_health_check():
    """Rasa, and the edge on the same port for GET /health (bot/rasa_client.py checks the action
    server before each turn; the action server refuses every other route without
    ACTION_SERVER_SECRET, which the edge is not given)."""
    assert peers("actions", "ingress") == {Peer("rasa", frozenset({5055})), Peer("edge", frozenset({5055}))}
    edge_secrets = {v["name"] for name, c in containers() if name == "edge" for v in c["env"]}
    assert "ACTION_SERVER_SECRET" not in edge_secrets


def test_only_rasa_reaches_the_edge_and_the_web_space_only_from_the_ingress():
    assert peers("edge", "ingress") == {Peer("rasa", frozenset({5034}))}
    (web,) = peers("web", "ingress")
    assert web.component is None and web.ports == {8080}


def test_egress_matches_ingress_and_every_pod_reaches_the_datastores():
    assert Peer("actions", frozenset({5055})) in peers("rasa", "egress")
    assert Peer("edge", frozenset({5034})) in peers("rasa", "egress")
    assert Peer("rasa", frozenset({5005})) in peers("edge", "egress")
    assert Peer("actions", frozenset({5055})) in peers("edge", "egress")
    for kind in (*KINDS, "migrate"):
        reachable = set().union(*(p.ports for p in peers(kind, "egress") if p.component is None))
        assert {53, 5432, 6379} <= reachable, kind
    # Only the edge goes out to the internet (Telegram's Bot API).
    for kind in KINDS:
        outside = set().union(*(p.ports for p in peers(kind, "egress") if p.component is None))
        assert (443 in outside) == (kind == "edge"), kind


# --- Rasa's configuration in the containers ------------------------------------------------------


def without_urls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_urls(v) for k, v in value.items() if k != "url"}
    return value


def test_the_containers_rasa_configuration_is_the_repositorys_but_for_the_urls():
    for name in ("endpoints.yml", "credentials.yml"):
        ours = yaml.safe_load((DEPLOY / "rasa" / name).read_text())
        theirs = yaml.safe_load((ROOT / name).read_text())
        assert without_urls(ours) == without_urls(theirs), name
    endpoints = yaml.safe_load((DEPLOY / "rasa" / "endpoints.yml").read_text())
    assert endpoints["action_endpoint"]["url"] == "${ACTION_ENDPOINT_URL}"


# --- the Dockerfile -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Copy:
    sources: tuple[str, ...]
    destination: str
    from_stage: str | None


@dataclass
class Stage:
    name: str
    base: str
    copies: list[Copy] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    healthcheck: str | None = None
    cmd: str | None = None
    args: dict[str, str] = field(default_factory=dict)


def instructions(text: str) -> Iterator[tuple[str, str]]:
    """(INSTRUCTION, its arguments) with continuation lines joined and comments left out."""
    logical = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or not stripped:
            continue
        if stripped.endswith("\\"):
            logical += stripped[:-1] + " "
            continue
        logical += stripped
        keyword, _, rest = logical.partition(" ")
        yield keyword.upper(), rest.strip()
        logical = ""


def dockerfile_stages() -> dict[str, Stage]:
    global_args: dict[str, str] = {}
    stages: dict[str, Stage] = {}
    stage: Stage | None = None
    for keyword, rest in instructions(DOCKERFILE.read_text()):
        if keyword == "ARG":
            name, _, default = rest.partition("=")
            (stage.args if stage else global_args)[name] = default.strip('"')
        elif keyword == "FROM":
            parts = re.split(r"\s+AS\s+", rest, flags=re.I)
            base = re.sub(r"\$\{(\w+)\}", lambda m: global_args[m.group(1)], parts[0])
            name = parts[1] if len(parts) > 1 else f"stage{len(stages)}"
            parent = stages.get(base)
            stage = Stage(name, base)
            if parent:  # what a stage built on another inherits
                stage.users, stage.healthcheck, stage.cmd = list(parent.users), parent.healthcheck, parent.cmd
            stages[name] = stage
        elif stage is None:
            raise AssertionError(f"{keyword} before any FROM")
        elif keyword == "COPY":
            words = rest.split()
            from_stage = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), None)
            paths = [w for w in words if not w.startswith("--")]
            stage.copies.append(Copy(tuple(paths[:-1]), paths[-1], from_stage))
        elif keyword == "USER":
            stage.users.append(rest)
        elif keyword == "HEALTHCHECK":
            stage.healthcheck = rest
        elif keyword == "CMD":
            stage.cmd = rest
    return stages


def test_the_dockerfile_has_a_target_per_process_kind():
    stages = dockerfile_stages()
    assert set(KINDS) <= set(stages)


def test_every_base_image_is_pinned():
    stages = dockerfile_stages()
    for stage in stages.values():
        if stage.base in stages:
            continue
        image, _, tag = stage.base.partition(":")
        assert re.fullmatch(r"\d+\.\d+\.\d+(-[a-z0-9-]+)?(@sha256:[0-9a-f]{64})?", tag), stage.base
    assert any(s.base.startswith("python:3.10.") for s in stages.values())


def test_every_target_runs_as_a_non_root_user_with_a_health_check():
    stages = dockerfile_stages()
    for kind in KINDS:
        stage = stages[kind]
        assert stage.users, f"{kind}: no USER"
        user = stage.users[-1].split(":")[0]
        assert user not in ("root", "0"), kind
        assert stage.healthcheck and "CMD" in stage.healthcheck, f"{kind}: no HEALTHCHECK"
        assert stage.cmd, f"{kind}: no CMD"
    for kind, path in (("rasa", "5005/'"), ("actions", "5055/health"), ("edge", "/health"),
                       ("web", "/connexion")):
        assert path in stages[kind].healthcheck, kind


def test_each_image_installs_its_own_requirements_without_the_dev_tools():
    stages = dockerfile_stages()
    for kind, venv, lock in (("rasa", "rasa-venv", "requirements.txt"),
                             ("actions", "rasa-venv", "requirements.txt"),
                             ("edge", "edge-venv", "requirements-edge.txt"),
                             ("web", "edge-venv", "requirements-edge.txt")):
        chain, stage = [], stages[kind]
        while stage:
            chain.append(stage)
            stage = stages.get(stage.base)
        froms = {c.from_stage for s in chain for c in s.copies if c.from_stage}
        assert froms == {venv}, kind
        assert [c.sources for c in stages[venv].copies] == [(lock,)], venv
        pinned = {line.split("==")[0].lower() for line in (ROOT / lock).read_text().splitlines()
                  if "==" in line}
        dev_only = {name.lower() for name in stages[venv].args["DEV_ONLY"].split("|")}
        assert dev_only <= pinned, f"{venv}: not in {lock}: {dev_only - pinned}"


def dockerignore_allows(path: str) -> bool:
    """Whether .dockerignore lets a path into the build context (its last matching rule wins;
    Docker's own matching, for the patterns used there)."""
    allowed = True
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!").rstrip("/")
        regex = re.escape(pattern).replace(r"\*\*/", "(.*/)?").replace(r"\*", "[^/]*")
        if re.fullmatch(f"{regex}(/.*)?", path.rstrip("/")):
            allowed = negate
    return allowed


def test_the_build_context_holds_what_the_images_copy_and_nothing_private():
    for stage in dockerfile_stages().values():
        for copy in stage.copies:
            if copy.from_stage:
                continue
            for source in copy.sources:
                assert dockerignore_allows(source), f"{source} is left out by .dockerignore"
                if not source.startswith("models/"):  # made by `make train`
                    assert (ROOT / source).exists(), source
    for private in (".venv", ".venv-edge", ".venv/bin/python", "var/secrets.env", "var/relais.db",
                    ".git", ".git/config", "models/other.tar.gz", "tests/edge", ".rasa",
                    "deploy/.env", "relais/__pycache__/x.pyc"):
        assert not dockerignore_allows(private), private
    assert dockerignore_allows("models/relais.tar.gz")


# --- Compose --------------------------------------------------------------------------------------


def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


def env_example() -> dict[str, str]:
    """The variables deploy/.env.example lists, set or commented out, with their values."""
    listed = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = re.fullmatch(r"#?([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            listed[match.group(1)] = match.group(2)
    return listed


def test_compose_builds_each_service_from_a_dockerfile_target():
    stages = dockerfile_stages()
    services = compose()["services"]
    built = {}
    for name, service in services.items():
        if "build" in service:
            build = service["build"]
            assert (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE
            assert build["target"] in stages, name
            assert service["image"].split(":")[0] == f"relais-{build['target']}", name
            built[name] = build["target"]
        else:  # an exact release (PostgreSQL numbers its releases major.minor)
            image, _, tag = service["image"].partition(":")
            assert re.fullmatch(r"\d+(\.\d+)+(-[a-z0-9-]+)?(@sha256:[0-9a-f]{64})?", tag), name
    assert set(KINDS) <= set(built.values())
    for kind in ("rasa", "actions"):
        assert "replicas" in services[kind]["deploy"], kind


def test_compose_health_checks_and_start_order():
    services = compose()["services"]
    stages = dockerfile_stages()
    for name, service in services.items():
        if name == "migrate":
            continue
        target = service.get("build", {}).get("target")
        assert "healthcheck" in service or (target and stages[target].healthcheck), name
        for dependency, condition in service.get("depends_on", {}).items():
            assert dependency in services, f"{name} -> {dependency}"
            assert condition["condition"] in ("service_healthy", "service_completed_successfully")
    for kind in KINDS:
        assert services[kind]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["python", "-m", "relais.database"]


def test_compose_keeps_a_volume_for_the_database_only():
    document = compose()
    assert set(document.get("volumes", {})) == {"postgres-data"}
    for name, service in document["services"].items():
        for volume in service.get("volumes", []):
            source, target, *mode = volume.split(":")
            if source in document["volumes"]:
                assert name == "postgres", f"{name} has a volume"
            else:  # a configuration file, read-only
                assert mode == ["ro"] and (COMPOSE.parent / source).is_file(), f"{name}: {volume}"


def test_compose_passes_only_variables_the_processes_read():
    known = variables_the_code_reads()
    for name, service in compose()["services"].items():
        variables = set(service.get("environment", {}))
        if "build" in service:
            unknown = variables - known
        else:
            unknown = variables - IMAGE_VARIABLES.get(name, set())
        assert not unknown, f"{name}: {unknown} read by no process"


def test_compose_writes_no_secret():
    for name, service in compose()["services"].items():
        for variable, value in service.get("environment", {}).items():
            if SECRET_NAME.search(variable):
                assert value is None or re.fullmatch(r"\$\{[A-Z_]+:\?[^}]*\}", value), f"{name}: {variable}"
            if variable in ("DATABASE_URL", "REDIS_URL"):  # scheme://user:${PASSWORD:?...}@host
                password = re.match(r"\w+://[^:/@]*:(\$\{[^}]*\})@", value)
                assert password and re.fullmatch(r"\$\{[A-Z_]+:\?[^}]*\}", password.group(1)), \
                    f"{name}: {variable}"


def test_env_example_lists_every_variable_and_no_secret():
    text = COMPOSE.read_text()
    listed = env_example()
    interpolated = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", text))
    passed_through = {v for s in compose()["services"].values()
                      for v, value in s.get("environment", {}).items() if value is None}
    assert interpolated | passed_through <= set(listed), (interpolated | passed_through) - set(listed)
    assert set(listed) <= interpolated | passed_through, set(listed) - interpolated - passed_through
    for variable, value in listed.items():
        if SECRET_NAME.search(variable):
            assert value == "", f"{variable} has a value in .env.example"


def test_no_token_or_key_is_written_anywhere_in_deploy():
    """Values that look like what secrets.token_urlsafe/token_hex make, or a bot token."""
    looks_secret = re.compile(r"(?<![\w:-])(\d{6,}:[\w-]{30,}|(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,})"
                              r"(?![\w-])")
    found = [f"{path.relative_to(ROOT)}: {match.group(0)[:8]}..."
             for path in [*DEPLOY.rglob("*"), ROOT / ".dockerignore"] if path.is_file()
             for match in looks_secret.finditer(path.read_text())]
    assert not found


# --- HAProxy --------------------------------------------------------------------------------------


HAPROXY = DEPLOY / "haproxy" / "haproxy.cfg"


def test_the_load_balancer_fronts_the_rasa_and_action_replicas():
    services = compose()["services"]
    templates = re.findall(r"server-template \w+ \d+ (\w+):(\d+)", HAPROXY.read_text())
    assert sorted(templates) == [("actions", "5055"), ("rasa", "5005")]
    for service, _ in templates:
        assert service in services
    # The processes behind it are named through it.
    assert services["rasa"]["environment"]["ACTION_ENDPOINT_URL"] == "http://lb:5055/webhook"
    assert services["edge"]["environment"]["RASA_URL"] == "http://lb:5005"
    # No request line in the log: Rasa's token is in the query string.
    assert not re.search(r"^\s*option\s+httplog", HAPROXY.read_text(), re.M)


def test_haproxy_accepts_the_configuration():
    if shutil.which("haproxy") is None:
        pytest.fail("haproxy is missing: install Debian's haproxy (`apt-get install -y haproxy`, as "
                    ".ci/run does); the configuration is checked, never skipped.", pytrace=False)
    result = subprocess.run(["haproxy", "-c", "-f", str(HAPROXY)], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
