// The canvas as an image: a standalone SVG of the part in view, its styles
// inlined (the app's CSS does not travel with the file), and a PNG drawn
// from that SVG through a <canvas>.

/** Presentation properties copied from the live canvas onto the copy. */
const PROPS = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "text-anchor",
  "dominant-baseline",
  "color",
  "visibility",
  "display",
] as const;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A standalone SVG document of `box` (canvas units) of `svg`. */
export function svgDocument(svg: SVGSVGElement, box: Box, background = "#ffffff"): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...Array.from(svg.querySelectorAll("*"))];
  const to = [copy, ...Array.from(copy.querySelectorAll("*"))];
  from.forEach((el, i) => {
    const target = to[i];
    if (!(target instanceof Element)) return;
    const cs = getComputedStyle(el);
    const style = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(";");
    target.setAttribute("style", style);
    target.removeAttribute("class");
  });
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("viewBox", `${box.x} ${box.y} ${box.w} ${box.h}`);
  copy.setAttribute("width", String(Math.round(box.w)));
  copy.setAttribute("height", String(Math.round(box.h)));
  const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  for (const [k, v] of Object.entries({ x: box.x, y: box.y, width: box.w, height: box.h })) {
    bg.setAttribute(k, String(v));
  }
  bg.setAttribute("fill", background);
  copy.insertBefore(bg, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** The part of a canvas `width` × `height` seen through a scroller. */
export function visibleBox(
  scroll: { left: number; top: number; width: number; height: number },
  zoom: number,
  width: number,
  height: number,
): Box {
  const x = Math.max(0, scroll.left / zoom);
  const y = Math.max(0, scroll.top / zoom);
  return {
    x,
    y,
    w: Math.max(1, Math.min(width - x, scroll.width / zoom)),
    h: Math.max(1, Math.min(height - y, scroll.height / zoom)),
  };
}

/** Rasterizes an SVG document at `scale` pixels per canvas unit. */
export async function pngFromSvg(text: string, box: Box, scale = 2): Promise<Uint8Array> {
  // A data: URL, not a blob: one: the desktop app's CSP allows images from
  // 'self' and data: only.
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => {
      resolve();
    };
    img.onerror = () => {
      reject(new Error("the canvas could not be drawn as an image"));
    };
    img.src = url;
  });
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(box.w * scale);
  canvas.height = Math.round(box.h * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2D canvas in this window");
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((r) => {
    canvas.toBlob(r, "image/png");
  });
  if (!blob) throw new Error("the PNG could not be encoded");
  return new Uint8Array(await blob.arrayBuffer());
}
