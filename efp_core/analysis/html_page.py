"""Self-contained HTML pages for the files the seed writes: one page, inline CSS, nothing fetched from the network."""
from __future__ import annotations

import html as html_lib
import pathlib
import warnings
from dataclasses import dataclass
from typing import Any

RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf")

PAGE_CSS = """
body { margin: 0; padding: 12px; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1f2933; background: #ffffff; }
h1 { font-size: 16px; font-weight: 600; margin: 0 0 8px 0; }
.efp-figure { overflow: auto; border: 1px solid #e4e7eb; border-radius: 4px; }
.efp-figure { box-sizing: border-box; }
.efp-figure > svg { display: block; margin: 0 auto; max-width: 100%; max-height: 100%; height: auto; }
.efp-caption { font-size: 12px; color: #52606d; margin-top: 6px; }
"""


def _css_size(size: str | int | None) -> str | None:
    """'800px', '100%' or 800 (pixels) -> a CSS length."""
    if size is None:
        return None
    return f"{size}px" if isinstance(size, (int, float)) else str(size)


def figure_html(body_html: str, *, width: str | int | None = None, height: str | int | None = None) -> str:
    """The figure box alone (for notebook output): the body in a box of the given CSS size, scrolling if larger."""
    style = "; ".join(f"{name}: {value}" for name, value in (("width", _css_size(width)), ("height", _css_size(height)))
                      if value is not None)
    return f"<div class=\"efp-figure\" style=\"{style}; overflow: auto\">\n{body_html}\n</div>"


def page_html(title: str, body_html: str, *, width: str | int | None = None, height: str | int | None = None,
              heading: bool = True) -> str:
    """The complete page as a string: a title (unless the figure draws its own) over the figure box."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html_lib.escape(title)}</title>\n<style>{PAGE_CSS}</style>\n</head>\n<body>\n"
        + (f"<h1>{html_lib.escape(title)}</h1>\n" if heading else "")
        + f"{figure_html(body_html, width=width, height=height)}\n"
        "</body>\n</html>\n")


def html_path(filename: str | pathlib.Path) -> pathlib.Path:
    """Where a page named `filename` is written: '.html' added when missing; an image name ('x.png') becomes
    'x.html' with a warning, since figures are drawn as SVG and no raster backend is installed."""
    path = pathlib.Path(filename)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return path
    if suffix in RASTER_SUFFIXES:
        html_version = path.with_suffix(".html")
        warnings.warn(f"'{path}': efp draws figures as SVG and has no {suffix} writer; writing the figure as a "
                      f"self-contained page '{html_version}' instead (use a '.svg' name for a bare SVG file)",
                      UserWarning, stacklevel=3)
        return html_version
    return path.with_name(path.name + ".html")


def write_html_page(filename: str | pathlib.Path, title: str, body_html: str, *,
                    width: str | int | None = None, height: str | int | None = None,
                    heading: bool = True) -> pathlib.Path:
    """Write the page (UTF-8) and return its path (named as `html_path` says)."""
    path = html_path(filename)
    if path.parent != pathlib.Path("."):
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_html(title, body_html, width=width, height=height, heading=heading), encoding="utf-8")
    return path


@dataclass
class StaticFigure:
    """A drawn chart: shows itself in a notebook, and `save()` writes it as a page (or a bare '.svg' file)."""

    title: str
    svg: str
    width: str | int | None = None
    height: str | int | None = None
    path: pathlib.Path | None = None  # where it was last saved

    def _repr_html_(self) -> str:
        return figure_html(self.svg, width=self.width, height=self.height)

    def save(self, filename: str | pathlib.Path) -> pathlib.Path:
        path = pathlib.Path(filename)
        if path.suffix.lower() == ".svg":
            if path.parent != pathlib.Path("."):
                path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + self.svg, encoding="utf-8")
        else:
            path = write_html_page(path, self.title, self.svg, width=self.width, height=self.height, heading=False)
        self.path = path
        return path


# Packages that draw live views (efp_widgets) register a `show(kind, subject, **options)` function under this
# entry-point group; efp_core never imports them, so it works (with static pages) where they are not installed.
NOTEBOOK_VIEWS_GROUP = "efp.notebook_views"


def in_notebook() -> bool:
    """True inside a Jupyter kernel (where a returned widget is displayed live)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def live_view(kind: str, subject: Any, **options: Any) -> Any | None:
    """The live widget a registered package draws for `kind` ("sankey", "relationship_graph", "calculus_graph",
    "footprints", "timeline"), or None when no package is installed that draws it."""
    from importlib.metadata import entry_points

    for entry in entry_points(group=NOTEBOOK_VIEWS_GROUP):
        view = entry.load()(kind, subject, **options)
        if view is not None:
            return view
    return None


def live_or_static(static: Any, kind: str, subject: Any, **options: Any) -> Any:
    """In a Jupyter kernel, the live widget of `kind` for `subject` when one is registered; else `static`."""
    if in_notebook():
        view = live_view(kind, subject, **options)
        if view is not None:
            return view
    return static


def notebook_display(html: str, kind: str | None = None, subject: Any = None, **options: Any) -> Any:
    """What a notebook=True call shows: the live widget of `kind` (see live_or_static), otherwise an
    `IPython.display.HTML` of the static fragment (IPython imported only when a notebook asks for it)."""
    from IPython.display import HTML

    static = HTML(html)
    return static if kind is None else live_or_static(static, kind, subject, **options)
