#!/usr/bin/env python3
"""Collects the @result lines of ./rewards bench into one table and bench/results/<date>-<commit>.json."""
import json
import os
import platform
import subprocess
import sys
import datetime

def main(results_file, out_dir, root):
    rows = []
    with open(results_file, encoding="utf-8") as f:
        for line in f:
            if line.startswith("@result "):
                rows.append(json.loads(line[len("@result "):]))
    commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
    now = datetime.datetime.now(datetime.timezone.utc)
    report = {
        "date": now.isoformat(timespec="seconds"),
        "commit": commit + ("-dirty" if dirty else ""),
        "machine": {"cores": os.cpu_count(), "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                    "os": platform.platform(), "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]},
        "results": rows,
    }
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"{now.strftime('%Y-%m-%d')}-{report['commit']}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    fmt = "{:<9} {:<50} {:>12} {:<13} {:>9} {:>9} {:>11} {:>7} {:>8}"
    print()
    print(fmt.format("bench", "workload", "throughput", "unit/s", "p50 ms", "p99 ms", "baseline/s", "ratio", "heap MB"))
    def num(v, spec):
        return "-" if v is None else format(v, spec)
    for r in rows:
        thr = "-" if r["unit"] == "-" else num(r["throughput"], ",.1f")
        print(fmt.format(r["bench"], r["workload"][:50], thr, r["unit"], num(r["p50_ms"], ".2f"), num(r["p99_ms"], ".2f"),
                         num(r["baseline"], ",.1f"), "-" if r["ratio"] is None else f"{100 * r['ratio']:.0f}%", num(r["heap_mb"], "d")))
    print(f"\nwritten: {os.path.relpath(path, root)}")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
