// The journey's Yjs document, as the editor reads and changes it. The schema
// is crates/core/src/doc.rs: root Y.Maps `meta`, `stages`, `lanes`,
// `touchpoints`, `annotations`, ... from entity id to a Y.Map of fields;
// object fields (`inputs`, `target`, `votes`) are nested Y.Maps; order is a
// fractional `order` key per entity (./order.ts); text people type is a
// Y.Text (./text.ts). Every user action is one `doc.transact(..., LOCAL)` so
// that it is one undo step and one update.

import * as Y from "yjs";
import { ANNOTATION_KINDS, EVIDENCE, INPUTS, LANE_KINDS, NATURES } from "../generated/schema";
import {
  LOCAL,
  byOrder,
  entity,
  get,
  keyAt,
  newId,
  plain,
  root,
  sortedOrders,
  str,
  strings,
} from "./entities";
import { isTextField, writeTextField, type TextBinding } from "./text";

export { LOCAL, newId };
export {
  addPersona,
  deletePersona,
  setPersonaFields,
  setPrimaryPersona,
  type PersonaFields,
} from "./personas";

// The kinds and the inputs' ranges are Rust's (crates/core/src/schema.rs).
export { ANNOTATION_KINDS, EVIDENCE, INPUTS, LANE_KINDS, NATURES };
export type LaneKind = (typeof LANE_KINDS)[number];

export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export type Nature = (typeof NATURES)[number];
export type Evidence = (typeof EVIDENCE)[number];

export interface Persona {
  id: string;
  order: string;
  name: string;
  role: string;
  goals: string[];
  frustrations: string[];
  quote: string;
}

export interface Stage {
  id: string;
  order: string;
  name: string;
  description: string;
}

export interface Lane {
  id: string;
  order: string;
  name: string;
  kind: LaneKind;
}

export type Inputs = Partial<Record<InputKey, number>>;

export interface Touchpoint {
  id: string;
  stage: string;
  lane: string;
  order: string;
  title: string;
  description: string;
  channel: string;
  owner: string;
  nature: Nature;
  moment_of_truth: boolean;
  evidence: Evidence;
  /** The personas who go through it (ids, as stored: views skip unknown ones). */
  personas: string[];
  inputs: Inputs;
}

export type Target = { kind: "map" } | { kind: "stage" | "touchpoint"; id: string };

export interface Annotation {
  id: string;
  kind: AnnotationKind;
  text: string;
  author: string;
  created_at: string;
  resolved: boolean;
  target: Target;
}

export interface JourneyView {
  title: string;
  personas: Persona[];
  /** The persona the map is drawn for (`meta.primary_persona`), if it exists. */
  primaryPersona: string | null;
  stages: Stage[];
  lanes: Lane[];
  /** Sorted by stage, lane, then order inside the cell. */
  touchpoints: Touchpoint[];
  annotations: Annotation[];
}

export type InputKey = keyof typeof INPUTS;

/** Why `value` is not a valid `key` input, or null when it is. */
export function inputError(key: InputKey, value: number): string | null {
  const spec = INPUTS[key];
  if (!Number.isFinite(value)) return `${spec.label} must be a number`;
  if (spec.integer && !Number.isInteger(value)) return `${spec.label} must be a whole number`;
  if (value < spec.min || value > spec.max)
    return `${spec.label} must be between ${spec.min} and ${spec.max}`;
  return null;
}

/** The root types the editor changes (what undo tracks). */
export function editedRoots(doc: Y.Doc): Y.Map<unknown>[] {
  return [
    "meta",
    "personas",
    "stages",
    "lanes",
    "touchpoints",
    "connections",
    "annotations",
    // A deleted touchpoint's statistics (and a legacy map's answers) go with
    // it, so undoing the delete must bring them back too.
    "evidence",
    "responses",
  ].map((n) => doc.getMap(n));
}

function readInputs(v: unknown): Inputs {
  const out: Inputs = {};
  for (const [k, val] of Object.entries(plain(v))) {
    if (k in INPUTS && typeof val === "number") out[k as InputKey] = val;
  }
  return out;
}

function readTarget(v: unknown): Target {
  const t = plain(v);
  if ((t["kind"] === "stage" || t["kind"] === "touchpoint") && typeof t["id"] === "string")
    return { kind: t["kind"], id: t["id"] };
  return { kind: "map" };
}

/** The document as plain, sorted data for rendering. */
export function readJourney(doc: Y.Doc): JourneyView {
  const personas: Persona[] = [];
  root(doc, "personas").forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    personas.push({
      id,
      order: str(m, "order"),
      name: str(m, "name"),
      role: str(m, "role"),
      goals: strings(m.get("goals")),
      frustrations: strings(m.get("frustrations")),
      quote: str(m, "quote"),
    });
  });
  personas.sort(byOrder);
  const primary = doc.getMap("meta").get("primary_persona");
  const stages: Stage[] = [];
  root(doc, "stages").forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    stages.push({
      id,
      order: str(m, "order"),
      name: str(m, "name"),
      description: str(m, "description"),
    });
  });
  stages.sort(byOrder);
  const lanes: Lane[] = [];
  root(doc, "lanes").forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const kind = str(m, "kind", "touchpoints");
    lanes.push({
      id,
      order: str(m, "order"),
      name: str(m, "name"),
      kind: (LANE_KINDS as readonly string[]).includes(kind) ? (kind as LaneKind) : "free_text",
    });
  });
  lanes.sort(byOrder);
  const stageIndex = new Map(stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  const touchpoints: Touchpoint[] = [];
  root(doc, "touchpoints").forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const stage = str(m, "stage");
    const lane = str(m, "lane");
    // A touchpoint whose stage or lane is gone is hidden, as in the backend's projection.
    if (!stageIndex.has(stage) || !laneIndex.has(lane)) return;
    touchpoints.push({
      id,
      stage,
      lane,
      order: str(m, "order"),
      title: str(m, "title"),
      description: str(m, "description"),
      channel: str(m, "channel"),
      owner: str(m, "owner"),
      nature: m.get("nature") === "service" ? "service" : "experience",
      moment_of_truth: m.get("moment_of_truth") === true,
      evidence: ((): Evidence => {
        const e = m.get("evidence");
        return e === "observed" || e === "proposed" ? e : "assumed";
      })(),
      personas: strings(m.get("personas")),
      inputs: readInputs(m.get("inputs")),
    });
  });
  touchpoints.sort(
    (a, b) =>
      (stageIndex.get(a.stage) ?? 0) - (stageIndex.get(b.stage) ?? 0) ||
      (laneIndex.get(a.lane) ?? 0) - (laneIndex.get(b.lane) ?? 0) ||
      byOrder(a, b),
  );
  const tpIds = new Set(touchpoints.map((t) => t.id));
  const annotations: Annotation[] = [];
  root(doc, "annotations").forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const target = readTarget(m.get("target"));
    if (target.kind === "stage" && !stageIndex.has(target.id)) return;
    if (target.kind === "touchpoint" && !tpIds.has(target.id)) return;
    const kind = str(m, "kind", "pain_point");
    annotations.push({
      id,
      kind: (ANNOTATION_KINDS as readonly string[]).includes(kind)
        ? (kind as AnnotationKind)
        : "pain_point",
      text: str(m, "text"),
      author: str(m, "author"),
      created_at: str(m, "created_at"),
      resolved: m.get("resolved") === true,
      target,
    });
  });
  annotations.sort((a, b) =>
    a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0,
  );
  return {
    title: str(doc.getMap("meta"), "title", "Untitled journey"),
    personas,
    primaryPersona:
      typeof primary === "string" && personas.some((p) => p.id === primary) ? primary : null,
    stages,
    lanes,
    touchpoints,
    annotations,
  };
}

/** Fields that validation requires to be non-blank (crates/core/src/validate.rs). */
const REQUIRED: Readonly<Record<string, string>> = {
  meta: "title",
  personas: "name",
  stages: "name",
  lanes: "name",
  touchpoints: "title",
  annotations: "text",
};

/** Binds an input to a text field of an entity (or `meta`), for `use:bindText`. */
export function textBinding(
  doc: Y.Doc,
  collection: "meta" | "personas" | "stages" | "lanes" | "touchpoints" | "annotations",
  id: string,
  key: string,
): TextBinding {
  return {
    doc,
    map: () => (collection === "meta" ? doc.getMap<unknown>("meta") : get(doc, collection, id)),
    key,
    origin: new Typing(`${collection}/${id}/${key}`),
    required: REQUIRED[collection] === key,
  };
}

export function addStage(doc: Y.Doc, name: string, index?: number): string {
  const id = newId();
  doc.transact(() => {
    const siblings = sortedOrders(doc, "stages");
    const order = keyAt(siblings, index ?? siblings.length);
    root(doc, "stages").set(
      id,
      entity("stages", { order, name, description: "", customer_goal: "" }),
    );
  }, LOCAL);
  return id;
}

export function addLane(doc: Y.Doc, name: string, kind: LaneKind, index?: number): string {
  const id = newId();
  doc.transact(() => {
    const siblings = sortedOrders(doc, "lanes");
    const order = keyAt(siblings, index ?? siblings.length);
    root(doc, "lanes").set(id, entity("lanes", { order, name, kind }));
  }, LOCAL);
  return id;
}

/** Sets fields of one entity (text fields by their difference); unchanged values are not written. */
export function setFields(
  doc: Y.Doc,
  collection: "stages" | "lanes" | "touchpoints" | "annotations" | "meta",
  id: string,
  fields: Record<string, string | boolean | number>,
): void {
  doc.transact(() => {
    const m = collection === "meta" ? doc.getMap<unknown>("meta") : get(doc, collection, id);
    if (!m) return;
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === "string" && isTextField(collection, k)) writeTextField(m, k, v);
      else if (m.get(k) !== v) m.set(k, v);
    }
  }, LOCAL);
}

/** Says whether `persona` goes through touchpoint `id` (one undo step). */
export function setTouchpointPersona(doc: Y.Doc, id: string, persona: string, on: boolean): void {
  doc.transact(() => {
    const m = get(doc, "touchpoints", id);
    if (!m) return;
    const list = strings(m.get("personas"));
    if (list.includes(persona) === on) return;
    m.set("personas", on ? [...list, persona] : list.filter((p) => p !== persona));
  }, LOCAL);
}

/**
 * Deletes what points at touchpoints `ids`: their connections, annotations,
 * survey statistics (`evidence`) and legacy raw answers (`responses`). Both
 * plain collections are keyed `touchpoint|…` (core's `evidence::key` and
 * `SurveyResponse::key`). The raw answers in the library's tables stay.
 */
function deleteTouchpointsTxn(doc: Y.Doc, ids: Set<string>) {
  const tps = root(doc, "touchpoints");
  for (const id of ids) tps.delete(id);
  for (const name of ["evidence", "responses"]) {
    const plainRoot = doc.getMap<unknown>(name);
    for (const key of [...plainRoot.keys()]) {
      const bar = key.indexOf("|");
      if (bar > 0 && ids.has(key.slice(0, bar))) plainRoot.delete(key);
    }
  }
  const conns = root(doc, "connections");
  for (const [cid, c] of [...conns.entries()]) {
    if (c instanceof Y.Map && (ids.has(str(c, "from")) || ids.has(str(c, "to")))) conns.delete(cid);
  }
  const notes = root(doc, "annotations");
  for (const [aid, a] of [...notes.entries()]) {
    if (!(a instanceof Y.Map)) continue;
    const t = readTarget(a.get("target"));
    if (t.kind === "touchpoint" && ids.has(t.id)) notes.delete(aid);
  }
}

/** Deletes a stage with its touchpoints and the annotations on them. */
export function deleteStage(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    const ids = new Set<string>();
    root(doc, "touchpoints").forEach((m, tid) => {
      if (m instanceof Y.Map && m.get("stage") === id) ids.add(tid);
    });
    deleteTouchpointsTxn(doc, ids);
    const notes = root(doc, "annotations");
    for (const [aid, a] of [...notes.entries()]) {
      const t = readTarget(a instanceof Y.Map ? a.get("target") : undefined);
      if (t.kind === "stage" && t.id === id) notes.delete(aid);
    }
    root(doc, "stages").delete(id);
  }, LOCAL);
}

/** Deletes a lane with its touchpoints. */
export function deleteLane(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    const ids = new Set<string>();
    root(doc, "touchpoints").forEach((m, tid) => {
      if (m instanceof Y.Map && m.get("lane") === id) ids.add(tid);
    });
    deleteTouchpointsTxn(doc, ids);
    root(doc, "lanes").delete(id);
  }, LOCAL);
}

function cellSiblings(doc: Y.Doc, stage: string, lane: string, except?: string) {
  return sortedOrders(
    doc,
    "touchpoints",
    (m) => m.get("stage") === stage && m.get("lane") === lane,
  ).filter((t) => t.id !== except);
}

/** Adds a touchpoint to the (stage, lane) cell at `index` (default: last). */
export function addTouchpoint(
  doc: Y.Doc,
  stage: string,
  lane: string,
  title: string,
  index?: number,
): string {
  const id = newId();
  doc.transact(() => {
    const siblings = cellSiblings(doc, stage, lane);
    const order = keyAt(siblings, index ?? siblings.length);
    root(doc, "touchpoints").set(
      id,
      entity("touchpoints", {
        stage,
        lane,
        order,
        title,
        description: "",
        channel: "",
        owner: "",
        nature: "experience",
        moment_of_truth: false,
        evidence: "assumed",
        tags: [],
        personas: [],
        inputs: new Y.Map(),
      }),
    );
  }, LOCAL);
  return id;
}

/** Moves a touchpoint to position `index` of the (stage, lane) cell. */
export function moveTouchpoint(
  doc: Y.Doc,
  id: string,
  stage: string,
  lane: string,
  index: number,
): void {
  doc.transact(() => {
    const m = get(doc, "touchpoints", id);
    if (!m) return;
    const siblings = cellSiblings(doc, stage, lane, id);
    const order = keyAt(siblings, index);
    if (m.get("stage") !== stage) m.set("stage", stage);
    if (m.get("lane") !== lane) m.set("lane", lane);
    if (m.get("order") !== order) m.set("order", order);
  }, LOCAL);
}

/**
 * Moves several touchpoints into one cell as one undo step: they land side by
 * side from `index`, in the order given.
 */
export function moveTouchpoints(
  doc: Y.Doc,
  ids: readonly string[],
  stage: string,
  lane: string,
  index: number,
): void {
  doc.transact(() => {
    ids.forEach((id, k) => {
      moveTouchpoint(doc, id, stage, lane, index + k);
    });
  }, LOCAL);
}

export function deleteTouchpoint(doc: Y.Doc, id: string): void {
  deleteTouchpoints(doc, [id]);
}

/** Deletes several touchpoints (with what points at them) as one undo step. */
export function deleteTouchpoints(doc: Y.Doc, ids: Iterable<string>): void {
  doc.transact(() => {
    deleteTouchpointsTxn(doc, new Set(ids));
  }, LOCAL);
}

/** Moves a stage or lane to position `index` among its siblings. */
export function moveEntity(doc: Y.Doc, kind: "stages" | "lanes", id: string, index: number): void {
  doc.transact(() => {
    const m = get(doc, kind, id);
    if (!m) return;
    const siblings = sortedOrders(doc, kind).filter((s) => s.id !== id);
    const order = keyAt(siblings, index);
    if (m.get("order") !== order) m.set("order", order);
  }, LOCAL);
}

/** The key for the end of a (stage, lane) cell, or right after `after` in it. */
export function cellKeyAfter(doc: Y.Doc, stage: string, lane: string, after?: string): string {
  const siblings = cellSiblings(doc, stage, lane);
  const at = after === undefined ? -1 : siblings.findIndex((s) => s.id === after);
  return keyAt(siblings, at < 0 ? siblings.length : at + 1);
}

/**
 * Sets (or with `null` clears) one scoring input. Refuses a value outside its
 * range: throws a RangeError with a message for the user.
 */
export function setInput(doc: Y.Doc, id: string, key: InputKey, value: number | null): void {
  if (value !== null) {
    const error = inputError(key, value);
    if (error) throw new RangeError(error);
  }
  doc.transact(() => {
    const m = get(doc, "touchpoints", id);
    if (!m) return;
    let inputs = m.get("inputs");
    if (!(inputs instanceof Y.Map)) {
      inputs = new Y.Map<unknown>();
      m.set("inputs", inputs);
    }
    const map = inputs as Y.Map<unknown>;
    if (value === null) {
      if (map.has(key)) map.delete(key);
    } else if (map.get(key) !== value) {
      map.set(key, value);
    }
  }, LOCAL);
}

export function addAnnotation(
  doc: Y.Doc,
  kind: AnnotationKind,
  text: string,
  target: Target,
  author = "",
): string {
  const id = newId();
  doc.transact(() => {
    const t = new Y.Map<unknown>();
    t.set("kind", target.kind);
    if (target.kind !== "map") t.set("id", target.id);
    root(doc, "annotations").set(
      id,
      entity("annotations", {
        kind,
        text,
        author,
        created_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        resolved: false,
        target: t,
        votes: new Y.Map(),
      }),
    );
  }, LOCAL);
  return id;
}

export function deleteAnnotation(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    root(doc, "annotations").delete(id);
  }, LOCAL);
}

/** The origin of typing into one text field (`field` names it). */
export class Typing {
  constructor(readonly field: string) {}
}

/**
 * An undo manager over the editor's changes: one step per local
 * transaction, except that keystrokes typed one after another into the same
 * field are one step.
 */
export function undoManager(doc: Y.Doc): Y.UndoManager {
  let typingIn: string | null = null;
  // Registered before the manager's own handler, so it sees the timeout
  // chosen here: "merge into the last step" only for more typing in the same field.
  const group = (tr: Y.Transaction) => {
    const field = tr.origin instanceof Typing ? tr.origin.field : null;
    um.captureTimeout = field !== null && field === typingIn ? Number.MAX_SAFE_INTEGER : 0;
    if (tr.origin === LOCAL || field !== null) typingIn = field;
    else if (tr.origin === um) typingIn = null;
  };
  doc.on("afterTransaction", group);
  const um = new Y.UndoManager(editedRoots(doc), {
    trackedOrigins: new Set<unknown>([LOCAL, Typing]),
    captureTimeout: 0,
  });
  const destroy = um.destroy.bind(um);
  um.destroy = () => {
    doc.off("afterTransaction", group);
    destroy();
  };
  return um;
}
