// format.js
function formatNumber(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-3 && magnitude < 1e9) {
    return String(Number(x.toPrecision(3)));
  }
  return x.toExponential(2);
}
var MASS_STEPS = [
  [1e9, "Mt"],
  [1e6, "kt"],
  [1e3, "t"],
  [1, "kg"]
];
function formatMassKg(kg) {
  const magnitude = Math.abs(kg);
  for (const [factor, unit] of MASS_STEPS) {
    if (magnitude >= factor) return `${formatNumber(kg / factor)} ${unit}`;
  }
  return `${formatNumber(kg)} kg`;
}
function truncate(text, max) {
  const s = String(text ?? "");
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}
var SVG_NS = "http://www.w3.org/2000/svg";
function svg(tag, attributes = {}) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}
function html(tag, className = "", text = void 0) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== void 0) element.textContent = text;
  return element;
}

// sankey.js
var PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#e15759",
  "#76b7b2",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac"
];
var LABEL_ROOM = 120;
function layoutSankey(data, { width = 900, height = 420, nodeWidth = 14, nodePadding = 12 } = {}) {
  const count = data.labels?.length ?? 0;
  const columnIds = [...new Set(data.columns ?? [])].sort((a, b) => a - b);
  const columnIndex = new Map(columnIds.map((column, i) => [column, i]));
  const byColumn = columnIds.map(() => []);
  for (let i = 0; i < count; i += 1) byColumn[columnIndex.get(data.columns[i])].push(i);
  let scale = Infinity;
  for (const members of byColumn) {
    const sum = members.reduce((total, i) => total + Math.max(0, data.values[i]), 0);
    const room = height - nodePadding * (members.length - 1);
    if (sum > 0) scale = Math.min(scale, room / sum);
  }
  if (!Number.isFinite(scale) || scale < 0) scale = 0;
  const step = columnIds.length > 1 ? (width - nodeWidth) / (columnIds.length - 1) : 0;
  const nodes = [];
  byColumn.forEach((members, c) => {
    const used = members.reduce((total, i) => total + Math.max(0, data.values[i]) * scale, 0) + nodePadding * (members.length - 1);
    let y = Math.max(0, (height - used) / 2);
    for (const i of members) {
      const nodeHeight = Math.max(0, data.values[i]) * scale;
      nodes[i] = {
        index: i,
        label: data.labels[i],
        fullLabel: data.full_labels?.[i] ?? data.labels[i],
        value: data.values[i],
        column: data.columns[i],
        columnIndex: c,
        x: c * step,
        y,
        height: nodeHeight
      };
      y += nodeHeight + nodePadding;
    }
  });
  const links = (data.sources ?? []).map((source, i) => ({
    index: i,
    source,
    target: data.targets[i],
    value: data.link_values[i],
    width: Math.max(0, data.link_values[i]) * scale
  }));
  const leaving = /* @__PURE__ */ new Map();
  const entering = /* @__PURE__ */ new Map();
  for (const link of links) {
    if (!leaving.has(link.source)) leaving.set(link.source, []);
    if (!entering.has(link.target)) entering.set(link.target, []);
    leaving.get(link.source).push(link);
    entering.get(link.target).push(link);
  }
  for (const [source, outgoing] of leaving) {
    let offset = nodes[source].y;
    for (const link of outgoing.sort((a, b) => nodes[a.target].y - nodes[b.target].y)) {
      link.y0 = offset + link.width / 2;
      offset += link.width;
    }
  }
  for (const [target, incoming] of entering) {
    let offset = nodes[target].y;
    for (const link of incoming.sort((a, b) => nodes[a.source].y - nodes[b.source].y)) {
      link.y1 = offset + link.width / 2;
      offset += link.width;
    }
  }
  for (const link of links) {
    link.x0 = nodes[link.source].x + nodeWidth;
    link.x1 = nodes[link.target].x;
  }
  return { nodes, links, scale, columnCount: columnIds.length, nodeWidth };
}
function isSpacer(data, i) {
  return data.kinds ? data.kinds[i] === "spacer" : data.labels[i] === "";
}
function colourNodeOf(layout, link) {
  const source = layout.nodes[link.source];
  return source.columnIndex === 0 ? layout.nodes[link.target] : source;
}
function nodeTooltip(data, node) {
  const lines = [`${node.fullLabel}: ${formatMassKg(node.value)}`];
  for (const [label, kg] of data.members?.[String(node.index)] ?? []) lines.push(`  ${label}: ${formatMassKg(kg)}`);
  return lines.join("\n");
}
function render({ model, el }) {
  const root = html("div", "efp-sankey");
  el.appendChild(root);
  function draw() {
    const data = model.get("data") ?? {};
    const width = model.get("width") || 1e3;
    const height = model.get("height") || 460;
    const titles = data.column_titles ?? [];
    const margin = { left: 8, right: LABEL_ROOM, top: titles.length ? 22 : 8, bottom: 8 };
    root.replaceChildren();
    const title = model.get("title");
    if (title) root.append(html("div", "efp-sankey-title", title));
    root.append(html("div", "efp-sankey-total", `Total: ${formatMassKg(data.total ?? 0)} CO2-eq`));
    if (!data.labels?.length) {
      root.append(html("div", "efp-sankey-empty", "No footprint to show."));
      return;
    }
    const layout = layoutSankey(data, {
      width: width - margin.left - margin.right,
      height: height - margin.top - margin.bottom
    });
    const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", preserveAspectRatio: "xMidYMin meet" });
    const canvas = svg("g", { transform: `translate(${margin.left},${margin.top})` });
    const colourOf = (i) => data.colors?.[i] ?? PALETTE[i % PALETTE.length];
    for (const link of layout.links) {
      const middle = (link.x0 + link.x1) / 2;
      const path = svg("path", {
        class: "efp-sankey-link",
        d: `M${link.x0},${link.y0} C${middle},${link.y0} ${middle},${link.y1} ${link.x1},${link.y1}`,
        stroke: colourOf(colourNodeOf(layout, link).index),
        "stroke-width": Math.max(1, link.width),
        fill: "none"
      });
      const tooltip = svg("title");
      tooltip.textContent = `${layout.nodes[link.source].fullLabel || "…"} → ${layout.nodes[link.target].fullLabel || "…"}: ${formatMassKg(link.value)}`;
      path.append(tooltip);
      canvas.append(path);
    }
    const withValues = layout.columnCount <= 5;
    for (const node of layout.nodes) {
      const box = svg("rect", {
        x: node.x,
        y: node.y,
        width: layout.nodeWidth,
        height: Math.max(1, node.height),
        fill: colourOf(node.index)
      });
      if (isSpacer(data, node.index)) {
        box.setAttribute("class", "efp-sankey-spacer");
        canvas.append(box);
        continue;
      }
      const group = svg("g", { class: "efp-sankey-node", "data-index": node.index });
      group.append(box);
      const label = svg("text", {
        x: node.x + layout.nodeWidth + 4,
        y: node.y + node.height / 2,
        "dominant-baseline": "middle",
        class: "efp-sankey-label"
      });
      label.textContent = withValues ? `${truncate(node.label, 24)} ${formatMassKg(node.value)}` : node.label;
      const tooltip = svg("title");
      tooltip.textContent = nodeTooltip(data, node);
      group.append(label, tooltip);
      canvas.append(group);
    }
    const columnSpan = layout.columnCount > 1 ? layout.nodes.find((node) => node.columnIndex === 1).x : width;
    const titleCharacters = Math.max(4, Math.floor(Math.min(columnSpan, LABEL_ROOM + layout.nodeWidth) / 7.5));
    titles.forEach((text, c) => {
      const column = layout.nodes.find((node) => node.columnIndex === c);
      if (!column || !text) return;
      const heading = svg("text", { x: column.x, y: -8, class: "efp-sankey-column-title" });
      heading.textContent = truncate(text, titleCharacters);
      const tooltip = svg("title");
      tooltip.textContent = text;
      heading.append(tooltip);
      canvas.append(heading);
    });
    drawing.append(canvas);
    root.append(drawing);
  }
  const events = ["change:data", "change:title", "change:width", "change:height"];
  for (const event of events) model.on(event, draw);
  draw();
  return () => {
    for (const event of events) model.off(event, draw);
  };
}
var sankey_default = { render };
export {
  sankey_default as default,
  layoutSankey,
  render
};
