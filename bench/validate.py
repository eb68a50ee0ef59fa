"""Benchmark of the validator: document check + rules in process, and the `validate` command.

    .venv/bin/python bench/validate.py [--repeat 40] [--runs 9] [--cfn-runs 3] [--write]

Generates documents of 100, 1,000 and 2,000 nodes (about 1.3 edges per node, regions holding
VPCs holding subnets, a mix of every component type, edges drawn from the catalog's allowed
connections plus a few unsupported ones) and prints:

- the median time of ``builder.document.validate`` and of ``builder.rules.run``, and their sum;
- the ratio 2,000 / 1,000 nodes (linear is 2.0);
- the whole-process wall and CPU time of ``manage.py validate``, ``python -m builder.rules``
  and ``manage.py validate`` through Django, on 10 and 1,000 nodes, next to ``cfn-lint`` on a
  SAM template of as many resources (when cfn-lint is installed: requirements-dev.txt).

``--write`` replaces the ``## validate`` section of bench/README.md with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder import catalog, document, rules  # noqa: E402  (after the path is set)

TARGET_1000_MS = 5.0
TARGET_RATIO = 2.2
TARGET_COMMAND_CPU_MS = 300.0  # manage.py validate, 10 nodes
TARGET_FREE_CPU_MS = 150.0  # python -m builder.rules, 10 nodes

REGIONS = ("ap-northeast-2", "us-east-1", "eu-west-1")
GLOBAL = [t.key for t in catalog.all_types() if t.global_service]
IN_SUBNET = ["rds.database", "rds.proxy", "elasticache.cluster", "dynamodb.dax", "aws.nat_gateway", "aws.vpc_endpoint"]
IN_REGION = [
    "s3.bucket",
    "dynamodb.table",
    "sqs.queue",
    "sns.topic",
    "eventbridge.rule",
    "stepfunctions.state_machine",
    "apigateway.api",
    "elb.alb",
    "ecs.fargate",
    "acm.certificate",
    "cloudwatch.alarm",
]


def _props(type_key: str, rnd: random.Random) -> dict[str, Any]:
    """Plausible props, a few of them out of AWS's limits so that rules have work to do."""
    if type_key == "lambda.function":
        return {
            "memory_mb": rnd.choice([128, 512, 1024, 2048, 20000]),
            "timeout_s": rnd.choice([3, 30, 60, 900, 1000]),
            "env": {f"KEY_{i}": "value" * rnd.randint(1, 20) for i in range(rnd.randint(0, 4))},
            "reserved_concurrency": rnd.choice([None, None, None, 10, 50]),
            "security_groups": rnd.choice([[], ["sg-1"]]),
        }
    if type_key == "sqs.queue":
        return {"visibility_timeout_s": rnd.choice([30, 180, 360, 5400])}
    if type_key == "dynamodb.table":
        return {
            "stream_enabled": rnd.random() < 0.7,
            "capacity_mode": rnd.choice(["on_demand", "provisioned"]),
            "traffic": rnd.choice(["steady", "spiky", "unknown"]),
            "expected_item_kb": rnd.choice([1, 50, 500]),
        }
    if type_key == "ecs.fargate":
        return {"cpu_vcpu": rnd.choice([0.25, 0.5, 1, 2]), "memory_mb": rnd.choice([512, 1024, 2048, 4096, 3000])}
    if type_key == "apigateway.api":
        return {"authorizer": rnd.choice(["none", "cognito", "iam"]), "endpoint_type": rnd.choice(["regional", "edge"])}
    if type_key == "aws.vpc_endpoint":
        return {"service": rnd.choice(["s3", "dynamodb", "sqs"])}
    if type_key == "lambda.edge_function":
        return {"trigger": rnd.choice(["viewer-request", "origin-request"]), "timeout_s": rnd.choice([3, 5, 10])}
    return {}


def make_document(size: int, seed: int = 1) -> dict[str, Any]:
    """A valid document of ``size`` nodes: ~5% containers, the rest spread over every type."""
    rnd = random.Random(seed)
    nodes: list[dict[str, Any]] = []

    def add(type_key: str, parent: str | None) -> str:
        node_id = f"n{len(nodes)}"
        node: dict[str, Any] = {
            "id": node_id,
            "type": type_key,
            "label": f"{type_key.split('.')[-1]} {len(nodes)}",
            "parent": parent,
            "position": {"x": rnd.randint(0, 2000), "y": rnd.randint(0, 2000)},
            "props": _props(type_key, rnd),
        }
        if type_key == "aws.region":
            node["props"] = {"region": rnd.choice(REGIONS)}
        if catalog.is_container(type_key):
            node["size"] = {"w": 800, "h": 600}
        nodes.append(node)
        return node_id

    regions = [add("aws.region", None) for _ in range(max(1, size // 400))]
    subnets: list[str] = []
    for r in regions:
        for _ in range(max(1, size // 300)):
            vpc = add("aws.vpc", r)
            subnets += [add("aws.subnet", vpc) for _ in range(3)]
    while len(nodes) < size:
        roll = rnd.random()
        if roll < 0.25:
            add("lambda.function", rnd.choice(subnets) if rnd.random() < 0.5 else rnd.choice(regions))
        elif roll < 0.35:
            add(rnd.choice(IN_SUBNET), rnd.choice(subnets))
        elif roll < 0.45:
            add(rnd.choice(GLOBAL), None)
        else:
            add(rnd.choice(IN_REGION), rnd.choice(regions))

    by_type: dict[str, list[str]] = {}
    for node in nodes:
        by_type.setdefault(node["type"], []).append(node["id"])
    sources = [n for n in nodes if catalog.get(n["type"]).connects_to]  # type: ignore[union-attr]
    edges: list[dict[str, Any]] = []
    want = round(size * 1.3)
    while len(edges) < want:
        if rnd.random() < 0.03:  # a few edges AWS does not support
            source, target = rnd.choice(nodes)["id"], rnd.choice(nodes)["id"]
        else:
            src = rnd.choice(sources)
            link = rnd.choice(catalog.get(src["type"]).connects_to)  # type: ignore[union-attr]
            if link.target not in by_type:
                continue
            source, target = src["id"], rnd.choice(by_type[link.target])
        edges.append({"id": f"e{len(edges)}", "source": source, "target": target})
    doc = {"schema": 1, "name": f"bench {size}", "region": "ap-northeast-2", "nodes": nodes, "edges": edges}
    document.validate(doc)  # the generator must make valid documents
    return doc


def median_ms(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def in_process(sizes: tuple[int, ...], repeat: int) -> dict[int, dict[str, float]]:
    """Medians per size. Sizes are timed in turn, round after round, so that a burst of load
    from other processes on this shared machine hits every size alike (the ratio stays fair)."""
    docs = {size: make_document(size) for size in sizes}
    for doc in docs.values():  # warm up (imports, caches) before timing
        rules.run(document.validate(doc))
    samples: dict[int, dict[str, list[float]]] = {s: {"check": [], "rules": [], "total": []} for s in sizes}
    for _ in range(repeat):
        for size, doc in docs.items():
            t0 = time.perf_counter()
            document.validate(doc)
            t1 = time.perf_counter()
            rules.run(doc)
            t2 = time.perf_counter()
            samples[size]["check"].append((t1 - t0) * 1000)
            samples[size]["rules"].append((t2 - t1) * 1000)
            samples[size]["total"].append((t2 - t0) * 1000)
    return {
        size: {
            **{k: statistics.median(v) for k, v in samples[size].items()},
            "findings": len(rules.run(docs[size])),
            "edges": len(docs[size]["edges"]),
        }
        for size in sizes
    }


def sam_template(resources: int) -> str:
    """A SAM template of about ``resources`` resources (functions fed by queues, tables, buckets,
    topics), for cfn-lint: the baseline a CloudFormation user already runs in CI."""
    lines = ["AWSTemplateFormatVersion: '2010-09-09'", "Transform: AWS::Serverless-2016-10-31", "Resources:"]
    for i in range(resources):
        kind = i % 5
        if kind == 0:
            lines += [f"  Queue{i}:", "    Type: AWS::SQS::Queue", "    Properties:", "      VisibilityTimeout: 180"]
        elif kind == 1:
            lines += [
                f"  Function{i}:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Runtime: python3.13",
                "      Handler: index.handler",
                "      InlineCode: 'def handler(event, context): return None'",
                "      MemorySize: 512",
                "      Timeout: 30",
                "      Events:",
                "        Jobs:",
                "          Type: SQS",
                "          Properties:",
                f"            Queue: !GetAtt Queue{i - 1}.Arn",
            ]
        elif kind == 2:
            lines += [
                f"  Table{i}:",
                "    Type: AWS::DynamoDB::Table",
                "    Properties:",
                "      BillingMode: PAY_PER_REQUEST",
                "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]",
                "      KeySchema: [{AttributeName: pk, KeyType: HASH}]",
            ]
        elif kind == 3:
            lines += [f"  Bucket{i}:", "    Type: AWS::S3::Bucket"]
        else:
            lines += [f"  Topic{i}:", "    Type: AWS::SNS::Topic"]
    return "\n".join(lines) + "\n"


def _run_cpu(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall and CPU (user + system) seconds of one process, and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def whole_process(docs: dict[int, dict[str, Any]], runs: int, cfn_runs: int) -> dict[tuple[str, int], dict[str, float]]:
    """Medians of wall and CPU time of each command on each document, runs interleaved (every
    command in turn, round after round) so that load from other processes hits them alike.

    Python writes .pyc files as a user's checkout does (PYTHONDONTWRITEBYTECODE removed), and
    a first round warms them and the file cache. cfn-lint takes about a minute on 1,000
    resources, so it runs ``cfn_runs`` times only."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    py = sys.executable
    cfn_lint = shutil.which("cfn-lint", path=str(Path(py).parent)) or shutil.which("cfn-lint")
    tmp = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    commands: dict[tuple[str, int], list[str]] = {}
    try:
        for size, doc in docs.items():
            path = tmp / f"doc-{size}.json"
            path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
            commands[("manage.py validate", size)] = [py, "manage.py", "validate", str(path), "--format", "json"]
            commands[("python -m builder.rules", size)] = [py, "-m", "builder.rules", str(path), "--format", "json"]
            commands[("manage.py validate through Django", size)] = [
                py, "manage.py", "validate", str(path), "--format", "json", "--verbosity", "1",
            ]  # fmt: skip
            if cfn_lint and cfn_runs > 0:
                template = tmp / f"template-{size}.yaml"
                template.write_text(sam_template(size), encoding="utf-8")
                commands[("cfn-lint (SAM template)", size)] = [cfn_lint, str(template)]
        samples: dict[tuple[str, int], list[tuple[float, float]]] = {key: [] for key in commands}
        for round_ in range(runs + 1):
            for key, cmd in commands.items():
                if key[0].startswith("cfn-lint") and round_ > cfn_runs:
                    continue
                wall, cpu, code = _run_cpu(cmd, env)
                ok = code in (0, 1) if key[0] != "cfn-lint (SAM template)" else code in (0, 2, 4, 6, 8, 10, 12, 14)
                assert ok, f"{key}: exit {code}"
                if round_:  # round 0 warms up
                    samples[key].append((wall, cpu))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        key: {"wall": statistics.median(w for w, _ in v) * 1000, "cpu": statistics.median(c for _, c in v) * 1000}
        for key, v in samples.items()
    }


def write_readme(text: str) -> None:
    """Replace (or append) the ``## validate`` section of bench/README.md, leaving the others."""
    readme = ROOT / "bench" / "README.md"
    current = readme.read_text(encoding="utf-8") if readme.exists() else "# Benchmarks\n"
    section = "## validate\n\n" + text.strip() + "\n"
    pattern = re.compile(r"^## validate\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        new = pattern.sub(lambda _: section + "\n", current, count=1).rstrip() + "\n"
    else:
        new = current.rstrip() + "\n\n" + section
    readme.write_text(new, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=40, help="timings per size in process (median)")
    parser.add_argument("--runs", type=int, default=9, help="runs of each command per size (median)")
    parser.add_argument("--cfn-runs", type=int, default=3, help="runs of cfn-lint per size (median)")
    parser.add_argument("--write", action="store_true", help="write the figures into bench/README.md")
    args = parser.parse_args()

    sizes = (100, 1000, 2000)
    res = in_process(sizes, args.repeat)
    lines = [
        f"Machine: {platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs (shared). `python bench/validate.py` (medians of {args.repeat} in-process rounds, "
        f"sizes interleaved).",
        "",
        "| nodes | edges | findings | document check | rules | check + rules |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        r = res[size]
        lines.append(
            f"| {size:,} | {r['edges']:,} | {r['findings']:,} | {r['check']:.2f} ms | {r['rules']:.2f} ms "
            f"| {r['total']:.2f} ms |"
        )
    ratio = res[2000]["total"] / res[1000]["total"]
    procs = whole_process({10: make_document(10), 1000: make_document(1000)}, args.runs, args.cfn_runs)
    manage_cpu = procs[("manage.py validate", 10)]["cpu"]
    free_cpu = procs[("python -m builder.rules", 10)]["cpu"]
    ok = (
        res[1000]["total"] < TARGET_1000_MS,
        ratio < TARGET_RATIO,
        manage_cpu < TARGET_COMMAND_CPU_MS,
        free_cpu < TARGET_FREE_CPU_MS,
    )
    lines += [
        "",
        f"- 1,000 nodes, check + rules: **{res[1000]['total']:.2f} ms** (target < {TARGET_1000_MS:g} ms: "
        f"{'met' if ok[0] else 'MISSED'})",
        f"- 2,000 / 1,000 nodes: **{ratio:.2f}x** (target < {TARGET_RATIO}x: {'met' if ok[1] else 'MISSED'})",
        f"- Where the time goes at 1,000 nodes: the document check is "
        f"{100 * res[1000]['check'] / (res[1000]['check'] + res[1000]['rules']):.0f}% of check + rules.",
        "",
        f"Whole processes (`--format json`), medians of {args.runs} interleaved runs after a warm-up round "
        + (f"({args.cfn_runs} for cfn-lint); " if args.cfn_runs > 0 else "(cfn-lint not run: --cfn-runs 0); ")
        + "CPU is user + system time of the process. cfn-lint runs on a generated SAM template with as many "
        "resources as the document has nodes (queues, functions with an SQS event, tables, buckets, topics).",
        "",
        "| command | 10: wall | 10: CPU | 1,000: wall | 1,000: CPU |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name in dict.fromkeys(k[0] for k in procs):
        a, b = procs[(name, 10)], procs[(name, 1000)]
        lines.append(f"| {name} | {a['wall']:.0f} ms | {a['cpu']:.0f} ms | {b['wall']:.0f} ms | {b['cpu']:.0f} ms |")
    lines += [
        "",
        f"- `manage.py validate`, 10 nodes: **{manage_cpu:.0f} ms CPU** (target < {TARGET_COMMAND_CPU_MS:g} ms: "
        f"{'met' if ok[2] else 'MISSED'}); it hands over to the Django-free path before Django starts. "
        '"through Django" is the same command with a Django option, so with Django\'s start-up.',
        f"- `python -m builder.rules`, 10 nodes: **{free_cpu:.0f} ms CPU** (target < {TARGET_FREE_CPU_MS:g} ms: "
        f"{'met' if ok[3] else 'MISSED'}).",
    ]
    if ("cfn-lint (SAM template)", 10) in procs:
        c10, c1000 = procs[("cfn-lint (SAM template)", 10)], procs[("cfn-lint (SAM template)", 1000)]
        lines.append(
            f"- Against cfn-lint in the same run: {c10['wall'] / procs[('python -m builder.rules', 10)]['wall']:.1f}x "
            f"the Django-free validator's wall time at 10, "
            f"{c1000['wall'] / procs[('python -m builder.rules', 1000)]['wall']:.1f}x at 1,000."
        )
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_readme(text)
    return 0 if all(ok) else 1


if __name__ == "__main__":
    raise SystemExit(main())
