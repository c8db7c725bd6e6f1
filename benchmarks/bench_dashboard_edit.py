"""Dashboard benchmark: one edit typed in the editor, until every visible widget has redrawn, and the bytes sent.

Kernel side (always): a Dashboard of the bundled example model is built without a front-end; an edit is
simulated as the front-end's message (`set_state` on the carbon intensity field), which runs the engine update
and every widget's redraw before it returns. Every message the widgets send is captured at the comm layer, so
the bytes are what would cross the wire (JSON plus binary buffers), grouped by widget class.

In the browser (`--browser`): `efp-app` is started, and Playwright (Debian's chromium) types values in the
page and waits until the headline total, the timeline and the Sankey have all changed.

    python3 benchmarks/bench_dashboard_edit.py [--repeats 15] [--browser]
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import comm  # noqa: E402 - the repository root is put on the path first
import ipywidgets as widgets  # noqa: E402

from efp_core import SourceValue, u  # noqa: E402
from efp_widgets.dashboard import Dashboard  # noqa: E402
from efp_widgets.example_model import load_example_system  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIELD = ".efp-input.efp-attr-average_carbon_intensity input"


class WireRecorder:
    """Counts what widgets send through their comms: JSON bytes and binary buffer bytes, per widget class."""

    def __init__(self) -> None:
        self.messages = 0
        self.bytes_by_class: dict[str, int] = defaultdict(int)

    @property
    def total_bytes(self) -> int:
        return sum(self.bytes_by_class.values())

    def record(self, sender: Any, data: Any, buffers: Any) -> None:
        size = len(json.dumps(data, default=str).encode())
        size += sum(memoryview(buffer).nbytes for buffer in buffers or [])
        widget = widgets.widget._instances.get(getattr(sender, "comm_id", None))
        self.bytes_by_class[type(widget).__name__ if widget is not None else "?"] += size
        self.messages += 1


@contextmanager
def recording() -> Iterator[WireRecorder]:
    recorder = WireRecorder()
    original = comm.DummyComm.publish_msg

    def publish(self: Any, msg_type: str, data: Any = None, metadata: Any = None, buffers: Any = None,
                **keys: Any) -> None:
        recorder.record(self, data, buffers)

    comm.DummyComm.publish_msg = publish  # type: ignore[method-assign]
    try:
        yield recorder
    finally:
        comm.DummyComm.publish_msg = original  # type: ignore[method-assign]


def kernel_round_trip(repeats: int) -> None:
    system = load_example_system()
    start = time.perf_counter()
    with recording() as initial:
        dashboard = Dashboard(system)
    build_ms = (time.perf_counter() - start) * 1000
    field = dashboard.editor_box.children[0].rows["average_carbon_intensity"].number
    server = dashboard.chosen

    edit_ms, engine_ms, sent = [], [], []
    by_class: dict[str, list[int]] = defaultdict(list)
    for index in range(repeats):
        value = 150.0 + 10 * index
        with recording() as wire:
            start = time.perf_counter()
            field.set_state({"value": value})  # what the browser's message does
            edit_ms.append((time.perf_counter() - start) * 1000)
        assert server.average_carbon_intensity.value.magnitude == value
        sent.append(wire.total_bytes)
        for name, size in wire.bytes_by_class.items():
            by_class[name].append(size)
        start = time.perf_counter()
        server.average_carbon_intensity = SourceValue((value + 5) * u.g / u.kWh)
        engine_ms.append((time.perf_counter() - start) * 1000)

    bare = load_example_system()
    bare_server = bare.servers[0]
    bare_ms = []
    for index in range(repeats):
        start = time.perf_counter()
        bare_server.average_carbon_intensity = SourceValue((150.0 + 10 * index) * u.g / u.kWh)
        bare_ms.append((time.perf_counter() - start) * 1000)

    print(f"kernel side, bundled example model ({len(system.all_linked_objects)} objects), {repeats} edits")
    print(f"  dashboard built in {build_ms:,.0f} ms, {initial.total_bytes / 1000:,.0f} kB sent at creation")
    print(f"  edit -> every widget redrawn: median {statistics.median(edit_ms):.0f} ms "
          f"(min {min(edit_ms):.0f}, max {max(edit_ms):.0f})")
    print(f"  same edit made from code, dashboard listening: median {statistics.median(engine_ms):.0f} ms")
    print(f"  same edit on a model without any widget (engine only): median {statistics.median(bare_ms):.0f} ms")
    print(f"  bytes sent per edit: median {statistics.median(sent) / 1000:,.1f} kB")
    for name, sizes in sorted(by_class.items(), key=lambda item: -statistics.median(item[1])):
        print(f"    {name:<22} {statistics.median(sizes) / 1000:>8,.1f} kB")
    dashboard.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def browser_round_trip(repeats: int) -> None:
    from playwright.sync_api import sync_playwright

    state = Path(tempfile.mkdtemp(prefix="efp-bench-"))
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "XDG_CACHE_HOME",
                 "XDG_CONFIG_HOME"):
        (state / name.lower()).mkdir()
        env[name] = str(state / name.lower())
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "efp_widgets.app", "--no-browser", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"{url}/voila/static/voila.js", timeout=5):
                    break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 2300})
            page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
            start = time.perf_counter()
            page.goto(f"{url}/")
            page.wait_for_selector(".efp-sankey-panel svg path", state="attached", timeout=120_000)
            load_s = time.perf_counter() - start
            times = [_browser_edit(page, 150 + 10 * index) for index in range(repeats)]
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(f"in the browser (Voila + chromium), {repeats} edits")
    print(f"  page load until every widget is drawn: {load_s:.1f} s")
    print(f"  Enter keydown -> total, timeline and Sankey all redrawn (timed in the page): median "
          f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f})")


# Runs in the page: resolves with the ms from the Enter keydown until the headline total, the timeline and the
# Sankey have all changed (checked on every animation frame), so Playwright's own messaging is not counted.
WATCH_REDRAW = """field => new Promise(resolve => {
    const paths = panel => Array.from(document.querySelectorAll(`.${panel} svg path`)).map(p => p.getAttribute('d'));
    const parts = [() => document.querySelector('.efp-total').textContent,
                   () => paths('efp-timeline-panel').join(), () => paths('efp-sankey-panel').join()];
    const before = parts.map(read => read());
    let pressed = null;
    document.querySelector(field).addEventListener('keydown', () => { pressed = performance.now(); }, {once: true});
    const tick = () => {
        if (pressed !== null && parts.every((read, i) => read() !== before[i])) {
            resolve(performance.now() - pressed);
            return;
        }
        requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})"""


def _browser_edit(page: Any, value: float) -> float:
    page.fill(FIELD, str(value))
    page.evaluate(f"field => {{ window.efpRedrawn = ({WATCH_REDRAW})(field); }}", FIELD)
    page.press(FIELD, "Enter")
    return float(page.evaluate("() => window.efpRedrawn"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--browser", action="store_true", help="also time edits in a real browser (efp-app)")
    args = parser.parse_args()
    kernel_round_trip(args.repeats)
    if args.browser:
        browser_round_trip(args.repeats)


if __name__ == "__main__":
    main()
