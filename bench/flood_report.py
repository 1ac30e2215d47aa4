#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Turns what bench/flood_load.py wrote into the Markdown tables of bench/flood_bench.sh and says whether
# issue 10's figures are met. It reports; it never fails the run.
#   flood_report.py --probes BASELINE.json FLOOD.json --attack ATTACK.json
#                   [--list-rps N --list-p99-ms N --nginx-rps N] [--no-goal]
import argparse
import json
import math

GOAL_MS = 50.0  # p99 of /healthz and of a member read while the flood runs
GOAL_PROBES = ("/healthz", "member read")
LIST_RPS, LIST_P99_MS, NGINX_RATIO = 2000.0, 50.0, 0.30
FAILED = math.inf


def percentile(ranked, q):
    """Nearest rank over every attempt; an attempt without a good answer ranks after every answer."""
    return ranked[max(0, math.ceil(q * len(ranked)) - 1)]


def ms(value):
    return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"


def probe_row(phase, probe):
    results = probe["results"]
    good = sorted(latency for latency, outcome in results if outcome == "ok")
    timeouts = sum(1 for _, outcome in results if outcome == "timeout")
    errors = {}
    for _, outcome in results:
        if outcome not in ("ok", "timeout"):
            errors[outcome] = errors.get(outcome, 0) + 1
    # Errors rank after the answers and before the timeouts, which are the slowest of all.
    ranked = [(latency, "ok") for latency in good] + [(FAILED, "error")] * sum(errors.values())
    ranked += [(FAILED, "timeout")] * timeouts

    def show(entry):
        latency, kind = entry
        if kind == "ok":
            return ms(latency)
        return f"> {ms(5000)}" if kind == "timeout" else "failed"

    p99 = percentile(ranked, 0.99) if ranked else (FAILED, "error")
    row = [phase, probe["probe"], str(len(results))]
    row += [show(percentile(ranked, q)) if ranked else "-" for q in (0.50, 0.95)] + [show(p99)]
    row.append(f"> {ms(5000)}" if timeouts else (ms(good[-1]) if good else "-"))
    row.append(", ".join(f"{n} {name}" for name, n in sorted(errors.items())) or "0")
    row.append(str(timeouts))
    return row, p99[0]


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


def counts(counter):
    return ", ".join(f"{name}: {n:,}" for name, n in sorted(counter.items(), key=lambda kv: -kv[1])) or "-"


def held(seconds):
    if not seconds:
        return "-"
    seconds = sorted(seconds)
    return f"{seconds[len(seconds) // 2]:.1f} s / {seconds[-1]:.1f} s"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--probes", nargs="+", required=True)
    parser.add_argument("--attack", required=True)
    parser.add_argument("--list-rps", type=float)
    parser.add_argument("--list-p99-ms", type=float)
    parser.add_argument("--nginx-rps", type=float)
    parser.add_argument("--no-goal", action="store_true", help="tables only (one kind of attacker alone)")
    args = parser.parse_args()

    rows, flood_p99, kept = [], {}, []
    for path in args.probes:
        with open(path, encoding="utf-8") as file:
            phase = json.load(file)
        for probe in phase["probes"]:
            row, p99 = probe_row(phase["phase"], probe)
            rows.append(row)
            if probe["keepAlive"]:
                opened = probe["opened"]
                kept.append(f"{phase['phase']}: {opened:,} connection{'s' if opened != 1 else ''} for "
                            f"{len(probe['results']):,} requests, {probe['retried']:,} sent again after the "
                            f"server had closed a kept one")
            if phase["phase"].startswith("flood") and probe["probe"].startswith(GOAL_PROBES):
                flood_p99[probe["probe"]] = p99
    if not args.no_goal:
        print("Probes from 127.0.0.1, each started on its own schedule whatever the earlier ones did; a probe")
        print("without a whole answer within 5 s is a timeout. Percentiles are over every attempt, a failed")
        print("or timed-out one counting as slower than any answer.")
        print()
    table(["phase", "probe", "count", "p50", "p95", "p99", "max", "errors", "timeouts"], rows)
    print()
    if kept:
        print("Kept-alive probe (" + "; ".join(kept) + ").")
        print()

    with open(args.attack, encoding="utf-8") as file:
        attack = json.load(file)
    seconds = attack["seconds"]
    flood = attack["tallies"][0]
    answered = sum(flood["statuses"].values())
    print(f"The attack ran {seconds:.0f} s and used {attack['cpuSeconds']:.1f} s of CPU "
          f"({100 * attack['cpuSeconds'] / seconds:.0f} % of a core). Source addresses and connections:")
    print()
    attack_rows = []
    for tally in (t for t in attack["tallies"] if t["count"]):
        addresses = tally["addresses"]
        span = f"{addresses[0]}-{addresses[-1].rsplit('.', 1)[1]}" if len(addresses) > 1 else addresses[0]
        ended = dict(tally["closes"])
        attack_rows.append([tally["kind"], str(tally["count"]), f"{span} ({len(addresses)})",
                            f"{tally['connects']:,}", counts(tally["connect_failures"]),
                            counts(tally["statuses"]) if tally["statuses"] else counts(ended),
                            counts(tally["errors"]), held(tally["held"]),
                            f"{len(tally['open_at_end'])}, held {held(tally['open_at_end'])}"
                            if tally["open_at_end"] else "0"])
    table(["kind", "clients", "source addresses", "connections made", "connect failures",
           "answers (flooders) / how the server ended it (slow)", "errors", "held until closed: median / max",
           "still open at the end"], attack_rows)
    print()
    if flood["count"]:
        print(f"Sign-in flooders: {answered:,} answers in {seconds:.0f} s ({answered / seconds:,.0f}/s).")
        print()

    if args.no_goal:
        return
    verdict = all(p99 <= GOAL_MS for p99 in flood_p99.values()) and len(flood_p99) >= 2
    worst = max(flood_p99.values()) if flood_p99 else FAILED
    shown = "no answer within 5 s" if worst == FAILED else ms(worst)
    print(f"{'GOAL MET' if verdict else 'GOAL NOT MET'}: /healthz and a signed-in member read at p99 within "
          f"{GOAL_MS:.0f} ms while the flood runs (worst p99: {shown}).")
    if args.list_rps is not None and args.list_p99_ms is not None:
        met = args.list_rps >= LIST_RPS and args.list_p99_ms < LIST_P99_MS
        print(f"{'GOAL MET' if met else 'GOAL NOT MET'}: member list at least {LIST_RPS:,.0f} requests/s with "
              f"p99 under {LIST_P99_MS:.0f} ms ({args.list_rps:,.0f}/s, p99 {ms(args.list_p99_ms)}).")
    if args.list_rps is not None and args.nginx_rps:
        ratio = args.list_rps / args.nginx_rps
        print(f"{'GOAL MET' if ratio >= NGINX_RATIO else 'GOAL NOT MET'}: member list at "
              f"{100 * ratio:.1f} % of nginx serving the same body ({args.nginx_rps:,.0f}/s); goal "
              f"{100 * NGINX_RATIO:.0f} %, 13.5 to 16 % before issue 10.")


if __name__ == "__main__":
    main()
