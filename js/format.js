// Number and mass formatting shared by the widgets' front-ends.

/** Three significant digits, written positionally for everyday magnitudes (12300, 0.0701). */
export function formatNumber(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-3 && magnitude < 1e9) {
    return String(Number(x.toPrecision(3)));
  }
  return x.toExponential(2);
}

const MASS_STEPS = [
  [1e9, "Mt"],
  [1e6, "kt"],
  [1e3, "t"],
  [1, "kg"],
];

/** A mass in kg written in kg, t, kt or Mt, whichever keeps the number between 1 and 1000. */
export function formatMassKg(kg) {
  const magnitude = Math.abs(kg);
  for (const [factor, unit] of MASS_STEPS) {
    if (magnitude >= factor) return `${formatNumber(kg / factor)} ${unit}`;
  }
  return `${formatNumber(kg)} kg`;
}

/** Shortens text to `max` characters with an ellipsis (the full text goes in a tooltip). */
export function truncate(text, max) {
  const s = String(text ?? "");
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Creates an SVG element with attributes. */
export function svg(tag, attributes = {}) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** Creates an HTML element with classes and text. */
export function html(tag, className = "", text = undefined) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}
