// Test helpers: a DOM from jsdom and a fake anywidget model (get/set/on/off/save_changes/send).
import { JSDOM } from "jsdom";

/** Installs a fresh jsdom document as the global `document` and returns an empty element to render into. */
export function freshDocument() {
  const dom = new JSDOM("<!doctype html><html><body></body></html>");
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  const el = document.createElement("div");
  document.body.appendChild(el);
  return el;
}

/** A model holding `state`; `kernelSet` changes a trait as the kernel would, `kernelSend` delivers a custom message. */
export function fakeModel(state) {
  const handlers = new Map();
  const model = {
    state: { ...state },
    sent: [],
    saved: 0,
    get: (name) => model.state[name],
    set(name, value) {
      model.state[name] = value;
      model.emit(`change:${name}`);
    },
    on(event, handler) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event).add(handler);
    },
    off(event, handler) {
      handlers.get(event)?.delete(handler);
    },
    save_changes() {
      model.saved += 1;
    },
    send(message) {
      model.sent.push(message);
    },
    emit(event, ...args) {
      for (const handler of [...(handlers.get(event) ?? [])]) handler(...args);
    },
    handlerCount: () => [...handlers.values()].reduce((total, set) => total + set.size, 0),
    kernelSet(changes) {
      Object.assign(model.state, changes);
      for (const name of Object.keys(changes)) model.emit(`change:${name}`);
    },
    kernelSend(message) {
      model.emit("msg:custom", message, []);
    },
  };
  return model;
}
