import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import explainer, { layoutGraph } from "./explainer.js";
import { fakeModel, freshDocument } from "./testing.js";

function node(id, label, extra = {}) {
  return { id, label, value: `${label} value`, unit: "kg", source: "hypothesis", source_link: null, formula: null,
    tokens: [], sparkline: [], operand_count: 0, changed: false, ...extra };
}

const ROOT = node("srv.energy_footprint", "Energy footprint of server", {
  formula: "Instances energy of server * Average carbon intensity of server", operand_count: 2,
  source: "calculated by efp", sparkline: [1, 3, 2],
  tokens: [{ operand: "srv.instances_energy", text: "Instances energy of server" }, { text: " * " },
    { operand: "srv.average_carbon_intensity", text: "Average carbon intensity of server" }],
});
const ENERGY = node("srv.instances_energy", "Instances energy of server", { operand_count: 2, formula: "a * b" });
const INTENSITY = node("srv.average_carbon_intensity", "Average carbon intensity of server", { changed: true });
const POWER = node("srv.power", "Power of server", { operand_count: 1, formula: "c" });
const HOUR = node("one-hour", "one hour");

function state(changes = {}) {
  return { root: ROOT, operands: [ENERGY, INTENSITY], revision: 1, show_graph: false, graph_depth: 2, graph: {},
    ...changes };
}

let el;
beforeEach(() => {
  el = freshDocument();
});

const rowOf = (id) => el.querySelector(`li.efp-node[data-id="${id}"]`);
const toggleOf = (id) => rowOf(id).querySelector(":scope > .efp-row > .efp-toggle");

describe("explainer view", () => {
  test("shows the value, its source and the formula with one reference per operand", () => {
    explainer.render({ model: fakeModel(state()), el });
    const root = el.querySelector(".efp-explainer");
    assert.ok(root);
    assert.equal(root.querySelector(".efp-label").textContent, "Energy footprint of server");
    assert.equal(root.querySelector(".efp-value").textContent, "Energy footprint of server value");
    const formula = root.querySelector(".efp-formula");
    assert.equal(formula.textContent,
      "Energy footprint of server = Instances energy of server * Average carbon intensity of server");
    assert.deepEqual([...formula.querySelectorAll(".efp-operand-ref")].map((ref) => ref.dataset.id),
      ["srv.instances_energy", "srv.average_carbon_intensity"]);
    assert.equal(root.querySelectorAll(".efp-explainer-head polyline").length, 1);
  });

  test("lists the operands with value, unit and source, and highlights those the last update changed", () => {
    explainer.render({ model: fakeModel(state()), el });
    const intensity = rowOf("srv.average_carbon_intensity");
    assert.equal(intensity.querySelector(".efp-node-value").textContent, "Average carbon intensity of server value");
    assert.equal(intensity.querySelector(".efp-node-value").dataset.unit, "kg");
    assert.equal(intensity.querySelector(".efp-node-source").textContent, "hypothesis");
    assert.ok(intensity.querySelector(".efp-row").classList.contains("efp-changed"));
    assert.ok(!rowOf("srv.instances_energy").querySelector(".efp-row").classList.contains("efp-changed"));
    assert.ok(toggleOf("srv.average_carbon_intensity").disabled, "an input has nothing to expand");
  });

  test("a source with a link is drawn as a link", () => {
    const linked = node("x.y", "Linked", { source: "Boavizta", source_link: "https://example.org/boavizta" });
    explainer.render({ model: fakeModel(state({ operands: [linked] })), el });
    assert.equal(rowOf("x.y").querySelector("a.efp-node-source").href, "https://example.org/boavizta");
  });

  test("expanding an operand asks the kernel for its children once, then draws them", () => {
    const model = fakeModel(state());
    explainer.render({ model, el });
    toggleOf("srv.instances_energy").click();
    assert.deepEqual(model.sent, [{ type: "children", id: "srv.instances_energy" }]);
    assert.equal(rowOf("srv.instances_energy").querySelector(".efp-loading").textContent, "loading…");
    model.kernelSend({ type: "children", id: "srv.instances_energy", revision: 1, children: [POWER, HOUR] });
    const energy = rowOf("srv.instances_energy");
    assert.equal(energy.querySelector(".efp-node-formula").textContent, "= a * b");
    assert.deepEqual([...energy.querySelectorAll("li.efp-node")].map((item) => item.dataset.id), ["srv.power", "one-hour"]);
    toggleOf("srv.instances_energy").click(); // collapse
    assert.equal(rowOf("srv.power"), null);
    toggleOf("srv.instances_energy").click(); // expand again: children are already known
    assert.equal(model.sent.length, 1);
    assert.ok(rowOf("srv.power"));
  });

  test("clicking an operand in the formula expands that operand", () => {
    const model = fakeModel(state());
    explainer.render({ model, el });
    el.querySelector('.efp-operand-ref[data-id="srv.instances_energy"]').click();
    assert.deepEqual(model.sent, [{ type: "children", id: "srv.instances_energy" }]);
  });

  test("an answer about an older revision is ignored", () => {
    const model = fakeModel(state({ revision: 3 }));
    explainer.render({ model, el });
    toggleOf("srv.instances_energy").click();
    model.kernelSend({ type: "children", id: "srv.instances_energy", revision: 2, children: [POWER] });
    assert.equal(rowOf("srv.power"), null);
    assert.ok(rowOf("srv.instances_energy").querySelector(".efp-loading"));
  });

  test("after an update, open nodes are asked for again, parents before their children", () => {
    const model = fakeModel(state());
    explainer.render({ model, el });
    toggleOf("srv.instances_energy").click();
    model.kernelSend({ type: "children", id: "srv.instances_energy", revision: 1, children: [POWER, HOUR] });
    toggleOf("srv.power").click();
    model.kernelSend({ type: "children", id: "srv.power", revision: 1, children: [HOUR] });
    model.sent.length = 0;
    model.kernelSet({ revision: 2, operands: [ENERGY, { ...INTENSITY, changed: false }] });
    assert.deepEqual(model.sent, [{ type: "children", id: "srv.instances_energy" }]);
    model.kernelSend({ type: "children", id: "srv.instances_energy", revision: 2,
      children: [{ ...POWER, changed: true }, HOUR] });
    assert.deepEqual(model.sent.map((message) => message.id), ["srv.instances_energy", "srv.power"]);
    assert.ok(rowOf("srv.power").querySelector(".efp-row").classList.contains("efp-changed"));
    assert.ok(!rowOf("srv.average_carbon_intensity").querySelector(".efp-row").classList.contains("efp-changed"));
  });

  test("an error answer closes the node", () => {
    const model = fakeModel(state());
    explainer.render({ model, el });
    toggleOf("srv.instances_energy").click();
    model.kernelSend({ type: "error", id: "srv.instances_energy", revision: 1, message: "gone" });
    assert.equal(rowOf("srv.instances_energy").querySelector(".efp-loading"), null);
    assert.equal(toggleOf("srv.instances_energy").textContent, "▸");
  });

  test("the graph checkbox and depth write the traits back to the kernel", () => {
    const model = fakeModel(state());
    explainer.render({ model, el });
    const checkbox = el.querySelector(".efp-graph-toggle input");
    checkbox.checked = true;
    checkbox.dispatchEvent(new window.Event("change"));
    assert.equal(model.get("show_graph"), true);
    const depth = el.querySelector(".efp-graph-depth");
    depth.value = "4";
    depth.dispatchEvent(new window.Event("change"));
    assert.equal(model.get("graph_depth"), 4);
    depth.value = "40";
    depth.dispatchEvent(new window.Event("change"));
    assert.equal(model.get("graph_depth"), 4, "out of range depths are not sent");
    assert.equal(model.saved, 2);
  });

  test("the graph view draws one box per node and one line per edge, changed nodes highlighted", () => {
    const graph = {
      root: ROOT.id, depth: 1,
      nodes: [{ ...ROOT, level: 0 }, { ...ENERGY, level: 1 }, { ...INTENSITY, level: 1 }],
      edges: [{ source: ENERGY.id, target: ROOT.id, operation: "*" },
        { source: INTENSITY.id, target: ROOT.id, operation: "*" }],
    };
    const model = fakeModel(state());
    explainer.render({ model, el });
    assert.equal(el.querySelector(".efp-graph"), null);
    model.kernelSet({ show_graph: true, graph });
    assert.equal(el.querySelectorAll(".efp-graph g.efp-graph-node").length, 3);
    assert.equal(el.querySelectorAll(".efp-graph line.efp-graph-edge").length, 2);
    assert.deepEqual([...el.querySelectorAll(".efp-graph g.efp-changed")].map((g) => g.dataset.id), [INTENSITY.id]);
  });

  test("the cleanup function removes every listener", () => {
    const model = fakeModel(state());
    const cleanup = explainer.render({ model, el });
    assert.ok(model.handlerCount() > 0);
    cleanup();
    assert.equal(model.handlerCount(), 0);
  });
});

describe("layoutGraph", () => {
  const box = { width: 100, height: 20, gapX: 10, gapY: 30 };
  const cases = [
    { name: "root alone", levels: [0], widths: 120, rows: 1 },
    { name: "two operands under the root", levels: [0, 1, 1], widths: 230, rows: 2 },
    { name: "three levels, widest in the middle", levels: [0, 1, 1, 1, 2], widths: 340, rows: 3 },
  ];
  for (const { name, levels, widths, rows } of cases) {
    test(name, () => {
      const nodes = levels.map((level, i) => ({ id: `n${i}`, level }));
      const layout = layoutGraph({ nodes, edges: [] }, box);
      assert.equal(layout.width, widths);
      assert.equal(layout.height, rows * (box.height + box.gapY));
      const byRow = new Map();
      for (const { id, level } of nodes) {
        const { x, y } = layout.positions.get(id);
        assert.equal(y, box.gapY / 2 + level * (box.height + box.gapY));
        assert.ok(x >= 0 && x + box.width <= layout.width);
        byRow.set(level, [...(byRow.get(level) ?? []), x]);
      }
      for (const xs of byRow.values()) {
        xs.slice(1).forEach((x, i) => assert.equal(x - xs[i], box.width + box.gapX, "boxes do not overlap"));
      }
    });
  }
});
