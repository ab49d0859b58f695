// Pinch zoom on the canvas: two fingers on a touch screen (pointer events),
// and WebKit's gesture events for a touchpad pinch where the webview sends
// them. (Ctrl+wheel, which most touchpads send for a pinch, is handled by the
// editor's wheel listener.)

interface Point {
  x: number;
  y: number;
}

/** The zoom after a pinch that went from fingers `a0`,`b0` to `a1`,`b1`. */
export function pinchZoom(start: number, a0: Point, b0: Point, a1: Point, b1: Point): number {
  const d0 = Math.hypot(a0.x - b0.x, a0.y - b0.y);
  const d1 = Math.hypot(a1.x - b1.x, a1.y - b1.y);
  return d0 < 1 ? start : (start * d1) / d0;
}

/**
 * Listen for pinches on `el`; `zoom()` reads the current zoom and
 * `setZoom(z, x, y)` zooms around (x, y) in `el`'s coordinates. Returns the
 * function that stops listening.
 */
export function listenPinch(
  el: HTMLElement,
  zoom: () => number,
  setZoom: (z: number, x: number, y: number) => void,
): () => void {
  const touches = new Map<number, Point>();
  let start: { zoom: number; a: Point; b: Point } | null = null;
  const local = (e: { clientX: number; clientY: number }): Point => {
    const r = el.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: PointerEvent) => {
    if (e.pointerType !== "touch") return;
    touches.set(e.pointerId, local(e));
    const [a, b] = [...touches.values()];
    if (touches.size === 2 && a && b) start = { zoom: zoom(), a, b };
  };
  const move = (e: PointerEvent) => {
    if (!touches.has(e.pointerId)) return;
    touches.set(e.pointerId, local(e));
    const [a, b] = [...touches.values()];
    if (!start || !a || !b) return;
    e.preventDefault();
    setZoom(pinchZoom(start.zoom, start.a, start.b, a, b), (a.x + b.x) / 2, (a.y + b.y) / 2);
  };
  const up = (e: PointerEvent) => {
    touches.delete(e.pointerId);
    if (touches.size < 2) start = null;
  };
  // WebKit's GestureEvent (scale relative to the gesture's start).
  let gestureStart = 1;
  const gStart = (e: Event) => {
    e.preventDefault();
    gestureStart = zoom();
  };
  const gChange = (e: Event) => {
    const g = e as Event & { scale?: number; clientX?: number; clientY?: number };
    if (typeof g.scale !== "number") return;
    e.preventDefault();
    const p = local({ clientX: g.clientX ?? 0, clientY: g.clientY ?? 0 });
    setZoom(gestureStart * g.scale, p.x, p.y);
  };
  el.addEventListener("pointerdown", down);
  el.addEventListener("pointermove", move, { passive: false });
  el.addEventListener("pointerup", up);
  el.addEventListener("pointercancel", up);
  el.addEventListener("gesturestart", gStart);
  el.addEventListener("gesturechange", gChange);
  return () => {
    el.removeEventListener("pointerdown", down);
    el.removeEventListener("pointermove", move);
    el.removeEventListener("pointerup", up);
    el.removeEventListener("pointercancel", up);
    el.removeEventListener("gesturestart", gStart);
    el.removeEventListener("gesturechange", gChange);
  };
}
