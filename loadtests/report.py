#!/usr/bin/env python3
"""Bookkeeping for loadtests/compare.sh (standard library only).

  report.py row ROUND WORKLOAD RUNTIME WRK_OUTPUT CPU_TICKS CLK_TCK HWM_KIB
      parse one wrk --latency output and print one result line (TSV)
  report.py table RESULTS_TSV
      print the median tables in markdown

Result lines are tab-separated; the first field says what the line holds:
  load     round workload runtime req/s p50_ms p99_ms cpu_us/req rss_mib bad
  missing  workload runtime reason          (a runtime that could not run it)
  body     workload runtime sha256 bytes    (to check runtimes answer alike)
  version  runtime text
  machine  text                           (CPU model, CPUs, kernel: ratios move between machines)
  startup  eval|serve runtime ms            (ms is "fail" when it failed)
  steal    round workload runtime ms        (time the hypervisor held the server's CPU)
"""
import re
import statistics
import sys

# Steal time in one measured run above which its round is called out: a
# quiet virtual machine shows 0-10 ms in a few seconds (the /proc/stat tick
# is 10 ms), and a stall of 20 ms or more shows in p99.
STEAL_NOTE_MS = 30

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def to_ms(text):
    """wrk prints latencies as 812.00us, 1.23ms, 2.01s or 1.00m."""
    m = re.fullmatch(r"([0-9.]+)(us|ms|s|m|h)", text)
    if not m:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(m.group(1)) * UNIT_MS[m.group(2)]


def parse_wrk(text):
    requests = int(re.search(r"^\s*(\d+) requests in", text, re.M).group(1))
    rps = float(re.search(r"^Requests/sec:\s*([0-9.]+)", text, re.M).group(1))
    p50 = to_ms(re.search(r"^\s*50%\s+(\S+)", text, re.M).group(1))
    p99 = to_ms(re.search(r"^\s*99%\s+(\S+)", text, re.M).group(1))
    # Answers that were not 2xx/3xx, and socket errors, make a row suspect.
    bad = 0
    m = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
    if m:
        bad += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        bad += sum(int(g) for g in m.groups())
    return requests, rps, p50, p99, bad


def row(args):
    rnd, workload, runtime, wrk_file, ticks, clk_tck, hwm_kib = args
    with open(wrk_file) as f:
        requests, rps, p50, p99, bad = parse_wrk(f.read())
    cpu_us = int(ticks) / int(clk_tck) * 1e6 / max(requests, 1)
    rss_mib = int(hwm_kib) / 1024
    print("\t".join(["load", rnd, workload, runtime, f"{rps:.1f}", f"{p50:.3f}",
                     f"{p99:.3f}", f"{cpu_us:.2f}", f"{rss_mib:.1f}", str(bad)]))


def fmt(value, digits):
    return "—" if value is None else f"{value:,.{digits}f}"


def median_or_none(values):
    return statistics.median(values) if values else None


def table(args):
    loads, missing, bodies, versions, startup, steals = {}, {}, {}, {}, {}, []
    machine = None
    workloads, runtimes = [], []

    def seen(workload=None, runtime=None):
        if workload and workload not in workloads:
            workloads.append(workload)
        if runtime and runtime not in runtimes:
            runtimes.append(runtime)

    with open(args[0]) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            kind = fields[0]
            if kind == "load":
                _, _, w, r, *values = fields
                seen(w, r)
                loads.setdefault((w, r), []).append([float(v) for v in values])
            elif kind == "missing":
                _, w, r, reason = fields
                seen(w, r)
                missing.setdefault((w, r), reason)
            elif kind == "body":
                _, w, r, sha, size = fields
                bodies.setdefault(w, {}).setdefault((sha, size), set()).add(r)
            elif kind == "version":
                versions[fields[1]] = fields[2]
                seen(runtime=fields[1])
            elif kind == "steal":
                _, rnd, w, r, ms = fields
                steals.append((rnd, w, r, int(ms)))
            elif kind == "machine":
                machine = fields[1]
            elif kind == "startup":
                _, what, r, ms = fields
                seen(runtime=r)
                startup.setdefault((what, r), [])
                if ms != "fail":
                    startup[(what, r)].append(float(ms))

    if machine:
        print("Machine: " + machine)
    if versions:
        print("Runtimes: " + ", ".join(versions.values()))
    if machine or versions:
        print()

    medians = {}
    if loads or missing:
        rounds = max((len(v) for v in loads.values()), default=0)
        print(f"Load (median of {rounds} round(s); server on one CPU, wrk on another)")
        print()
        print("| workload | runtime | req/s | p50 ms | p99 ms | CPU µs/req | peak RSS MiB |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        notes = []
        for w in workloads:
            for r in runtimes:
                runs = loads.get((w, r))
                if not runs:
                    if (w, r) in missing:
                        print(f"| {w} | {r} | missing | — | — | — | — |")
                        notes.append(f"{w}/{r}: {missing[(w, r)]}")
                    continue
                m = [statistics.median(col) for col in zip(*runs)]
                medians[(w, r)] = m
                rps, p50, p99, cpu, rss, bad = m
                print(f"| {w} | {r} | {fmt(rps, 0)} | {fmt(p50, 2)} | {fmt(p99, 2)} "
                      f"| {fmt(cpu, 1)} | {fmt(rss, 1)} |")
                if any(run[5] for run in runs):
                    notes.append(f"{w}/{r}: wrk saw non-2xx answers or socket errors "
                                 f"(median {bad:.0f} per run)")
                if (w, r) in missing:
                    notes.append(f"{w}/{r}: failed in some rounds: {missing[(w, r)]}")
        for rnd, w, r, ms in steals:
            if ms >= STEAL_NOTE_MS:
                notes.append(f"{w}/{r}, round {rnd}: the hypervisor held the server's CPU for "
                             f"{ms} ms of the measured window (steal time); that round's p99 "
                             "and CPU figures are suspect")
        for w, groups in bodies.items():
            if len(groups) > 1:
                described = "; ".join(f"{', '.join(sorted(rs))}: {size} bytes sha256 {sha[:12]}"
                                      for (sha, size), rs in groups.items())
                notes.append(f"{w}: the runtimes' answers differ ({described})")
        if notes:
            print()
            for note in notes:
                print(f"- {note}")

        # CPU per request is the figure that least depends on the load generator.
        lines = []
        for w in workloads:
            rivals = [(medians[(w, r)][3], r) for r in ("deno", "bun") if (w, r) in medians]
            for nano_rt, label in (("nano", w), ("nano-quiet", f"{w}, access log off")):
                nano = medians.get((w, nano_rt))
                if nano and rivals:
                    best, who = min(rivals)
                    lines.append(f"| {label} | {nano[3]:.1f} | {best:.1f} ({who}) | {nano[3] / best:.2f}× "
                                 f"| {same_round_ratios(loads, w, nano_rt)} |")
        if lines:
            print()
            print("NANO CPU per request against the better of Deno and Bun (below 1 is better; "
                  "each round's own ratio shows how much the machine moved between rounds)")
            print()
            print("| workload | NANO µs/req | best of Deno/Bun µs/req | ratio | ratio in each round |")
            print("| --- | ---: | ---: | ---: | --- |")
            print("\n".join(lines))

    if startup:
        evals = {r: median_or_none(startup.get(("eval", r), [])) for r in runtimes}
        serves = {r: median_or_none(startup.get(("serve", r), [])) for r in runtimes}
        n_eval = max((len(v) for (k, _), v in startup.items() if k == "eval"), default=0)
        n_serve = max((len(v) for (k, _), v in startup.items() if k == "serve"), default=0)

        def ratio(value, base):
            return "—" if value is None or not base else f"{value / base:.2f}×"

        print()
        print(f"Start-up (medians: eval of {n_eval} runs, serve of {n_serve} runs; "
              "eval = whole process evaluating 1+1, serve = spawn to first 200)")
        print()
        print("| runtime | eval ms | serve → first 200 ms | eval vs Deno | serve vs Deno |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for r in runtimes:
            if ("eval", r) not in startup and ("serve", r) not in startup:
                continue
            print(f"| {r} | {fmt(evals[r], 1)} | {fmt(serves[r], 1)} "
                  f"| {ratio(evals[r], evals.get('deno'))} | {ratio(serves[r], serves.get('deno'))} |")
        failed = [f"{what}/{r}" for (what, r), v in startup.items() if not v]
        if failed:
            print()
            print("- failed every run: " + ", ".join(failed))


def same_round_ratios(loads, workload, nano_rt):
    """NANO's (runtime `nano_rt`) CPU per request over the better rival's in
    the same round, for each round every runtime finished: the runtimes of a
    round run minutes apart at most, so a machine that slows down for a while
    moves both."""
    nano = loads.get((workload, nano_rt), [])
    rivals = [loads[(workload, r)] for r in ("deno", "bun") if (workload, r) in loads]
    if not nano or not rivals or any(len(runs) != len(nano) for runs in rivals):
        return "—"
    ratios = [run[3] / min(runs[i][3] for runs in rivals) for i, run in enumerate(nano)]
    return " / ".join(f"{r:.2f}" for r in ratios)


if __name__ == "__main__":
    commands = {"row": row, "table": table}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])
