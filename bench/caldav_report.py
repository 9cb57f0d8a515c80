"""Markdown report of bench/caldav.sh from the records caldav_bench.py wrote."""

from caldav_data import EVENT_COUNT, SEED
from caldav_requests import MEASUREMENTS, MONTH, WEEK

SERVERS = ["Horario", "Radicale", "Xandikos"]


def _rate(value):
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:,.1f}"
    return f"{value:.2f}"


def _ms(microseconds):
    milliseconds = microseconds / 1000
    return f"{milliseconds:,.0f}" if milliseconds >= 100 else f"{milliseconds:.1f}" if milliseconds >= 1 else f"{milliseconds:.2f}"


def _cell(result):
    """(req/s cell, latency cell) of one server's result."""
    if result is None:
        return "—", "—"
    if "skipped" in result:
        return f"not run: {result['skipped']}", "—"
    if "req_per_s" not in result:
        return f"status {result['status']}", "—"
    rate = _rate(result["req_per_s"])
    if result.get("single"):
        rate += " (one request)"
    if result["ok"] == 0:
        return f"0 in {result.get('wrk_seconds', '?')} s (one alone takes {result['first_seconds']:.1f} s)", "—"
    if result["errors"]:
        rate += f" ({result['errors']} errors, last status {result['last_bad_status']})"
    return rate, f"{_ms(result['p50_us'])} / {_ms(result['p99_us'])}"


def _ratio(a, b):
    if not a or not b or "req_per_s" not in a or "req_per_s" not in b or not b["req_per_s"] or not a["ok"]:
        return "—"
    return f"{a['req_per_s'] / b['req_per_s']:,.1f}×"


def render(machine, args, summaries, records, reference):
    results = {}
    for record in records:
        if "measurement" in record:
            results[(record["server"], record["measurement"], record["connections"])] = record
    by_server = {summary["server"]: summary for summary in summaries}
    present = [name for name in SERVERS if name in by_server and "skipped" not in by_server[name]]

    lines = [
        "# CalDAV benchmark: Horario, Radicale, Xandikos",
        "",
        f"Made by `bench/caldav.sh` on {machine['date']}: {machine['cpu']}, {machine['cores']} cores, "
        f"Linux {machine['kernel']}, {machine['wrk']}, Python {machine['python']}.",
        "",
        f"Every server holds the same calendar: {EVENT_COUNT:,} events from `bench/caldav_data.py` (seed {SEED}): "
        "80% single events over 2025–2026, 20% weekly or daily with COUNT or UNTIL (a third with an override, "
        "a third with EXDATE), half in America/Sao_Paulo with a VTIMEZONE, half in UTC. "
        "The servers ran one at a time, each alone on 127.0.0.1 with its own temporary storage and its default "
        "logging (to a file). Each cell is one wrk run (1 thread, that many connections, "
        f"{args.duration} s, or longer, up to 20 s, at more connections when single answers are slow, so "
        "that the requests in flight finish about twice); req/s counts only answers with the expected "
        "status (207, 200 for GET and free-busy, 201/204 for PUT), any other answer or socket error is "
        "listed. A request whose single answer takes more than half that time is timed once instead "
        "(\"one request\") and not run at more connections. After each run the driver waits until the "
        "server has finished the requests wrk left behind. p50/p99 are wrk's latency "
        f"percentiles in ms. Week: {WEEK[0]:%Y-%m-%d} to {WEEK[1]:%Y-%m-%d}; month: {MONTH[0]:%Y-%m-%d} to "
        f"{MONTH[1]:%Y-%m-%d} (UTC).",
        "",
    ]
    for name in SERVERS:
        summary = by_server.get(name)
        if summary is None:
            lines.append(f"**{name} was not run.**")
        elif "skipped" in summary:
            lines.append(f"**{name} was skipped: {summary['skipped']}.**")
    lines += ["", "## Throughput and latency", ""]
    header = "| request | conc. |"
    rule = "|---|---:|"
    for name in present:
        header += f" {name} req/s | {name} p50 / p99 ms |"
        rule += "---:|---:|"
    for other in present[1:]:
        if present[0] == "Horario":
            header += f" Horario / {other} |"
            rule += "---:|"
    lines += [header, rule]
    for measurement in MEASUREMENTS:
        for connections in args.connections:
            row = f"| {measurement.label} | {connections} |"
            for name in present:
                rate, latency = _cell(results.get((name, measurement.key, connections)))
                row += f" {rate} | {latency} |"
            if present and present[0] == "Horario":
                horario = results.get(("Horario", measurement.key, connections))
                for other in present[1:]:
                    row += f" {_ratio(horario, results.get((other, measurement.key, connections)))} |"
            lines.append(row)

    lines += [
        "",
        "## Answers",
        "",
        "What the first answer of each request contained (counted outside wrk), next to the count worked out "
        "from the data with recurring-ical-events. The same data should give the same counts; a difference "
        "is a correctness problem of that server (or of the reference), not a speed matter.",
        "",
        "| request | counted | reference | " + " | ".join(present) + " |",
        "|---|---|---:|" + "---:|" * len(present),
    ]
    for measurement in MEASUREMENTS:
        expected = reference.get(measurement.key)
        row = f"| {measurement.label} | {measurement.counted} | {'—' if expected is None else f'{expected:,}'} |"
        for name in present:
            result = results.get((name, measurement.key, args.connections[0]))
            if result is None:
                row += " — |"
            elif result["status"] not in measurement.expect:
                row += f" status {result['status']} |"
            else:
                row += f" {result['count']:,} |"
        lines.append(row)

    lines += [
        "",
        "## Loading and memory",
        "",
        "Loading: the events in order with 8 concurrent PUTs (If-None-Match: *) into an empty calendar. "
        f"Radicale and Xandikos slow down as the calendar fills (each new object costs them time in "
        f"proportion to the objects already there), so their PUT phase stops after {args.load_seconds} s and "
        "the rest is loaded their own faster way. The machine may be shared: its load average before each server started is listed. Peak RSS is VmHWM of the server process at the end "
        "(Xandikos was restarted after its git import, so its peak covers only the measurements).",
        "",
        "| server | version | load average before | PUT phase | rest loaded by | peak RSS | RSS at end |",
        "|---|---|---:|---|---|---:|---:|",
    ]
    for name in present:
        summary = by_server[name]
        put = f"{summary['put_count']:,} events in {summary['put_seconds']:.1f} s = {_rate(summary['put_per_s'])}/s"
        rest = "—"
        if "finish_seconds" in summary:
            rest = f"{summary['load_method'].split(', then ')[1]}: {summary['finish_seconds']:.1f} s"
        lines.append(
            f"| {name} | {summary['version']} | {summary.get('loadavg_before', '?')} | {put} | {rest} | {summary['peak_rss_kib'] / 1024:,.0f} MiB | "
            f"{summary['rss_kib'] / 1024:,.0f} MiB |"
        )
    lines.append("")
    return "\n".join(lines)
