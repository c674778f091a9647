"""Parses a Prometheus text exposition (stdin) with prometheus_client and prints its samples as JSON.

Used by MetricsTests (through MetricsParser.swift). Besides what the parser itself refuses, it checks
what Klage promises of /metrics: every family has a TYPE and a HELP, no series appears twice, and each
histogram's buckets never decrease and end in +Inf equal to its _count. Exits 1 naming what is wrong.
"""

import json
import sys

from prometheus_client.parser import text_string_to_metric_families


def main() -> int:
    text = sys.stdin.read()
    problems = []
    samples = []
    seen = set()
    try:
        families = list(text_string_to_metric_families(text))
    except Exception as error:  # the parser raises ValueError (and others) on malformed text
        print(f"prometheus_client cannot parse the text: {error!r}", file=sys.stderr)
        return 1
    for family in families:
        if family.type == "unknown":
            problems.append(f"{family.name}: no TYPE line")
        if not family.documentation:
            problems.append(f"{family.name}: no HELP line")
        buckets = {}
        counts = {}
        for sample in family.samples:
            key = (sample.name, tuple(sorted(sample.labels.items())))
            if key in seen:
                problems.append(f"{sample.name}{sample.labels}: appears twice")
            seen.add(key)
            samples.append({"family": family.name, "type": family.type, "name": sample.name, "labels": sample.labels, "value": sample.value})
            series = tuple(sorted((k, v) for k, v in sample.labels.items() if k != "le"))
            if family.type == "histogram" and sample.name.endswith("_bucket"):
                buckets.setdefault(series, []).append((float(sample.labels["le"]), sample.value))
            if family.type == "histogram" and sample.name.endswith("_count"):
                counts[series] = sample.value
        for series, points in buckets.items():
            points.sort()
            values = [value for _, value in points]
            if values != sorted(values):
                problems.append(f"{family.name}{dict(series)}: buckets decrease")
            if points[-1][0] != float("inf") or points[-1][1] != counts.get(series):
                problems.append(f"{family.name}{dict(series)}: the +Inf bucket is not the count")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    json.dump(samples, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
