"""The docs tables of the browser-side and load benchmarks (``page_speed.json``, ``load.json``),
for ``bench/run_all.py``."""

from __future__ import annotations


def _verdict(ok: bool) -> str:
    return "met" if ok else "**over**"


def _s(p: dict, key: str = "p50") -> str:
    return f"{p[key]:.2f} s"


def _other_ratio(ratios: dict) -> str:
    """The ratio to the peer served as the dashboard is (``peer_nodelay``), or a dash."""
    return f"{ratios['peer_nodelay']:.2f}×" if "peer_nodelay" in ratios else "—"


def table_page_speed(data: dict) -> list[str]:
    """Opens and filter changes, the dashboard beside the bare page, with where the time went."""
    budgets = data["budgets"]
    lines = [f"{data['machine']}; started {data['started']}; load average at the end "
             f"{', '.join(f'{x:.1f}' for x in data.get('load_average', []))}; "
             f"{data['opens']} opens per page and app, {data['cycles']} filter cycles.", "",
             "**Open** (fresh browser context, warm server) to fully drawn, medians. "
             "*JS* = navigation start to the first rerun request (HTML, Streamlit's scripts "
             "fetched and compiled); *run* = first to last message of the run, as the "
             "browser received them; *draw* = last message to fully drawn.", "",
             "*ratio, served alike*: to the bare page served as the dashboard is (Nagle's "
             "algorithm off, app/server_socket.py).", "",
             "| page | dashboard (min–max) | peer (min–max) | ratio | budget ≤ "
             f"{budgets['open_ratio']}× | ratio, served alike | dashboard JS / run / draw "
             "| peer JS / run / draw | bytes dashboard / peer | runs |",
             "|---|---|---|---:|---|---:|---|---|---|---:|"]
    for name, page in data["pages"].items():
        if not {"dashboard", "peer"} <= set(page.get("open", {})):
            lines.append(f"| {name} | not measured: {page.get('errors', [])[:1]} ||||||||")
            continue
        d, p = page["open"]["dashboard"], page["open"]["peer"]
        ratio = page["open_ratio"]["peer"]
        lines.append(
            f"| {name} | {_s(d['seconds'])} ({_s(d['seconds'], 'min')}–"
            f"{_s(d['seconds'], 'max')}) | {_s(p['seconds'])} ({_s(p['seconds'], 'min')}–"
            f"{_s(p['seconds'], 'max')}) | {ratio:.2f}× "
            f"| {_verdict(ratio <= budgets['open_ratio'])} "
            f"| {_other_ratio(page['open_ratio'])} "
            f"| {d['to_send'] / 1000:.2f} / {d['script'] / 1000:.2f} / "
            f"{d['after_finished'] / 1000:.2f} | {p['to_send'] / 1000:.2f} / "
            f"{p['script'] / 1000:.2f} / {p['after_finished'] / 1000:.2f} "
            f"| {d['bytes']:,.0f} / {p['bytes']:,.0f} | {d['runs']:.0f} |")
    lines += ["", "**Filter change** (click on the option → fully drawn), p95 over every "
              "change of the page, and from the second cycle on (*warm*: every view asked "
              "once before, as for many viewers of one link).", "",
              f"| page | dashboard p50 / p95 | warm p95 | peer p50 / p95 | p95 ratio | budget "
              f"p95 ≤ {budgets['change_p95_s']} s and ≤ {budgets['change_ratio']}× "
              "| p95 ratio, served alike |",
              "|---|---|---:|---|---:|---|---:|"]
    for name, page in data["pages"].items():
        if not {"dashboard", "peer"} <= set(page.get("change_all", {})):
            continue
        d, p = page["change_all"]["dashboard"], page["change_all"]["peer"]
        warm = page.get("change_warm", {}).get("dashboard")
        ratio = page["change_ratio_p95"]["peer"]
        ok = d["p95"] <= budgets["change_p95_s"] and ratio <= budgets["change_ratio"]
        lines.append(f"| {name} | {_s(d)} / {_s(d, 'p95')} "
                     f"| {_s(warm, 'p95') if warm else '—'} | {_s(p)} / {_s(p, 'p95')} "
                     f"| {ratio:.2f}× | {_verdict(ok)} "
                     f"| {_other_ratio(page['change_ratio_p95'])} |")
    lines += ["", "**Where a filter change's time goes** (medians in ms; *server* = the same "
              "change through the browser-less client, request to `script_finished`; "
              "*react* = first click to rerun request; *run* / *draw* as above; *nodes* = "
              "DOM nodes added + removed; *layout* = Chromium's layout + style "
              "recalculation time; *script* = Chromium's JavaScript time).", "",
              "| page | change | total dash / peer | server dash / peer | react | run | draw "
              "| bytes | nodes | layout | script | plotly redraws |",
              "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, page in data["pages"].items():
        by = page.get("change", {})
        if "dashboard" not in by or "peer" not in by:
            continue
        for change, d in by["dashboard"].items():
            p = by["peer"].get(change, {})
            lines.append(
                f"| {name} | {change} | {d['total']:.0f} / {p.get('total', 0):.0f} "
                f"| {d.get('server_ms', 0):.0f} / {p.get('server_ms', 0):.0f} "
                f"| {d['to_send']:.0f} | {d['script']:.0f} | {d['after_finished']:.0f} "
                f"| {d['bytes']:,.0f} | {d['added'] + d['removed']:.0f} "
                f"| {d['LayoutDuration'] + d['RecalcStyleDuration']:.0f} "
                f"| {d['ScriptDuration']:.0f} | {d['afterplot']:.0f} |")
    errors = [e for page in data["pages"].values() for e in page.get("errors", [])]
    if errors:
        lines += ["", f"Errors ({len(errors)}): " + "; ".join(errors[:3])]
    return lines


def table_load(data: dict) -> list[str]:
    """Viewers stepped up on 1 and 2 replicas; where each breaks; a replica killed."""
    b = data["budgets"]
    lines = [f"{data['machine']}; started {data['started']}; page `/{data['page']}`; each "
             "viewer changes a filter every "
             f"{_first(data, 'interval_s'):.0f} s for {_first(data, 'duration_s'):.0f} s after "
             "the ramp; p50/p95 of the filter-change reruns once all viewers had arrived.", "",
             "| replicas | viewers | held | rerun p50 | rerun p95 | server cores | CPU per "
             "change | driver cores | RSS before → after | per session | budget | fails |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|"]
    for label, steps in data["steps"].items():
        count = label.split()[-1]
        for item in steps:
            cpu = item.get("server_cpu_ms_per_change")
            change = item["change"] or {"p50": float("nan"), "p95": float("nan")}
            limit = b["rss_base_mb"] + b["rss_per_session_mb"] * item["sessions"]
            rss_ok = item["rss_after_mb"] / int(count) <= limit
            lines.append(
                f"| {label} | {item['sessions']} | {item['held']} | {_s(change)} "
                f"| {_s(change, 'p95')} | {item['server_cores']:.2f} "
                f"| {f'{cpu:.0f} ms' if cpu else '—'} | {item['driver_cores']:.2f} "
                f"| {item['rss_before_mb']:.0f} → "
                f"{item['rss_after_mb']:.0f} MB | {item['rss_per_session_mb']:.1f} MB "
                f"| RSS {_verdict(rss_ok)} | {'; '.join(item['fails']) or '—'} |")
    held = data.get("held", {})
    if "1" in held and "2" in held and held["1"]:
        ratio = held["2"] / held["1"]
        lines += ["", f"Viewers held at rerun p95 ≤ {b['p95_s']} s: one replica **{held['1']}**, "
                      f"two **{held['2']}** ({ratio:.2f}×; budget ≥ {b['scale']}×: "
                      f"{_verdict(ratio >= b['scale'])}; one server ≥ 50: "
                      f"{_verdict(held['1'] >= 50)}). The last step of a column is where it "
                      "broke, or the highest step tried."]
    kill = data.get("kill")
    if kill:
        rec = kill.get("reconnect") or {}
        lines += ["", f"**A replica killed** a third of the way into a run of {kill['sessions']} "
                      f"viewers on 2 replicas: {kill['reconnects']} viewers reconnected "
                      f"(p50 {rec.get('p50', 0):.2f} s, max {rec.get('max', 0):.2f} s to their "
                      f"first finished run on the other replica), {kill['views_kept']} of them "
                      f"with the view their URL holds; {kill['held']} of {kill['sessions']} held "
                      f"at the end; rerun p95 over the run {_s(kill['change'], 'p95')}."]
    return lines


def _first(data: dict, key: str) -> float:
    for steps in data["steps"].values():
        for item in steps:
            return item[key]
    return 0.0
