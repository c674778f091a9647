#!/usr/bin/env python3
"""Checks the structure of Klage's deployment files, without Docker or a cluster.

    .build/tools-venv/bin/python3 Deploy/check-deploy.py compose      # compose.yaml and haproxy.cfg
    .build/tools-venv/bin/python3 Deploy/check-deploy.py kubernetes   # kubernetes/*.yaml, how they fit together
    .build/tools-venv/bin/python3 Deploy/check-deploy.py image        # Dockerfile and .dockerignore

Prints one line per problem and exits 1 when there is any, 0 (silently) when there is none. Needs
PyYAML (`Deploy/setup-debian.sh --with-test-tools` installs it in .build/tools-venv). The syntax of
each file is the linters' business (hadolint, kubernetes-validate); this checks what they cannot:
that the pieces point at each other. Run by Tests/KlageServerTests/DeployFilesTests.swift.
"""

import glob
import json
import os
import re
import sys
from urllib.parse import urlsplit

import yaml

DEPLOY = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(DEPLOY)
problems = []


def problem(text):
    problems.append(text)


def command_of(service):
    command = service.get("command")
    return command if isinstance(command, list) else (command.split() if isinstance(command, str) else [])


def depends(service, name, condition):
    depends_on = service.get("depends_on") or {}
    if isinstance(depends_on, list):
        return False
    return (depends_on.get(name) or {}).get("condition") == condition


def check_compose():
    path = os.path.join(DEPLOY, "compose.yaml")
    with open(path) as file:
        compose = yaml.safe_load(file)
    services = compose.get("services") or {}
    for name in ("postgres", "migrate", "proxy"):
        if name not in services:
            problem(f"compose.yaml: no service {name}")
    postgres = services.get("postgres") or {}
    if not str(postgres.get("image", "")).startswith("postgres:15"):
        problem(f"compose.yaml: postgres runs {postgres.get('image')!r}, not postgres:15")
    if "healthcheck" not in postgres:
        problem("compose.yaml: postgres has no healthcheck (the migration waits for it)")
    pg_env = postgres.get("environment") or {}

    instances = {name: s for name, s in services.items() if command_of(s)[:1] == ["serve"]}
    if len(instances) < 2:
        problem(f"compose.yaml: {len(instances)} klage instances (command serve), want 2 or more")
    migrate = services.get("migrate") or {}
    if command_of(migrate)[:1] != ["migrate"]:
        problem("compose.yaml: the migrate service does not run `klage migrate`")
    if not depends(migrate, "postgres", "service_healthy"):
        problem("compose.yaml: migrate does not wait for postgres to be healthy")
    if migrate.get("restart") not in ("no", None):
        problem("compose.yaml: migrate is one-shot, but restarts")

    urls = {}
    for name, service in {**instances, "migrate": migrate}.items():
        env = service.get("environment") or {}
        if isinstance(env, list):
            env = dict(item.split("=", 1) for item in env)
        url, owner = env.get("KLAGE_DATABASE_URL"), env.get("KLAGE_MIGRATION_DATABASE_URL")
        if not url or not owner:
            problem(f"compose.yaml: {name} has no KLAGE_DATABASE_URL (the runtime login) or KLAGE_MIGRATION_DATABASE_URL (the owner's)")
            continue
        urls[name] = (url, owner)
        if name != "migrate" and not depends(service, "migrate", "service_completed_successfully"):
            problem(f"compose.yaml: {name} does not wait for the migration to complete")
        if name != "migrate" and "/readyz" not in json.dumps((service.get("healthcheck") or {}).get("test")):
            problem(f"compose.yaml: {name} has no healthcheck on /readyz")
        if name != "migrate" and not env.get("KLAGE_TRUSTED_PROXIES"):
            problem(f"compose.yaml: {name} has no KLAGE_TRUSTED_PROXIES: behind HAProxy every citizen would share one address")
        if str(env.get("KLAGE_CONSOLE_INSECURE_COOKIES", "")).lower() in ("1", "true", "yes"):
            problem(f"compose.yaml: {name} sets KLAGE_CONSOLE_INSECURE_COOKIES: the console cookie would travel without Secure")
    if len(set(urls.values())) > 1:
        problem(f"compose.yaml: the klage services use different databases: {urls}")
    for pair in set(urls.values()):
        for variable, url in zip(("KLAGE_DATABASE_URL", "KLAGE_MIGRATION_DATABASE_URL"), pair):
            # ${VARIABLE:?message} is compose's interpolation, filled in by `docker compose`.
            parts = urlsplit(re.sub(r"\$\{[^}]*\}", "${}", url))
            if parts.scheme not in ("postgres", "postgresql"):
                problem(f"compose.yaml: {variable} is not PostgreSQL: {url}")
            if parts.hostname not in services or not str(services[parts.hostname].get("image", "")).startswith("postgres:"):
                problem(f"compose.yaml: {variable}'s host {parts.hostname!r} is not the postgres service")
            if parts.path.lstrip("/") != pg_env.get("POSTGRES_DB"):
                problem(f"compose.yaml: {variable}'s database is not postgres' POSTGRES_DB")
            owns = parts.username == pg_env.get("POSTGRES_USER")
            if owns != (variable == "KLAGE_MIGRATION_DATABASE_URL"):
                problem(f"compose.yaml: {variable}'s user {'owns' if owns else 'does not own'} the tables; only the migration login may")
            if parts.password is not None and parts.password != "${}":
                problem(f"compose.yaml: {variable} holds a literal password; take it from the environment")
    init = [v for v in postgres.get("volumes") or [] if str(v).split(":")[1:2] == ["/docker-entrypoint-initdb.d"]]
    if not init or not os.path.isfile(os.path.join(DEPLOY, str(init[0]).split(":")[0], "runtime-login.sh")):
        problem("compose.yaml: postgres does not make the runtime login (postgres-init/runtime-login.sh in /docker-entrypoint-initdb.d)")

    for name, service in services.items():
        for secret in service.get("secrets") or []:
            secret_name = secret if isinstance(secret, str) else secret.get("source")
            if secret_name not in (compose.get("secrets") or {}):
                problem(f"compose.yaml: {name} uses secret {secret_name}, which is not defined")
    if "POSTGRES_PASSWORD" in pg_env:
        problem("compose.yaml: postgres takes its password as plain environment; use POSTGRES_PASSWORD_FILE and a secret")

    proxy = services.get("proxy") or {}
    configs = [volume.split(":")[0] for volume in proxy.get("volumes") or [] if isinstance(volume, str)]
    configs = [os.path.normpath(os.path.join(DEPLOY, source)) for source in configs if source.startswith(".")]
    if not configs or not all(os.path.isfile(config) for config in configs):
        problem(f"compose.yaml: the proxy's configuration file is missing: {configs}")
        return
    for name in instances:
        if not depends(proxy, name, "service_healthy"):
            problem(f"compose.yaml: the proxy does not wait for {name} to be healthy")
    with open(configs[0]) as file:
        config = file.read()
    servers = re.findall(r"^\s*server\s+\S+\s+([\w.-]+):(\d+)", config, re.M)
    targets = {host for host, port in servers if port == "8080"}
    for name in instances:
        if name not in targets:
            problem(f"{os.path.basename(configs[0])}: no server {name}:8080 in the proxy's backend")
    for host, _ in servers:
        if host not in instances:
            problem(f"{os.path.basename(configs[0])}: server {host} is not a klage instance of compose.yaml")
    if not re.search(r"^\s*http-check\s+send\s+meth\s+GET\s+uri\s+/readyz\b", config, re.M):
        problem(f"{os.path.basename(configs[0])}: the backend does not check GET /readyz")
    if not re.search(r"^\s*option\s+httpchk\b", config, re.M):
        problem(f"{os.path.basename(configs[0])}: the backend has no `option httpchk`")
    # The edge proxy overwrites X-Forwarded-Proto (HSTS and the cookie's Secure flag follow it) and appends X-Forwarded-For.
    for value in ("https if { ssl_fc }", "http if !{ ssl_fc }"):
        if not re.search(rf"^\s*http-request\s+set-header\s+X-Forwarded-Proto\s+{re.escape(value)}", config, re.M):
            problem(f"{os.path.basename(configs[0])}: X-Forwarded-Proto is not set to `{value}` (a client could claim TLS)")
    if not re.search(r"^\s*option\s+forwardfor\b", config, re.M):
        problem(f"{os.path.basename(configs[0])}: no `option forwardfor`: Klage would see every citizen as the proxy")
    published = [str(port).rsplit(":", 1)[0].rsplit(":", 1)[-1] for port in proxy.get("ports") or []]
    binds = re.findall(r"^\s*bind\s+\S*:(\d+)", config, re.M)
    for port in proxy.get("ports") or []:
        if str(port).rsplit(":", 1)[-1] not in binds:
            problem(f"compose.yaml: the proxy publishes {port}, but haproxy binds {binds}")
    if not published:
        problem("compose.yaml: the proxy publishes no port")


def containers_of(resource):
    spec = resource.get("spec") or {}
    template = (spec.get("template") or {}).get("spec") or {}
    return template, template.get("containers") or []


def check_kubernetes():
    folder = os.path.join(DEPLOY, "kubernetes")
    resources = []
    for name in sorted(os.listdir(folder)):
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, name)) as file:
                resources += [(name, document) for document in yaml.safe_load_all(file) if document]
    by_kind = {}
    for name, resource in resources:
        by_kind.setdefault(resource.get("kind"), []).append((name, resource))
    for kind in ("Deployment", "Service", "ConfigMap", "Secret", "Job", "Ingress"):
        if kind not in by_kind:
            problem(f"kubernetes/: no {kind}")
    namespaces = {r["metadata"]["name"] for _, r in by_kind.get("Namespace", [])}
    for name, resource in resources:
        namespace = resource["metadata"].get("namespace")
        if resource.get("kind") != "Namespace" and namespaces and namespace not in namespaces:
            problem(f"kubernetes/{name}: {resource['kind']} is in namespace {namespace!r}, not {sorted(namespaces)}")

    config_maps = {r["metadata"]["name"]: r.get("data") or {} for _, r in by_kind.get("ConfigMap", [])}
    secrets = {}
    for name, secret in by_kind.get("Secret", []):
        data = {**(secret.get("data") or {}), **(secret.get("stringData") or {})}
        secrets[secret["metadata"]["name"]] = data
        for key, value in (secret.get("stringData") or {}).items():
            if "PLACEHOLDER" not in str(value):
                problem(f"kubernetes/{name}: {key} is not marked as an example PLACEHOLDER")
    for map_name, data in config_maps.items():
        for key, value in data.items():
            if key.endswith(".json"):
                try:
                    parsed = json.loads(value)
                except ValueError as error:
                    problem(f"kubernetes/: ConfigMap {map_name} key {key} is not JSON: {error}")
                    continue
                if key != "klage.json" and not all(field in parsed for field in ("id", "name", "plugins")):
                    problem(f"kubernetes/: ConfigMap {map_name} key {key} is not a tenant (id, name, plugins)")

    def check_pod(file, resource, command):
        pod, containers = containers_of(resource)
        volumes = {v["name"]: v for v in pod.get("volumes") or []}
        security = pod.get("securityContext") or {}
        if not security.get("runAsNonRoot"):
            problem(f"kubernetes/{file}: the pod does not set runAsNonRoot")
        klage = [c for c in containers if (c.get("args") or [""])[0] == command]
        if not klage:
            problem(f"kubernetes/{file}: no container runs `klage {command}`")
            return None
        container = klage[0]
        if not (container.get("securityContext") or {}).get("readOnlyRootFilesystem"):
            problem(f"kubernetes/{file}: the container's root filesystem is writable")
        resources = container.get("resources") or {}
        for part in ("requests", "limits"):
            if not {"cpu", "memory"} <= set((resources.get(part) or {}).keys()):
                problem(f"kubernetes/{file}: the container has no cpu and memory {part}")
        if command == "serve" and not any(e.get("name") == "KLAGE_TRUSTED_PROXIES" for e in container.get("env") or []):
            problem(f"kubernetes/{file}: no KLAGE_TRUSTED_PROXIES: behind the ingress every citizen would share one address")
        for variable in container.get("env") or []:
            if variable.get("name") == "KLAGE_CONSOLE_INSECURE_COOKIES" and str(variable.get("value", "")).lower() in ("1", "true", "yes"):
                problem(f"kubernetes/{file}: KLAGE_CONSOLE_INSECURE_COOKIES is set: the console cookie would travel without Secure")
        keys = {}
        for name in ("KLAGE_DATABASE_URL", "KLAGE_MIGRATION_DATABASE_URL"):
            database = [e for e in container.get("env") or [] if e.get("name") == name]
            ref = ((database[0].get("valueFrom") or {}).get("secretKeyRef") or {}) if database else {}
            if ref.get("key") not in secrets.get(ref.get("name"), {}):
                problem(f"kubernetes/{file}: {name} does not come from a key of a Secret here")
            keys[name] = (ref.get("name"), ref.get("key"))
        if keys["KLAGE_DATABASE_URL"] == keys["KLAGE_MIGRATION_DATABASE_URL"]:
            problem(f"kubernetes/{file}: the runtime login is the migration login: it would own the tables")
        args = container.get("args") or []
        config = args[args.index("--config") + 1] if "--config" in args[:-1] else None
        mounts = {m["mountPath"]: volumes.get(m["name"], {}) for m in container.get("volumeMounts") or []}
        directory = os.path.dirname(config or "")
        source = (mounts.get(directory) or {}).get("configMap", {}).get("name")
        if config is None or os.path.basename(config) not in config_maps.get(source, {}):
            problem(f"kubernetes/{file}: --config {config} is not a key of a ConfigMap mounted at {directory}")
        else:
            try:
                folder = json.loads(config_maps[source][os.path.basename(config)]).get("tenantsFolder")
            except ValueError:
                return container  # reported above
            tenants = (mounts.get(os.path.join(directory, folder or "")) or {}).get("configMap", {}).get("name")
            if folder and tenants not in config_maps:
                problem(f"kubernetes/{file}: the tenantsFolder {folder} is not a ConfigMap mounted beside {config}")
        return container

    for file, deployment in by_kind.get("Deployment", []):
        if (deployment["spec"].get("replicas") or 1) < 2:
            problem(f"kubernetes/{file}: fewer than 2 replicas")
        container = check_pod(file, deployment, "serve")
        if container:
            for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
                if ((container.get(probe) or {}).get("httpGet") or {}).get("path") != path:
                    problem(f"kubernetes/{file}: the {probe} does not GET {path}")
            ports = {p.get("name"): p.get("containerPort") for p in container.get("ports") or []}
            labels = deployment["spec"]["template"]["metadata"].get("labels") or {}
            for service_file, service in by_kind.get("Service", []):
                selector = service["spec"].get("selector") or {}
                if not selector or any(labels.get(k) != v for k, v in selector.items()):
                    problem(f"kubernetes/{service_file}: the selector does not pick the Deployment's pods")
                for port in service["spec"].get("ports") or []:
                    target = port.get("targetPort")
                    if target not in ports and target not in ports.values():
                        problem(f"kubernetes/{service_file}: targetPort {target} is no port of the container")
            for pdb_file, pdb in by_kind.get("PodDisruptionBudget", []):
                selector = (pdb["spec"].get("selector") or {}).get("matchLabels") or {}
                if not selector or any(labels.get(k) != v for k, v in selector.items()):
                    problem(f"kubernetes/{pdb_file}: the selector does not pick the Deployment's pods")
    for file, job in by_kind.get("Job", []):
        check_pod(file, job, "migrate")
    # The ingress terminates TLS and sends X-Forwarded-Proto (ingress-nginx does by default); plain HTTP is redirected.
    for file, ingress in by_kind.get("Ingress", []):
        if not (ingress.get("spec") or {}).get("tls"):
            problem(f"kubernetes/{file}: the Ingress terminates no TLS")
        annotations = (ingress.get("metadata") or {}).get("annotations") or {}
        if str(annotations.get("nginx.ingress.kubernetes.io/ssl-redirect", "true")).lower() != "true":
            problem(f"kubernetes/{file}: plain HTTP is not redirected to HTTPS")


def check_image():
    with open(os.path.join(DEPLOY, "Dockerfile")) as file:
        dockerfile = file.read()
    stages = re.findall(r"^FROM\s+(\S+)", dockerfile, re.M | re.I)
    if len(stages) < 2 or not stages[0].startswith("swift:6") or not stages[-1].startswith("debian:bookworm-slim"):
        problem(f"Dockerfile: stages {stages}, want swift:6.x then debian:bookworm-slim")
    for instruction in ("HEALTHCHECK", "EXPOSE 8080", "ENTRYPOINT", "USER"):
        if not re.search(rf"^{instruction}\b", dockerfile, re.M):
            problem(f"Dockerfile: no {instruction}")
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    if users and users[-1].split(":")[0] in ("root", "0"):
        problem("Dockerfile: the image runs as root")
    for command in re.findall(r"swift (?:package resolve|build)[^\n]*", dockerfile):
        if "--show-bin-path" not in command and "--force-resolved-versions" not in command:
            problem(f"Dockerfile: `{command}` may resolve afresh instead of using Package.resolved")
    if not re.search(r"^COPY\s+[^\n]*Package\.resolved", dockerfile, re.M):
        problem("Dockerfile: Package.resolved is not copied into the build")
    if "--static-swift-stdlib" not in dockerfile:
        problem("Dockerfile: the Swift runtime is not linked statically")
    for source in re.findall(r"^COPY\s+(?!--from)(\S+)", dockerfile, re.M):
        if not glob.glob(os.path.join(ROOT, source)):
            problem(f"Dockerfile: COPY {source}, which is not in the repository")
    with open(os.path.join(ROOT, ".dockerignore")) as file:
        ignored = {line.strip().rstrip("/") for line in file if line.strip() and not line.startswith("#")}
    for needed in (".build", ".git"):
        if needed not in ignored:
            problem(f".dockerignore: {needed} is sent to the build")
    for source in ("Package.swift", "Package.resolved", "Sources", "Plugins", "BuildTools", "Config", "Tests", "LICENSE"):
        if source in ignored:
            problem(f".dockerignore: {source} is ignored, but the build copies it")


checks = {"compose": check_compose, "kubernetes": check_kubernetes, "image": check_image}
if len(sys.argv) != 2 or sys.argv[1] not in checks:
    sys.exit(f"usage: check-deploy.py {'|'.join(checks)}")
checks[sys.argv[1]]()
for line in problems:
    print(line)
sys.exit(1 if problems else 0)
