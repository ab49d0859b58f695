// Text fields as Y.Text, the UI's half of crates/core/src/doc_text.rs (the
// two must pick the same fields and convert old documents identically):
// reading a field, writing a new value as the smallest delete + insert so
// concurrent typing merges character by character, binding an <input> or
// <textarea> to one field with the caret kept in place when someone else's
// edit arrives, and converting documents written before text was Y.Text.

import * as Y from "yjs";

/** The fields people type into, per collection (`meta` or an entity collection). */
export const TEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  meta: ["title", "description", "scenario", "expectations"],
  personas: ["name", "role", "quote"],
  stages: ["name", "description", "customer_goal"],
  lanes: ["name"],
  touchpoints: ["title", "description", "channel", "owner"],
  annotations: ["text"],
};

export function isTextField(collection: string, key: string): boolean {
  return TEXT_FIELDS[collection]?.includes(key) ?? false;
}

/** A field's text, whether a Y.Text or a plain string (an old document). */
export function textValue(v: unknown): string | undefined {
  if (v instanceof Y.Text) return v.toJSON();
  return typeof v === "string" ? v : undefined;
}

export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The one contiguous replacement that turns `before` into `after` (what a
 * keystroke, a paste or a cut does), in UTF-16 units as Y.Text counts; null
 * when they are equal. Never splits a surrogate pair.
 */
export function textEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return {
    index: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

/** Makes `text` read `value` by its difference (call inside a transaction). */
export function setText(text: Y.Text, value: string): void {
  const edit = textEdit(text.toJSON(), value);
  if (!edit) return;
  if (edit.remove > 0) text.delete(edit.index, edit.remove);
  if (edit.insert) text.insert(edit.index, edit.insert);
}

/** Writes a text field: an edit of its Y.Text, or a new Y.Text where it was missing or plain. */
export function writeTextField(m: Y.Map<unknown>, key: string, value: string): void {
  const current = m.get(key);
  if (current instanceof Y.Text) setText(current, value);
  else if (current !== value) m.set(key, new Y.Text(value));
}

/** Where a caret at `index` belongs after a change described by `delta` (positions of the old text). */
export function moveIndex(index: number, delta: Y.YTextEvent["delta"]): number {
  let at = 0;
  let moved = index;
  for (const op of delta) {
    // What lands exactly at the caret goes after it: whoever types there keeps going.
    if (at >= index) break;
    if (op.retain !== undefined) at += op.retain;
    else if (op.insert !== undefined) moved += typeof op.insert === "string" ? op.insert.length : 1;
    else if (op.delete !== undefined) {
      moved -= Math.min(op.delete, index - at);
      at += op.delete;
    }
  }
  return moved;
}

/** What `bindText` needs of an <input> or <textarea> (so tests can pass a stand-in). */
export interface TextInput {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  setSelectionRange(start: number, end: number): void;
  addEventListener(type: "input" | "change", f: () => void): void;
  removeEventListener(type: "input" | "change", f: () => void): void;
  readonly ownerDocument: { activeElement: unknown } | null;
}

export interface TextBinding {
  doc: Y.Doc;
  /** The Y.Map holding the field (an entity, or the `meta` root). */
  map: () => Y.Map<unknown> | undefined;
  key: string;
  /** The transaction origin of the user's edits (what undo tracks). */
  origin: unknown;
  /** A field that must not be blank: a blank value is not written, and is undone on leaving. */
  required?: boolean;
}

/**
 * Binds `el` to one text field: each input event writes its difference into
 * the Y.Text, and the document's changes (remote, undo) show in `el` with
 * the caret and selection moved by the change, not reset. A Svelte action.
 */
export function bindText(el: TextInput, binding: TextBinding) {
  let b = binding;
  let map: Y.Map<unknown> | undefined;
  let text: Y.Text | undefined;
  let shown: Y.Map<unknown> | undefined | null = null;

  const focused = () => el.ownerDocument?.activeElement === el;
  const current = () => textValue(map?.get(b.key)) ?? "";

  const onText = (event: Y.YTextEvent) => {
    const next = current();
    if (el.value === next) return;
    if (focused() && el.selectionStart !== null && el.selectionEnd !== null) {
      const start = moveIndex(el.selectionStart, event.delta);
      const end = moveIndex(el.selectionEnd, event.delta);
      el.value = next;
      el.setSelectionRange(start, end);
    } else {
      el.value = next;
    }
  };
  const onMap = (event: Y.YMapEvent<unknown>) => {
    if (event.keysChanged.has(b.key)) attach();
  };

  function attach() {
    const m = b.map();
    if (m !== map) {
      map?.unobserve(onMap);
      map = m;
      map?.observe(onMap);
    }
    const v = map?.get(b.key);
    const t = v instanceof Y.Text ? v : undefined;
    const moved = t !== text || m !== shown;
    if (t !== text) {
      text?.unobserve(onText);
      text = t;
      text?.observe(onText);
    }
    shown = m;
    // While the user types, what they see is theirs (a blank required
    // field, say); it is replaced only when the field itself changes.
    if ((moved || !focused()) && el.value !== current()) el.value = current();
  }

  const onInput = () => {
    const m = map;
    if (!m || (b.required && el.value.trim() === "")) return;
    b.doc.transact(() => {
      writeTextField(m, b.key, el.value);
    }, b.origin);
  };
  const onChange = () => {
    if (b.required && el.value.trim() === "") el.value = current();
  };

  el.addEventListener("input", onInput);
  el.addEventListener("change", onChange);
  attach();
  return {
    update(next: TextBinding) {
      b = next;
      attach();
    },
    destroy() {
      el.removeEventListener("input", onInput);
      el.removeEventListener("change", onChange);
      map?.unobserve(onMap);
      text?.unobserve(onText);
    },
  };
}

/** A text field still held as a plain string: collection, entity id ("" for meta), field, value. */
type PlainField = [string, string, string, string];

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The plain-string text fields, in the order both migrations convert them. */
function plainTextFields(doc: Y.Doc): PlainField[] {
  const out: PlainField[] = [];
  const scan = (collection: string, id: string, m: Y.Map<unknown>) => {
    for (const key of TEXT_FIELDS[collection] ?? []) {
      const v = m.get(key);
      if (typeof v === "string") out.push([collection, id, key, v]);
    }
  };
  // Only roots that exist: looking one up would create it.
  if (doc.share.has("meta")) scan("meta", "", doc.getMap("meta"));
  for (const name of Object.keys(TEXT_FIELDS)) {
    if (name === "meta" || !doc.share.has(name)) continue;
    doc.getMap<unknown>(name).forEach((m, id) => {
      if (m instanceof Y.Map) scan(name, id, m as Y.Map<unknown>);
    });
  }
  return out.sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]) || compare(a[2], b[2]));
}

/** As `migration_client` in doc_text.rs: FNV-1a 64 of the state vector and the fields, to 53 bits. */
function migrationClient(doc: Y.Doc, fields: PlainField[]): number {
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort(
    (a, b) => a[0] - b[0],
  );
  let h = 0xcbf29ce484222325n;
  const encoder = new TextEncoder();
  const feed = (s: string) => {
    for (const byte of encoder.encode(s)) {
      h ^= BigInt(byte);
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
  };
  for (const [client, clock] of sv) feed(`${client}:${clock};`);
  for (const [collection, id, key, value] of fields)
    feed(`${collection}\0${id}\0${key}\0${value}\u0001`);
  const id = Number(h & ((1n << 53n) - 1n));
  return id === 0 ? 1 : id;
}

/**
 * Converts every text field still held as a plain string into a Y.Text with
 * the same content, in one transaction, and returns the update (null when
 * there was nothing to convert). It writes as a client id derived from the
 * old state, exactly as the backend does, so replicas converting the same
 * document make the very same items instead of competing replacements.
 */
export function migrateText(doc: Y.Doc, origin: unknown = null): Uint8Array | null {
  const fields = plainTextFields(doc);
  if (fields.length === 0) return null;
  const sv = Y.encodeStateVector(doc);
  const scratch = new Y.Doc();
  scratch.clientID = migrationClient(doc, fields);
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
  scratch.transact(() => {
    for (const [collection, id, key, value] of fields) {
      const m =
        collection === "meta"
          ? scratch.getMap<unknown>("meta")
          : scratch.getMap<unknown>(collection).get(id);
      if (m instanceof Y.Map) m.set(key, new Y.Text(value));
    }
  });
  const update = Y.encodeStateAsUpdate(scratch, sv);
  Y.applyUpdate(doc, update, origin);
  scratch.destroy();
  return update;
}
