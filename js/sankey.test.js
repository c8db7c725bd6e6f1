import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { formatMassKg } from "./format.js";
import sankey, { layoutSankey } from "./sankey.js";
import { fakeModel, freshDocument } from "./testing.js";

// System (100) → Manufacturing (30), Usage (70) → Servers (60), Devices (40)
const DATA = {
  labels: ["System", "Manufacturing", "Usage", "Servers", "Devices"],
  full_labels: ["System", "Manufacturing", "Usage", "Servers", "Devices"],
  values: [100, 30, 70, 60, 40],
  columns: [0, 1, 1, 2, 2],
  sources: [0, 0, 1, 1, 2, 2],
  targets: [1, 2, 3, 4, 3, 4],
  link_values: [30, 70, 10, 20, 50, 20],
  total: 100,
  unit: "kg",
};

const close = (a, b, message) => assert.ok(Math.abs(a - b) < 1e-9, `${message}: ${a} != ${b}`);

describe("layoutSankey", () => {
  const size = { width: 600, height: 300, nodeWidth: 10, nodePadding: 20 };
  const layout = layoutSankey(DATA, size);

  test("every column's node heights add up to the total at one scale", () => {
    for (const column of [0, 1, 2]) {
      const heights = layout.nodes.filter((n) => n.column === column).reduce((sum, n) => sum + n.height, 0);
      close(heights, DATA.total * layout.scale, `column ${column}`);
    }
    close(layout.scale, (300 - 20) / 100, "the fullest column (two nodes) fills the height");
  });

  test("columns are spread over the width and nodes of a column do not overlap", () => {
    assert.deepEqual(layout.nodes.map((n) => n.x), [0, 295, 295, 590, 590]);
    for (const [upper, lower] of [[1, 2], [3, 4]]) {
      const a = layout.nodes[upper];
      const b = layout.nodes[lower];
      close(b.y - (a.y + a.height), size.nodePadding, `gap between ${a.label} and ${b.label}`);
    }
    close(layout.nodes[0].y, (300 - 100 * layout.scale) / 2, "a lone node is centred");
  });

  test("links stack inside their source and target nodes, widths proportional to values", () => {
    for (const link of layout.links) {
      const source = layout.nodes[link.source];
      const target = layout.nodes[link.target];
      close(link.width, DATA.link_values[link.index] * layout.scale, "width");
      assert.ok(link.y0 - link.width / 2 >= source.y - 1e-9 && link.y0 + link.width / 2 <= source.y + source.height + 1e-9);
      assert.ok(link.y1 - link.width / 2 >= target.y - 1e-9 && link.y1 + link.width / 2 <= target.y + target.height + 1e-9);
      assert.equal(link.x0, source.x + size.nodeWidth);
      assert.equal(link.x1, target.x);
    }
    const intoServers = layout.links.filter((l) => l.target === 3).sort((a, b) => a.y1 - b.y1);
    assert.deepEqual(intoServers.map((l) => l.source), [1, 2], "incoming links keep the order of their sources");
  });

  test("no data gives no nodes and no links", () => {
    const empty = layoutSankey({ labels: [], values: [], columns: [], sources: [], targets: [], link_values: [] });
    assert.deepEqual([empty.nodes.length, empty.links.length, empty.scale], [0, 0, 0]);
  });
});

describe("formatMassKg", () => {
  const cases = [[0, "0 kg"], [0.5, "0.5 kg"], [12.34, "12.3 kg"], [1234, "1.23 t"], [11150269.49, "11.2 kt"],
    [2.5e9, "2.5 Mt"], [-1500, "-1.5 t"]];
  for (const [kg, text] of cases) test(`${kg} kg → ${text}`, () => assert.equal(formatMassKg(kg), text));
});

describe("sankey view", () => {
  let el;
  beforeEach(() => {
    el = freshDocument();
  });

  test("draws one box per node, one band per link and the total", () => {
    sankey.render({ model: fakeModel({ data: DATA, title: "Where it goes", width: 600, height: 300 }), el });
    const root = el.querySelector(".efp-sankey");
    assert.ok(root);
    assert.equal(root.querySelector(".efp-sankey-total").textContent, "Total: 100 kg CO2-eq");
    assert.equal(root.querySelector(".efp-sankey-title").textContent, "Where it goes");
    assert.equal(root.querySelectorAll("g.efp-sankey-node").length, 5);
    assert.equal(root.querySelectorAll("path.efp-sankey-link").length, 6);
    assert.equal(root.querySelector('g.efp-sankey-node[data-index="3"] title').textContent, "Servers: 60 kg");
  });

  test("spacers only bridge links (no label); kernel colours, column titles and grouped members are used", () => {
    // System → Usage → (spacer) → Servers: the spacer keeps the column sums equal to the total
    const data = {
      labels: ["System", "Usage", "", "Other (2)"], full_labels: ["System", "Usage", "", "Other (2)"],
      kinds: ["root", "phase", "spacer", "other"], colors: ["#111111", "#222222", "#333333", "#444444"],
      column_titles: ["Total impact", "Life cycle phase", "Job", "Object"],
      members: { 3: [["server", 6], ["storage", 4]] },
      values: [10, 10, 10, 10], columns: [0, 1, 2, 3], sources: [0, 1, 2], targets: [1, 2, 3],
      link_values: [10, 10, 10], total: 10,
    };
    sankey.render({ model: fakeModel({ data, title: "", width: 600, height: 300 }), el });
    assert.deepEqual([...el.querySelectorAll("g.efp-sankey-node")].map((g) => g.dataset.index), ["0", "1", "3"]);
    assert.equal(el.querySelectorAll("path.efp-sankey-link").length, 3);
    assert.equal(el.querySelectorAll("rect.efp-sankey-spacer").length, 1);
    assert.equal(el.querySelectorAll(".efp-sankey-label").length, 3);
    assert.deepEqual([...el.querySelectorAll("g.efp-sankey-node rect")].map((r) => r.getAttribute("fill")),
      ["#111111", "#222222", "#444444"]);
    assert.deepEqual([...el.querySelectorAll(".efp-sankey-column-title")].map((t) => t.firstChild.textContent),
      ["Total impact", "Life cycle phase", "Job", "Object"]);
    assert.equal(el.querySelector('g.efp-sankey-node[data-index="3"] title').textContent,
      "Other (2): 10 kg\n  server: 6 kg\n  storage: 4 kg");
  });

  test("redraws when the kernel sends new data", () => {
    const model = fakeModel({ data: DATA, title: "", width: 600, height: 300 });
    sankey.render({ model, el });
    const grown = { ...DATA, values: DATA.values.map((v) => v * 1000), link_values: DATA.link_values.map((v) => v * 1000),
      total: 100000 };
    model.kernelSet({ data: grown });
    assert.equal(el.querySelector(".efp-sankey-total").textContent, "Total: 100 t CO2-eq");
    assert.equal(el.querySelectorAll(".efp-sankey").length, 1);
  });

  test("an empty system says so", () => {
    const empty = { labels: [], values: [], columns: [], sources: [], targets: [], link_values: [], total: 0 };
    sankey.render({ model: fakeModel({ data: empty, title: "", width: 600, height: 300 }), el });
    assert.equal(el.querySelector(".efp-sankey-empty").textContent, "No footprint to show.");
    assert.equal(el.querySelector(".efp-sankey-total").textContent, "Total: 0 kg CO2-eq");
  });

  test("the cleanup function removes every listener", () => {
    const model = fakeModel({ data: DATA, title: "", width: 600, height: 300 });
    const cleanup = sankey.render({ model, el });
    cleanup();
    assert.equal(model.handlerCount(), 0);
  });
});
