// The open map's editor state, apart from its rendering: the session and its
// document, the view read from it, undo, the selection, the title being
// edited, the zoom and the one `modal` value that says which dialog is open.
// The editing actions the command table (commands.ts) and the canvas call
// live here; the components only draw it and report the pointer.

import type { YDoc, UndoManager } from "../doc/ydoc";
import { focusReturning } from "../components/focus";
import type { Backend, ExportFormat, Homeless, VersionInfo } from "../backend";
import { readConnections } from "../doc/connections";
import { watchHomeless } from "../doc/homeless";
import {
  addLane,
  addStage,
  addTouchpoint,
  deleteLane,
  deleteStage,
  deleteTouchpoint,
  moveEntity,
  moveTouchpoint,
  moveTouchpoints,
  readJourney,
  setFields,
  setInput,
  undoManager,
  type JourneyView,
} from "../doc/journey";
import { Insights } from "../insights/state.svelte";
import type { AnalysisHandle, AnalysisModal } from "../present/handle";
import { MapSession, type SaveState } from "../sync/session";
import { neighbour } from "./cardNav";
import { recallPanelHidden, rememberPanelHidden, windowStore } from "./viewMemory";
import type { EditorActions } from "./commands";
import type { Effect } from "./gestures";
import { cellKey, layout } from "./layout";
import {
  connectPicked,
  copyPicked,
  cutPicked,
  deletePicked,
  duplicatePicked,
  pastePicked,
  pickAll,
  type PickState,
} from "./pickActions";
import type { Selection } from "./selection";

/** Every dialog the editor can show; at most one is open. */
export type EditorModal =
  | { kind: "shortcuts" }
  | { kind: "versions" }
  | { kind: "personas" }
  | { kind: "export"; format: ExportFormat }
  | { kind: "share" }
  | { kind: "host" }
  | { kind: "board" }
  | { kind: "settings" }
  | AnalysisModal;

/** What the canvas does with the scroll position (Canvas.svelte registers it). */
export interface ViewportHost {
  /** Zoom to `z`, keeping the middle of the view in place. */
  zoomTo(z: number): void;
  fit(): void;
  /** Scroll so the card of touchpoint `id` is in the middle. */
  reveal(id: string): void;
  /** Scroll to the right end (a new stage was added there). */
  toEnd(): void;
  /** Zoom to `z` and scroll to (`left`, `top`) screen pixels: a remembered view. */
  restore(z: number, left: number, top: number): void;
}

/** The arrows between touchpoints that are on the map. */
function connectionsIn(doc: YDoc, view: JourneyView) {
  return readConnections(doc, new Set(view.touchpoints.map((t) => t.id)));
}

/** A focus that follows a click this soon is not a keyboard selection. */
const CLICK_FOCUS_MS = 300;

export class EditorState implements EditorActions {
  session = $state.raw<MapSession | null>(null);
  doc = $state.raw<YDoc | null>(null);
  view = $state.raw<JourneyView | null>(null);
  openError = $state<string | null>(null);
  save = $state.raw<SaveState>({ kind: "saved" });
  canUndo = $state(false);
  canRedo = $state(false);
  insights = $state.raw<Insights | null>(null);

  selection = $state.raw<Selection>(null);
  /** Touchpoints picked together (shift-click, marquee, Ctrl+A); the primary one is `selection`. */
  picked = $state.raw<string[]>([]);
  /** The selected arrow between two touchpoints. */
  arrow = $state<string | null>(null);
  /** The touchpoint whose title is being edited in place. */
  editing = $state<string | null>(null);
  modal = $state.raw<EditorModal | null>(null);
  zoom = $state(1);
  /** Space is held: a drag pans. */
  panning = $state(false);
  /** The side panel is collapsed (remembered for every map, viewMemory.ts). */
  panelHidden = $state(recallPanelHidden(windowStore()));

  readonly lay = $derived(this.view ? layout(this.view) : null);
  readonly connections = $derived(this.doc && this.view ? connectionsIn(this.doc, this.view) : []);
  /** What concurrent edits left without a home, as the backend reports it
   * (the tray lists it); asked again after every change. */
  homeless = $state.raw<Homeless | null>(null);
  private stopHomeless = () => {};
  readonly pickedArrow = $derived(
    this.arrow ? (this.connections.find((c) => c.id === this.arrow) ?? null) : null,
  );
  readonly primaryPersona = $derived(
    this.view?.personas.find((p) => p.id === this.view?.primaryPersona) ?? null,
  );
  /** Unresolved notes per touchpoint and stage. */
  readonly noteCount = $derived.by(() => {
    const counts: Record<string, number> = {};
    for (const a of this.view?.annotations ?? []) {
      if (a.target.kind !== "map" && !a.resolved)
        counts[a.target.id] = (counts[a.target.id] ?? 0) + 1;
    }
    return counts;
  });
  /** The keys are the editor's: no dialog is open other than the shortcut sheet. */
  readonly keysFree = $derived(this.modal === null || this.modal.kind === "shortcuts");

  /** The canvas, once it is drawn. */
  viewport = $state.raw<ViewportHost | null>(null);
  /** The analysis views, once they are mounted. */
  analysisViews: AnalysisHandle | null = null;
  /** When the pointer last went down. */
  pointerAt = 0;
  private undoManager: UndoManager | null = null;
  private stopRemote: () => void = () => {};
  private readonly backend: Backend | null;
  readonly id: string;
  private readonly leave: (next?: string) => void;

  constructor(backend: Backend | null, id: string, leave: (next?: string) => void = () => {}) {
    this.backend = backend;
    this.id = id;
    this.leave = leave;
  }

  /** Opens the map through the backend, then follows its document and remote updates. */
  async open(): Promise<void> {
    const backend = this.backend;
    if (!backend) return;
    try {
      const s = await MapSession.open(this.id, backend, { onState: (st) => (this.save = st) });
      this.stopRemote = backend.onRemoteUpdate(this.id, (u) => {
        s.applyRemote(u);
      });
      this.session = s;
      this.insights = new Insights(backend, this.id, s, {
        isOpen: (kind) => this.modal?.kind === kind,
        open: (kind) => (this.modal = { kind }),
        close: (kind) => {
          if (this.modal?.kind === kind) this.modal = null;
        },
      });
      this.stopHomeless = watchHomeless(backend, this.id, s, (h) => (this.homeless = h));
      this.attach(s.doc);
      document.body.dataset["openMs"] = s.openMs.toFixed(1);
    } catch (e) {
      this.openError = e instanceof Error ? e.message : String(e);
    }
  }

  /** Follows `doc`: the view and the undo buttons update on every change. */
  attach(doc: YDoc): void {
    const um = undoManager(doc);
    const refresh = () => {
      this.view = readJourney(doc);
      this.canUndo = um.canUndo();
      this.canRedo = um.canRedo();
    };
    doc.on("update", refresh);
    um.on("stack-item-added", refresh);
    um.on("stack-item-popped", refresh);
    this.undoManager = um;
    this.doc = doc;
    refresh();
  }

  close(): void {
    this.insights?.destroy();
    this.stopHomeless();
    this.stopRemote();
    this.undoManager?.destroy();
    this.session?.close();
  }

  // ---- selection ----------------------------------------------------------

  /** Select one thing (or nothing); the picked set follows a touchpoint selection. */
  select(s: Selection): void {
    this.selection = s;
    if (s?.kind !== "touchpoint") {
      if (this.picked.length) this.picked = [];
    } else if (!this.picked.includes(s.id)) this.picked = [s.id];
    if (s) this.arrow = null;
  }

  /** Replace the picked touchpoints; the last one becomes the selection. */
  pick(ids: string[]): void {
    const last = ids[ids.length - 1];
    this.picked = ids;
    this.selection = last ? { kind: "touchpoint", id: last } : null;
    if (last) this.arrow = null;
  }

  /** Select an arrow (or none); an arrow and a card are never selected together. */
  selectArrow(a: string | null): void {
    if (a) this.select(null);
    this.arrow = a;
  }

  /** Focus reached `s` by keyboard (not right after a click, nor given back by a dialog): select it. */
  focused(s: Selection): void {
    if (focusReturning()) return;
    if (performance.now() - this.pointerAt > CLICK_FOCUS_MS) this.select(s);
  }

  private pickState(): PickState | null {
    const { doc, view } = this;
    if (!doc || !view) return null;
    return {
      doc,
      view,
      picked: this.picked,
      arrow: this.arrow,
      pick: (ids) => {
        this.pick(ids);
      },
      selectArrow: (a) => {
        this.selectArrow(a);
      },
    };
  }

  private withPicked(f: (s: PickState) => boolean): boolean {
    const s = this.pickState();
    return s ? f(s) : false;
  }

  deletePicked = (): boolean => this.withPicked(deletePicked);
  copy = (): boolean => this.withPicked(copyPicked);
  cut = (): boolean => this.withPicked(cutPicked);
  paste = (): boolean => this.withPicked(pastePicked);
  duplicate = (): boolean => this.withPicked(duplicatePicked);
  pickAll = (): boolean => this.withPicked(pickAll);
  connect = (): boolean => this.withPicked(connectPicked);

  // ---- editing --------------------------------------------------------------

  undo(): void {
    this.undoManager?.undo();
  }

  redo(): void {
    this.undoManager?.redo();
  }

  addInCell(stage: string, lane: string, index?: number): void {
    if (!this.doc) return;
    const tid = addTouchpoint(this.doc, stage, lane, "New touchpoint", index);
    this.select({ kind: "touchpoint", id: tid });
    this.editing = tid;
  }

  /** A new touchpoint after the selected one, or in the selected stage or lane. */
  addNear(): void {
    const { view, selection: sel } = this;
    if (!view || !this.doc) return;
    const tp =
      sel?.kind === "touchpoint" ? view.touchpoints.find((t) => t.id === sel.id) : undefined;
    if (tp) {
      const cell = this.lay?.cells.get(cellKey(tp.stage, tp.lane)) ?? [];
      const at = cell.findIndex((c) => c.tp.id === tp.id);
      this.addInCell(tp.stage, tp.lane, at + 1);
      return;
    }
    const stage = sel?.kind === "stage" ? sel.id : view.stages[0]?.id;
    const lane =
      sel?.kind === "lane"
        ? sel.id
        : (view.lanes.find((l) => l.kind === "touchpoints") ?? view.lanes[0])?.id;
    if (stage && lane) this.addInCell(stage, lane);
  }

  newStage(): void {
    if (!this.doc || !this.view) return;
    const sid = addStage(this.doc, `Stage ${this.view.stages.length + 1}`);
    this.select({ kind: "stage", id: sid });
    this.viewport?.toEnd();
  }

  newLane(): void {
    if (!this.doc) return;
    const lid = addLane(this.doc, "New lane", "free_text");
    this.select({ kind: "lane", id: lid });
  }

  remove(s: NonNullable<Selection>): void {
    if (!this.doc) return;
    if (s.kind === "touchpoint") deleteTouchpoint(this.doc, s.id);
    if (s.kind === "stage") deleteStage(this.doc, s.id);
    if (s.kind === "lane") deleteLane(this.doc, s.id);
    this.select(null);
  }

  deleteSelection(): void {
    if (this.arrow || this.picked.length > 1) this.deletePicked();
    else if (this.selection) this.remove(this.selection);
  }

  editSelected(): boolean {
    if (this.selection?.kind !== "touchpoint") return false;
    this.editing = this.selection.id;
    return true;
  }

  /** Save an edited title (an empty one keeps the old title), then give the card its focus back. */
  commitTitle(tid: string, title: string): void {
    this.editing = null;
    const t = title.trim();
    if (this.doc && t) setFields(this.doc, "touchpoints", tid, { title: t });
    this.focusCard(tid);
  }

  /** Drop an edit of the title in place; the card has the focus again. */
  cancelTitle(tid: string): void {
    this.editing = null;
    this.focusCard(tid);
  }

  /** Focus the card of touchpoint `tid` once it is drawn (after a scroll, a move or an edit). */
  focusCard(tid: string): void {
    if (typeof document === "undefined") return;
    requestAnimationFrame(() => {
      const el = document.querySelector<SVGGElement>(`g.card[data-touchpoint-id="${tid}"]`);
      el?.focus({ preventScroll: true });
    });
  }

  /** I: the side panel's first field for the selection has the focus (its Edit tab). */
  inspect(): boolean {
    if (!this.selection || typeof document === "undefined") return false;
    if (this.insights) this.insights.side = "edit";
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>(".inspector :is(input, select, textarea)")?.focus();
    });
    return true;
  }

  /** Arrow keys: select the card the arrow leads to, bring it into view and focus it. */
  moveFocus(dx: number, dy: number): boolean {
    const { view, lay } = this;
    if (!view || !lay) return false;
    const from = this.selection?.kind === "touchpoint" ? this.selection.id : null;
    const to = neighbour(lay, view, from, dx, dy);
    if (!to) return from !== null;
    this.reveal(to);
    this.focusCard(to);
    return true;
  }

  setEmotion(tid: string, value: number): void {
    if (this.doc) setInput(this.doc, tid, "emotion", value);
  }

  /** Move the selected stage or lane one place, or the touchpoint to the next stage or slot. */
  nudge(dx: number, dy: number): void {
    const { doc, view, lay, selection: sel } = this;
    if (!doc || !view) return;
    if (sel?.kind === "stage" || sel?.kind === "lane") {
      const kind = sel.kind === "stage" ? "stages" : "lanes";
      const list = kind === "stages" ? view.stages : view.lanes;
      const at = list.findIndex((x) => x.id === sel.id) + (kind === "stages" ? dx : dy);
      if (at >= 0 && at < list.length) moveEntity(doc, kind, sel.id, at);
      return;
    }
    if (!lay || sel?.kind !== "touchpoint") return;
    const tp = view.touchpoints.find((t) => t.id === sel.id);
    if (!tp) return;
    this.focusCard(tp.id);
    const cell = lay.cells.get(cellKey(tp.stage, tp.lane)) ?? [];
    const at = cell.findIndex((c) => c.tp.id === tp.id);
    if (dx !== 0) {
      const stage = view.stages[view.stages.findIndex((s) => s.id === tp.stage) + dx];
      if (stage) moveTouchpoint(doc, tp.id, stage.id, tp.lane, at);
    } else if (dy !== 0 && at + dy >= 0 && at + dy < cell.length) {
      moveTouchpoint(doc, tp.id, tp.stage, tp.lane, at + dy);
    }
  }

  /** What a released canvas gesture changes (gestures.ts). */
  apply(effects: readonly Effect[]): void {
    const doc = this.doc;
    if (!doc) return;
    for (const e of effects) {
      if (e.kind === "pick") this.pick(e.ids);
      else if (e.kind === "reorder") moveEntity(doc, e.what, e.id, e.to);
      else if (e.kind === "move") moveTouchpoint(doc, e.id, e.to.stage, e.to.lane, e.to.index);
      else if (e.kind === "moveAll") moveTouchpoints(doc, e.ids, e.to.stage, e.to.lane, e.to.index);
      else setInput(doc, e.id, "emotion", e.value);
    }
  }

  // ---- view -----------------------------------------------------------------

  zoomBy(factor: number): void {
    this.viewport?.zoomTo(this.zoom * factor);
  }

  fit(): void {
    this.viewport?.fit();
  }

  /** Select a touchpoint and scroll its card into the middle of the view. */
  reveal(tid: string): void {
    this.select({ kind: "touchpoint", id: tid });
    this.viewport?.reveal(tid);
  }

  togglePanel(): void {
    this.panelHidden = !this.panelHidden;
    rememberPanelHidden(windowStore(), this.panelHidden);
  }

  setPanning(on: boolean): void {
    this.panning = on;
  }

  escape(blur: (() => void) | null): void {
    if (this.modal?.kind === "shortcuts") this.modal = null;
    else if (this.editing) this.editing = null;
    else if (blur) {
      // Out of a field, back to the canvas: the selected card has the focus.
      blur();
      if (this.selection?.kind === "touchpoint") this.focusCard(this.selection.id);
    } else {
      this.select(null);
      this.arrow = null;
    }
  }

  cycleOverlay(step: 1 | -1): boolean {
    this.insights?.cycleMode(step);
    return this.insights !== null;
  }

  openBoard(): boolean {
    if (!this.insights) return false;
    this.modal = { kind: "board" };
    return true;
  }

  toggleExplain(): boolean {
    this.insights?.toggleExplain();
    return this.insights !== null;
  }

  // ---- dialogs ----------------------------------------------------------------

  closeModal(): void {
    this.modal = null;
  }

  toggleShortcuts(): void {
    this.modal = this.modal?.kind === "shortcuts" ? null : { kind: "shortcuts" };
  }

  openShortcuts(): void {
    this.modal = { kind: "shortcuts" };
  }

  openVersions(): void {
    if (this.session) this.modal = { kind: "versions" };
  }

  openPersonas(): void {
    this.modal = { kind: "personas" };
  }

  openExport(format: ExportFormat): void {
    this.modal = { kind: "export", format };
  }

  openShare(): void {
    this.modal = { kind: "share" };
  }

  openHost(): void {
    this.modal = { kind: "host" };
  }

  analysis(item: string): boolean {
    return this.analysisViews?.onMenu(item) ?? false;
  }

  // ---- backend round trips ------------------------------------------------------

  /** Save what is pending (for at most 5 s), then leave for the library or map `next`. */
  async back(next?: string): Promise<void> {
    const s = this.session;
    if (s?.dirty) {
      this.save = { kind: "saving" };
      await Promise.race([s.idle(), new Promise((r) => setTimeout(r, 5000))]);
    }
    this.leave(next);
  }

  /** Restore a named version, then bring the open document to it. */
  async restoreVersion(v: VersionInfo): Promise<void> {
    const s = this.session;
    if (!s || !this.backend) return;
    await s.idle();
    await this.backend.restoreVersion(this.id, v.id);
    await s.reload();
    // The undo history was about the state before the restore.
    this.undoManager?.clear();
    this.select(null);
    this.editing = null;
  }

  /** Put a homeless touchpoint or note back, then show the backend's result. */
  async rehome(entity: string, stage: string, lane?: string): Promise<void> {
    const s = this.session;
    if (!s || !this.backend) return;
    await s.idle();
    await this.backend.rehome(this.id, entity, stage, lane);
    await s.reload();
  }
}
