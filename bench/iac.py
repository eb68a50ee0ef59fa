"""Benchmark of infrastructure as code: import and export of a 500-resource SAM template.

    .venv/bin/python bench/iac.py [--repeat 5] [--runs 3] [--write]

Generates a SAM template of 500 resources (CloudFormation's quota for one template): 150
functions with API, SQS, DynamoDB-stream and schedule events, policy templates and Globals,
100 tables, 100 queues, 60 topics, 40 buckets, 20 APIs, a VPC with subnets and 28 IAM roles and
log groups the diagram does not draw, with comments. Prints, in the same run:

- in process (medians of ``--repeat``): import with and without the Graphviz layout, export
  of the unedited import (the original text), export after editing one function (ruamel.yaml
  round trip laid over the original), draw.io export; next to ``cfn-lint``'s own template
  decoder and a full ``cfn-lint`` run on the same template (cfnlint.api);
- whole process (medians of ``--runs``): ``manage.py import`` and ``manage.py export``,
  ``python -m builder.rules TEMPLATE`` (import + rules, no Django), next to the ``cfn-lint``
  command on the same template.

``--write`` replaces the ``## iac`` section of bench/README.md with the figures.
"""

from __future__ import annotations

import argparse
import copy
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.iac import export, import_file  # noqa: E402  (after the path is set)
from builder.iac.sam_import import import_template  # noqa: E402


def template(total: int = 500) -> str:
    """A SAM template of ``total`` resources, as people write them (comments, short forms)."""
    out = [
        "AWSTemplateFormatVersion: '2010-09-09'",
        "Transform: AWS::Serverless-2016-10-31",
        "Description: Benchmark template (500 resources)",
        "Globals:",
        "  Function:",
        "    Runtime: python3.13",
        "    MemorySize: 512",
        "    Timeout: 20",
        "Resources:",
    ]
    counts = {"fn": 150, "table": 100, "queue": 100, "topic": 60, "bucket": 40, "api": 20, "net": 2}
    net = ["  Vpc:", "    Type: AWS::EC2::VPC", "    Properties:", "      CidrBlock: 10.0.0.0/16"]
    net += [
        "  SubnetA:",
        "    Type: AWS::EC2::Subnet",
        "    Properties:",
        "      VpcId: !Ref Vpc",
        "      CidrBlock: 10.0.1.0/24",
    ]
    out += net
    n = 2
    for i in range(counts["api"]):
        out += [f"  Api{i}:", "    Type: AWS::Serverless::Api", "    Properties:", "      StageName: prod"]
    for i in range(counts["table"]):
        out += [
            f"  # Table {i}: orders of shard {i}",
            f"  Table{i}:",
            "    Type: AWS::DynamoDB::Table",
            "    Properties:",
        ]
        out += ["      BillingMode: PAY_PER_REQUEST", "      StreamSpecification:", "        StreamViewType: NEW_IMAGE"]
        out += ["      AttributeDefinitions:", "        - AttributeName: pk", "          AttributeType: S"]
        out += ["      KeySchema:", "        - AttributeName: pk", "          KeyType: HASH"]
    for i in range(counts["queue"]):
        out += [f"  Queue{i}:", "    Type: AWS::SQS::Queue", "    Properties:", "      VisibilityTimeout: 180"]
    for i in range(counts["topic"]):
        out += [f"  Topic{i}:", "    Type: AWS::SNS::Topic"]
    for i in range(counts["bucket"]):
        out += [f"  Bucket{i}:", "    Type: AWS::S3::Bucket"]
    n += counts["api"] + counts["table"] + counts["queue"] + counts["topic"] + counts["bucket"]
    for i in range(counts["fn"]):
        kind = i % 4
        event = {
            0: [
                f"        Http{i}:",
                "          Type: Api",
                "          Properties:",
                f"            RestApiId: !Ref Api{i % 20}",
                "            Path: /items",
                "            Method: GET",
            ],
            1: [
                f"        Jobs{i}:",
                "          Type: SQS",
                "          Properties:",
                f"            Queue: !GetAtt Queue{i % 100}.Arn",
            ],
            2: [
                f"        Stream{i}:",
                "          Type: DynamoDB",
                "          Properties:",
                f"            Stream: !GetAtt Table{i % 100}.StreamArn",
                "            StartingPosition: LATEST",
            ],
            3: [
                f"        Tick{i}:",
                "          Type: Schedule",
                "          Properties:",
                "            Schedule: rate(5 minutes)",
            ],
        }[kind]
        out += [
            f"  Function{i}:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            f"      Handler: app.handler{i}",
        ]
        out += [
            "      CodeUri: src/",
            "      Environment:",
            "        Variables:",
            f"          TABLE: !Ref Table{(i + 1) % 100}",
        ]
        out += ["      Policies:", "        - DynamoDBCrudPolicy:", f"            TableName: !Ref Table{(i + 1) % 100}"]
        out += ["        - SNSPublishMessagePolicy:", f"            TopicName: !GetAtt Topic{i % 60}.TopicName"]
        out += ["      Events:", *event]
        n += 1
    i = 0
    while n < total:
        out += [f"  Log{i}:", "    Type: AWS::Logs::LogGroup", "    Properties:", "      RetentionInDays: 7"]
        n, i = n + 1, i + 1
    return "\n".join(out) + "\n"


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def process_ms(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
        times.append((time.perf_counter() - t0) * 1000)
        if proc.returncode not in (0, 1, 2, 4, 6, 8, 10, 12):  # cfn-lint's codes are bit flags
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write the figures into bench/README.md")
    args = parser.parse_args()
    from cfnlint.api import ManualArgs, lint
    from cfnlint.decode import decode_str

    text = template()
    imported = import_file(text)
    doc = imported.document
    edited = copy.deepcopy(doc)
    next(n for n in edited["nodes"] if n["id"] == "Function7")["props"]["memory_mb"] = 2048
    assert export(doc, "sam") == text
    assert export(edited, "sam").count("MemorySize: 2048") == 1
    rows = [
        ("import (with layout)", median_ms(lambda: import_file(text), args.repeat)),
        ("import (no layout)", median_ms(lambda: import_template(text, arrange=False), args.repeat)),
        ("export, unedited", median_ms(lambda: export(doc, "sam"), args.repeat)),
        ("export after one edit", median_ms(lambda: export(edited, "sam"), args.repeat)),
        ("draw.io export", median_ms(lambda: export(doc, "drawio"), args.repeat)),
        ("cfn-lint's decoder (decode_str)", median_ms(lambda: decode_str(text), args.repeat)),
        (
            "cfn-lint (cfnlint.api.lint)",
            median_ms(lambda: lint(text, config=ManualArgs(regions=["us-east-1"])), max(1, args.repeat // 2)),
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        tpl = Path(tmp) / "template.yaml"
        tpl.write_text(text)
        out_json = Path(tmp) / "doc.json"
        subprocess.run(
            [sys.executable, "manage.py", "import", str(tpl), "-o", str(out_json)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        py = sys.executable
        cfn = shutil.which("cfn-lint", path=str(Path(py).parent)) or shutil.which("cfn-lint")
        procs = [
            (
                "manage.py import",
                process_ms([py, "manage.py", "import", str(tpl), "-o", str(Path(tmp) / "x.json")], args.runs),
            ),
            (
                "manage.py export --format sam",
                process_ms(
                    [py, "manage.py", "export", str(out_json), "--format", "sam", "-o", str(Path(tmp) / "x.yaml")],
                    args.runs,
                ),
            ),
            ("python -m builder.rules (import + rules)", process_ms([py, "-m", "builder.rules", str(tpl)], args.runs)),
        ]
        if cfn:
            procs.append(("cfn-lint command", process_ms([cfn, "--regions", "us-east-1", "--", str(tpl)], args.runs)))
    lint_ms = rows[-1][1]
    report = [
        f"Machine: CPython {platform.python_version()}, {platform.machine()}, shared CPUs. "
        f"`python bench/iac.py --repeat {args.repeat} --runs {args.runs}`: "
        f"a {len(text.encode()) // 1024} KB SAM template of 500 resources ({len(doc['nodes'])} components, "
        f"{len(doc['edges'])} edges drawn; {len(imported.report)} report lines).",
        "",
        "| in process | median | vs cfn-lint |",
        "| --- | ---: | ---: |",
        *[f"| {name} | {ms:,.0f} ms | {ms / lint_ms:.2f} |" for name, ms in rows],
        "",
        "| whole process | median |",
        "| --- | ---: |",
        *[f"| {name} | {ms:,.0f} ms |" for name, ms in procs],
        "",
        f"- An unedited export is the stored text ({rows[2][1]:.1f} ms: a re-import to see that nothing changed);"
        " an edit costs a ruamel.yaml round trip and a line diff.",
    ]
    print("\n".join(report))
    if args.write:
        readme = ROOT / "bench" / "README.md"
        body = readme.read_text()
        section = "## iac\n\n" + "\n".join(report) + "\n"
        if "## iac\n" in body:
            body = re.sub(r"## iac\n.*?(?=\n## |\Z)", section.rstrip("\n") + "\n", body, flags=re.S)
        else:
            body = body.rstrip("\n") + "\n\n" + section
        readme.write_text(body)


if __name__ == "__main__":
    main()
