/// <reference types="node" />
// Text fields as Y.Text: edits by difference, concurrent typing on yjs
// replicas (and against yrs through fixtures shared with
// crates/core/tests/text_fields.rs), the caret across remote edits, and the
// conversion of documents written before text was Y.Text. Renew the fixtures
// with `WAYMARK_WRITE_FIXTURES=1` in the Rust test first, then here.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  LOCAL,
  addLane,
  addStage,
  addTouchpoint,
  readJourney,
  setFields,
  textBinding,
  undoManager,
} from "./journey";
import { bindText, migrateText, moveIndex, textEdit, type TextInput } from "./text";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const writing = Boolean(process.env["WAYMARK_WRITE_FIXTURES"]);

function exchange(a: Y.Doc, b: Y.Doc) {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB, "remote");
  Y.applyUpdate(a, toA, "remote");
}

function replica(of: Y.Doc): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(of), "remote");
  return d;
}

function withTouchpoint(description: string) {
  const doc = new Y.Doc();
  const tp = addTouchpoint(doc, addStage(doc, "S"), addLane(doc, "L", "touchpoints"), "T");
  setFields(doc, "touchpoints", tp, { description });
  return { doc, tp };
}

const description = (doc: Y.Doc) => readJourney(doc).touchpoints[0]?.description;

/** Both sides' edits of "Customer calls the bank"; the two appends at the end may come in either order. */
const MERGED = ["Angry: Customer phones bank at night!", "Angry: Customer phones bank! at night"];

/** An <input> stand-in: typing changes its value and caret, then fires `input`. */
class FakeInput implements TextInput {
  value = "";
  selectionStart: number | null = 0;
  selectionEnd: number | null = 0;
  ownerDocument = { activeElement: null as unknown };
  private listeners = new Map<string, (() => void)[]>();
  setSelectionRange(start: number, end: number) {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  addEventListener(type: string, f: () => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), f]);
  }
  removeEventListener(type: string, f: () => void) {
    this.listeners.set(
      type,
      (this.listeners.get(type) ?? []).filter((g) => g !== f),
    );
  }
  focus() {
    this.ownerDocument.activeElement = this;
  }
  fire(type: string) {
    for (const f of this.listeners.get(type) ?? []) f();
  }
  /** Types `s` at `at` (a caret there), as the browser does. */
  type(at: number, s: string, remove = 0) {
    this.value = this.value.slice(0, at) + s + this.value.slice(at + remove);
    this.setSelectionRange(at + s.length, at + s.length);
    this.fire("input");
  }
}

describe("text edits", () => {
  it("finds the one replaced range, without splitting a surrogate pair", () => {
    expect(textEdit("abc", "abc")).toBeNull();
    expect(textEdit("Pay the bill", "Pay the whole bill")).toEqual({
      index: 8,
      remove: 0,
      insert: "whole ",
    });
    expect(textEdit("Pay the bill", "Pay bill")).toEqual({ index: 4, remove: 4, insert: "" });
    expect(textEdit("a😀b", "a😃b")).toEqual({ index: 1, remove: 2, insert: "😃" });
    expect(textEdit("aa", "aaa")).toEqual({ index: 2, remove: 0, insert: "a" });
  });

  it("moves a caret by a change before it, not by one after or at it", () => {
    // "Customer| calls": caret 8.
    expect(moveIndex(8, [{ insert: "Angry: " }])).toBe(15);
    expect(moveIndex(8, [{ retain: 8 }, { insert: "!" }])).toBe(8);
    expect(moveIndex(8, [{ retain: 2 }, { delete: 3 }])).toBe(5);
    expect(moveIndex(8, [{ retain: 6 }, { delete: 5 }])).toBe(6);
    expect(moveIndex(8, [{ retain: 10 }, { delete: 2 }])).toBe(8);
  });
});

describe("concurrent typing", () => {
  it("two yjs replicas: appends, inserts and deletes in one field all survive", () => {
    const { doc: a, tp } = withTouchpoint("Customer calls the bank");
    const b = replica(a);
    setFields(a, "touchpoints", tp, { description: "Customer phones the bank" });
    setFields(a, "touchpoints", tp, { description: "Customer phones the bank at night" });
    setFields(b, "touchpoints", tp, { description: "Angry: Customer calls the bank" });
    setFields(b, "touchpoints", tp, { description: "Angry: Customer calls bank" });
    setFields(b, "touchpoints", tp, { description: "Angry: Customer calls bank!" });
    exchange(a, b);
    expect(MERGED).toContain(description(a));
    expect(description(b)).toBe(description(a));
  });

  it("yjs and yrs typing into the same field while apart merge", () => {
    const base = readFileSync(fixture("text-base.bin"));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base, "remote");
    const tp = readJourney(doc).touchpoints.find(
      (t) => t.description === "Customer calls the bank",
    );
    if (!tp) throw new Error("the fixture's touchpoint is missing");
    const before = Y.encodeStateVector(doc);
    for (const d of [
      "Angry: Customer calls the bank",
      "Angry: Customer calls bank",
      "Angry: Customer calls bank!",
    ])
      setFields(doc, "touchpoints", tp.id, { description: d });
    if (writing) writeFileSync(fixture("text-yjs-edit.bin"), Y.encodeStateAsUpdate(doc, before));
    Y.applyUpdate(doc, readFileSync(fixture("text-yrs-edit.bin")), "remote");
    expect(MERGED).toContain(readJourney(doc).touchpoints.find((t) => t.id === tp.id)?.description);
  });

  it("an input bound to a field writes each keystroke and keeps its caret across remote edits", () => {
    const { doc: a, tp } = withTouchpoint("Customer calls");
    const b = replica(a);
    const el = new FakeInput();
    const binding = bindText(el, textBinding(a, "touchpoints", tp, "description"));
    expect(el.value).toBe("Customer calls");
    el.focus();
    el.setSelectionRange(8, 8);
    el.type(8, " X");
    expect(description(a)).toBe("Customer X calls");
    // B types at the start and the end while A's caret is after "X".
    setFields(b, "touchpoints", tp, { description: "Angry: Customer calls" });
    setFields(b, "touchpoints", tp, { description: "Angry: Customer calls the bank" });
    exchange(a, b);
    expect(el.value).toBe("Angry: Customer X calls the bank");
    expect([el.selectionStart, el.selectionEnd]).toEqual([17, 17]);
    el.type(17, "Y");
    exchange(a, b);
    expect(description(b)).toBe("Angry: Customer XY calls the bank");
    binding.destroy();
  });

  it("keystrokes in one field are one undo step; another field starts another", () => {
    const { doc, tp } = withTouchpoint("Calls");
    const um = undoManager(doc);
    const el = new FakeInput();
    bindText(el, textBinding(doc, "touchpoints", tp, "description"));
    el.focus();
    for (const c of " the bank") el.type(el.value.length, c);
    const owner = new FakeInput();
    bindText(owner, textBinding(doc, "touchpoints", tp, "owner"));
    owner.focus();
    owner.type(0, "Ops");
    expect(description(doc)).toBe("Calls the bank");
    um.undo();
    expect(readJourney(doc).touchpoints[0]?.owner).toBe("");
    expect(description(doc)).toBe("Calls the bank");
    um.undo();
    expect(description(doc)).toBe("Calls");
    expect(el.value).toBe("Calls");
    um.redo();
    expect(description(doc)).toBe("Calls the bank");
    um.destroy();
  });

  it("a required field left blank is not written, and comes back on leaving", () => {
    const { doc, tp } = withTouchpoint("");
    const el = new FakeInput();
    bindText(el, textBinding(doc, "touchpoints", tp, "title"));
    el.focus();
    el.type(0, "", 1);
    expect(el.value).toBe("");
    expect(readJourney(doc).touchpoints[0]?.title).toBe("T");
    el.fire("change");
    expect(el.value).toBe("T");
    el.type(1, "wo");
    expect(readJourney(doc).touchpoints[0]?.title).toBe("Two");
  });

  it("edits are LOCAL transactions (one undo step each) and make Y.Text", () => {
    const { doc, tp } = withTouchpoint("x");
    const origins: unknown[] = [];
    doc.on("afterTransaction", (t: Y.Transaction) => origins.push(t.origin));
    setFields(doc, "touchpoints", tp, { title: "Title" });
    expect(origins).toEqual([LOCAL]);
    const m = doc.getMap<Y.Map<unknown>>("touchpoints").get(tp);
    expect(m?.get("title")).toBeInstanceOf(Y.Text);
    expect(m?.get("description")).toBeInstanceOf(Y.Text);
  });
});

describe("documents written before text was Y.Text", () => {
  const old = () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readFileSync(fixture("map-before-text.bin")), "remote");
    return doc;
  };
  const plainCount = (doc: Y.Doc) =>
    [...doc.getMap<Y.Map<unknown>>("touchpoints").values()].filter(
      (m) => typeof m.get("title") === "string",
    ).length;

  it("read the same, convert once, and every field becomes Y.Text", () => {
    const doc = old();
    expect(plainCount(doc)).toBeGreaterThan(10);
    const before = readJourney(doc);
    expect(migrateText(doc)).not.toBeNull();
    expect(plainCount(doc)).toBe(0);
    expect(doc.getMap("meta").get("title")).toBeInstanceOf(Y.Text);
    expect(readJourney(doc)).toEqual(before);
    expect(migrateText(doc)).toBeNull();
  });

  it("two replicas converting on their own make one edit, so typing on either survives", () => {
    const a = old();
    const b = old();
    migrateText(a);
    migrateText(b);
    const tp = readJourney(a).touchpoints[0];
    if (!tp) throw new Error("no touchpoint");
    setFields(a, "touchpoints", tp.id, { title: `${tp.title} (A)` });
    setFields(b, "touchpoints", tp.id, { title: `(B) ${tp.title}` });
    exchange(a, b);
    expect(readJourney(a).touchpoints[0]?.title).toBe(`(B) ${tp.title} (A)`);
    expect(readJourney(b)).toEqual(readJourney(a));
  });

  it("convert exactly as the backend (yrs) does", () => {
    const doc = old();
    const ours = migrateText(doc);
    if (!ours) throw new Error("nothing converted");
    if (writing) writeFileSync(fixture("migration-yjs.bin"), ours);
    const sv = Y.encodeStateVector(doc);
    const view = readJourney(doc);
    Y.applyUpdate(doc, readFileSync(fixture("migration-yrs.bin")), "remote");
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    expect(readJourney(doc)).toEqual(view);
    expect(doc.store.pendingStructs).toBeNull();
  });
});
