"""A real browser on the real app: one `efp-app --no-browser` server for the session, Debian's chromium via Playwright.

Jupyter, IPython and browser state go to a temporary directory, never to $HOME. Each test opens its own page,
and Voila starts a fresh kernel (a fresh model) for each page.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STATE_DIRS = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "XDG_CACHE_HOME",
              "XDG_CONFIG_HOME")
SERVER_START_TIMEOUT_S = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_served(url: str, server: subprocess.Popen, log: Path) -> None:
    """Poll a static file (polling the page itself would start a kernel each time)."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"efp-app exited with code {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/voila/static/voila.js", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"efp-app did not serve {url} within {SERVER_START_TIMEOUT_S} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def isolated_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("app_state")
    env = dict(os.environ)
    for name in STATE_DIRS:
        path = home / name.lower()
        path.mkdir()
        env[name] = str(path)
    env.pop("EFP_APP_MODEL", None)
    return env


@pytest.fixture(scope="session")
def app_url(isolated_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `efp-app` on a free port with the bundled model; stop it at the end of the session."""
    efp_app = shutil.which("efp-app")
    command = [efp_app] if efp_app else ["python3", "-m", "efp_widgets.app"]
    port = _free_port()
    log = tmp_path_factory.mktemp("app_log") / "efp-app.log"
    with log.open("w") as log_file:
        server = subprocess.Popen([*command, "--no-browser", "--port", str(port)], env=isolated_env,
                                  stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_served(url, server, log)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Debian's chromium (Playwright's own download is unavailable), for this folder's tests only: the sync API
    runs an event loop in the main thread while it lives, which other tests (asyncio.run) must not see."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page in its own context, tall enough for the whole dashboard."""
    context = browser.new_context(viewport={"width": 1440, "height": 2300})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("screenshots")
    print(f"\nbrowser screenshots: {path}")
    return path
