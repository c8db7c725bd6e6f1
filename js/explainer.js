// CalculusExplainer front-end: the explained value, its formula, its operands expandable down to the inputs
// (children are asked from the kernel one node at a time), and an optional layered drawing of the calculus graph.
import { html, svg, truncate } from "./format.js";

const GRAPH_BOX = { width: 170, height: 46, gapX: 18, gapY: 46 };

/** A small line drawing of a series' shape (means over slices, computed by the kernel). */
export function sparkline(points, width = 120, height = 24) {
  const line = svg("svg", { class: "efp-sparkline", width, height, viewBox: `0 0 ${width} ${height}` });
  if (!points || points.length < 2) return line;
  const low = Math.min(...points);
  const high = Math.max(...points);
  const span = high - low || 1;
  const coordinates = points.map((y, i) => {
    const px = (i / (points.length - 1)) * width;
    const py = height - 2 - ((y - low) / span) * (height - 4);
    return `${px.toFixed(1)},${py.toFixed(1)}`;
  });
  line.appendChild(svg("polyline", { points: coordinates.join(" "), fill: "none" }));
  return line;
}

/** Positions of the graph's nodes: one row per level below the root, each row centred. */
export function layoutGraph(graph, box = GRAPH_BOX) {
  const rows = new Map();
  for (const node of graph.nodes ?? []) {
    if (!rows.has(node.level)) rows.set(node.level, []);
    rows.get(node.level).push(node);
  }
  const widest = Math.max(1, ...[...rows.values()].map((row) => row.length));
  const width = widest * (box.width + box.gapX) + box.gapX;
  const positions = new Map();
  for (const [level, row] of rows) {
    const rowWidth = row.length * (box.width + box.gapX) - box.gapX;
    const left = (width - rowWidth) / 2;
    row.forEach((node, i) => {
      positions.set(node.id, { x: left + i * (box.width + box.gapX), y: box.gapY / 2 + level * (box.height + box.gapY) });
    });
  }
  const height = rows.size * (box.height + box.gapY);
  return { width, height, positions };
}

function sourceElement(node) {
  if (!node.source) return html("span", "efp-node-source");
  if (node.source_link) {
    const link = html("a", "efp-node-source", node.source);
    link.href = node.source_link;
    link.target = "_blank";
    link.rel = "noopener";
    return link;
  }
  return html("span", "efp-node-source", node.source);
}

export function render({ model, el }) {
  const expanded = new Set(); // node ids whose operands are shown; kept by id across updates
  const children = new Map(); // node id -> operand nodes received for the current revision
  const pending = new Set();
  const root = html("div", "efp-explainer");
  el.appendChild(root);

  function request(id) {
    if (children.has(id) || pending.has(id)) return;
    pending.add(id);
    model.send({ type: "children", id });
  }

  function toggle(id) {
    if (expanded.has(id)) {
      expanded.delete(id);
    } else {
      expanded.add(id);
      request(id);
    }
    draw();
  }

  function nodeRow(node, ancestors) {
    const item = html("li", "efp-node");
    item.dataset.id = node.id;
    const row = html("div", `efp-row${node.changed ? " efp-changed" : ""}`);
    const hasOperands = node.operand_count > 0 && !ancestors.has(node.id);
    const isOpen = hasOperands && expanded.has(node.id);
    const toggleButton = html("button", "efp-toggle", hasOperands ? (isOpen ? "▾" : "▸") : "•");
    toggleButton.disabled = !hasOperands;
    toggleButton.title = hasOperands ? `${isOpen ? "Hide" : "Show"} what ${node.label} is computed from` : "input";
    if (hasOperands) toggleButton.addEventListener("click", () => toggle(node.id));
    row.append(toggleButton, html("span", "efp-node-label", node.label));
    const value = html("span", "efp-node-value", node.value);
    value.dataset.unit = node.unit ?? "";
    row.append(value);
    if (node.sparkline?.length) row.append(sparkline(node.sparkline, 80, 18));
    row.append(sourceElement(node));
    item.append(row);
    if (isOpen) {
      if (node.formula) item.append(html("div", "efp-node-formula", `= ${node.formula}`));
      const received = children.get(node.id);
      if (received) {
        item.append(operandList(received, new Set([...ancestors, node.id])));
      } else {
        item.append(html("div", "efp-loading", "loading…"));
      }
    }
    return item;
  }

  function operandList(nodes, ancestors) {
    const list = html("ul", "efp-operands");
    for (const node of nodes) list.append(nodeRow(node, ancestors));
    return list;
  }

  function formulaElement(node) {
    const formula = html("div", "efp-formula");
    formula.append(html("span", "efp-formula-label", `${node.label} = `));
    if (!node.tokens?.length) {
      formula.append(html("span", "efp-formula-input", `input (${node.source ?? "no source"})`));
      return formula;
    }
    for (const token of node.tokens) {
      if (token.operand === undefined) {
        formula.append(html("span", "efp-formula-text", token.text));
      } else {
        const reference = html("button", "efp-operand-ref", token.text);
        reference.dataset.id = token.operand;
        reference.addEventListener("click", () => toggle(token.operand));
        formula.append(reference);
      }
    }
    return formula;
  }

  function graphControls() {
    const controls = html("div", "efp-graph-controls");
    const showLabel = html("label", "efp-graph-toggle");
    const show = html("input");
    show.type = "checkbox";
    show.checked = model.get("show_graph");
    show.addEventListener("change", () => {
      model.set("show_graph", show.checked);
      model.save_changes();
    });
    showLabel.append(show, " calculus graph");
    const depthLabel = html("label", "efp-graph-depth-label", " depth ");
    const depth = html("input", "efp-graph-depth");
    depth.type = "number";
    depth.min = "1";
    depth.max = "8";
    depth.value = String(model.get("graph_depth"));
    depth.addEventListener("change", () => {
      const levels = Number.parseInt(depth.value, 10);
      if (levels >= 1 && levels <= 8) {
        model.set("graph_depth", levels);
        model.save_changes();
      }
    });
    depthLabel.append(depth);
    controls.append(showLabel, depthLabel);
    return controls;
  }

  function graphElement(graph) {
    const container = html("div", "efp-graph");
    const { width, height, positions } = layoutGraph(graph);
    const drawing = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}` });
    for (const edge of graph.edges ?? []) {
      const from = positions.get(edge.source);
      const to = positions.get(edge.target);
      if (!from || !to) continue;
      const x1 = from.x + GRAPH_BOX.width / 2;
      const x2 = to.x + GRAPH_BOX.width / 2;
      const line = svg("line", { class: "efp-graph-edge", x1, y1: from.y, x2, y2: to.y + GRAPH_BOX.height });
      const title = svg("title");
      title.textContent = edge.operation;
      line.append(title);
      drawing.append(line);
    }
    for (const node of graph.nodes ?? []) {
      const at = positions.get(node.id);
      const group = svg("g", { class: `efp-graph-node${node.changed ? " efp-changed" : ""}`, "data-id": node.id });
      group.append(svg("rect", { x: at.x, y: at.y, width: GRAPH_BOX.width, height: GRAPH_BOX.height, rx: 4 }));
      const label = svg("text", { x: at.x + 6, y: at.y + 17, class: "efp-graph-label" });
      label.textContent = truncate(node.label, 26);
      const value = svg("text", { x: at.x + 6, y: at.y + 35, class: "efp-graph-value" });
      value.textContent = truncate(node.value, 28);
      const title = svg("title");
      title.textContent = `${node.label}\n${node.value}${node.formula ? `\n= ${node.formula}` : ""}`;
      group.append(label, value, title);
      drawing.append(group);
    }
    container.append(drawing);
    return container;
  }

  function draw() {
    const node = model.get("root") ?? {};
    root.replaceChildren();
    if (!node.id) return;
    const head = html("div", "efp-explainer-head");
    head.append(html("span", "efp-label", node.label));
    head.append(html("span", `efp-value${node.changed ? " efp-changed" : ""}`, node.value));
    if (node.sparkline?.length) head.append(sparkline(node.sparkline));
    head.append(sourceElement(node));
    root.append(head, formulaElement(node));
    const operands = model.get("operands") ?? [];
    if (operands.length) root.append(operandList(operands, new Set([node.id])));
    root.append(graphControls());
    const graph = model.get("graph") ?? {};
    if (model.get("show_graph") && graph.nodes?.length) root.append(graphElement(graph));
  }

  function onMessage(message) {
    if (!message || message.revision !== model.get("revision")) return; // an answer about values since replaced
    pending.delete(message.id);
    if (message.type === "children") {
      children.set(message.id, message.children);
      for (const child of message.children) if (expanded.has(child.id)) request(child.id);
    } else if (message.type === "error") {
      expanded.delete(message.id);
    }
    draw();
  }

  function onRevision() {
    // The kernel re-read the value: operands received before are stale. Ask again, top down, for what is open.
    children.clear();
    pending.clear();
    for (const operand of model.get("operands") ?? []) if (expanded.has(operand.id)) request(operand.id);
    draw();
  }

  model.on("msg:custom", onMessage);
  model.on("change:revision", onRevision);
  model.on("change:show_graph", draw);
  model.on("change:graph", draw);
  draw();

  return () => {
    model.off("msg:custom", onMessage);
    model.off("change:revision", onRevision);
    model.off("change:show_graph", draw);
    model.off("change:graph", draw);
  };
}

export default { render };
