// Desktop benchmarks in the real WebKitGTK window (not part of the test run;
// scripts/bench-desktop builds the release app and runs this):
// - frame time while panning the generated 600-touchpoint map: the page
//   scrolls the canvas a little every animation frame (as a space-drag or a
//   touchpad does) and records the intervals between requestAnimationFrame
//   callbacks, which include the virtualized re-render of the cards;
// - the CPU time the app and its WebKit processes spend per panned frame
//   (from /proc/PID/stat): unlike the intervals it hardly moves when other
//   work shares the machine, so it is the figure to compare changes by;
// - resident memory (PSS summed over the app and its WebKit processes, from
//   /proc/PID/smaps_rollup) idle with the library open, and with the map open.
// Figures go to tests/e2e/artifacts/bench-desktop.txt; nothing is asserted.

import { readFileSync, readdirSync, writeFileSync } from "node:fs";

// The app's own renderer choice, not the tests' (harness.mjs).
process.env.WAYMARK_E2E_RENDERER = "app";
import path from "node:path";
import { test } from "node:test";
import {
  APP,
  ARTIFACTS,
  cli,
  largeMap,
  openMap,
  screenshot,
  useDriver,
  withApp,
  workDir,
} from "../desktop/harness.mjs";

useDriver("tauri-driver-bench.log");

/** The app's process (found by its binary's path) and every descendant. */
function appTree() {
  const pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  const parent = new Map();
  let app = null;
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      parent.set(p, stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!app && readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0")[0] === APP) app = p;
    } catch {
      // gone meanwhile
    }
  }
  if (!app) throw new Error(`no running ${APP}`);
  const tree = new Set([app]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [p, pp] of parent) {
      if (tree.has(pp) && !tree.has(p)) {
        tree.add(p);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** Summed PSS and RSS in MiB of the app and its WebKit processes. */
function memory() {
  let pss = 0;
  let rss = 0;
  const names = [];
  for (const p of appTree()) {
    try {
      const roll = readFileSync(`/proc/${p}/smaps_rollup`, "utf8");
      pss += Number(/^Pss:\s+(\d+)/m.exec(roll)?.[1] ?? 0);
      rss += Number(/^Rss:\s+(\d+)/m.exec(roll)?.[1] ?? 0);
      names.push(readFileSync(`/proc/${p}/comm`, "utf8").trim());
    } catch {
      // gone meanwhile
    }
  }
  return { pss: Math.round(pss / 1024), rss: Math.round(rss / 1024), processes: names.join(", ") };
}

/** User + system CPU seconds used so far by the app and its WebKit processes. */
function cpuSeconds() {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const p of appTree()) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(f[11]) + Number(f[12])) / tick;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

test("pan frame time and memory on the 600-touchpoint map", { timeout: 300_000 }, async () => {
  const file = path.join(workDir, "large.waymark");
  writeFileSync(file, JSON.stringify(largeMap()));
  cli("import", file);
  const lines = [];
  const launched = performance.now();
  await withApp("bench", async (browser) => {
    await browser.$("li.map").waitForDisplayed({ timeout: 30_000 });
    lines.push(
      `library listed ${Math.round(performance.now() - launched)} ms after asking the driver for a session ` +
        "(includes starting WebKitWebDriver and the app: an upper bound)",
    );
    await browser.pause(3_000);
    const idle = memory();
    lines.push(`idle, library open: PSS ${idle.pss} MiB, RSS ${idle.rss} MiB (${idle.processes})`);

    const title = await browser.$("li.map h3").getText();
    const clicked = performance.now();
    await openMap(browser, title);
    lines.push(`600-touchpoint map: click to canvas shown and saved state ${Math.round(performance.now() - clicked)} ms`);
    await browser.pause(3_000);
    const open = memory();
    lines.push(`600-touchpoint map open: PSS ${open.pss} MiB, RSS ${open.rss} MiB`);

    for (const zoom of ["100%", "fit"]) {
      if (zoom === "fit") await browser.$("button=Fit").click();
      await browser.pause(500);
      await browser.setTimeout({ script: 600_000 });
      const cpuBefore = cpuSeconds();
      const frames = await browser.executeAsync((done) => {
        const el = document.querySelector(".scroller");
        const times = [];
        let i = 0;
        const step = (t) => {
          times.push(t);
          // Right and down, back and forth: a long pan across the map.
          el.scrollLeft += i % 240 < 120 ? 14 : -14;
          el.scrollTop += i % 160 < 80 ? 6 : -6;
          i++;
          if (i < 600) requestAnimationFrame(step);
          else done(times);
        };
        requestAnimationFrame(step);
      });
      const cpuMs = ((cpuSeconds() - cpuBefore) * 1000) / (frames.length - 1);
      await screenshot(browser, `bench-pan-${zoom === "fit" ? "fit" : "100"}.png`);
      const gaps = frames.slice(1).map((t, k) => t - frames[k]).sort((a, b) => a - b);
      const over = gaps.filter((g) => g > 20).length;
      lines.push(
        `pan at ${zoom}: ${gaps.length} frames, interval p50 ${pct(gaps, 0.5).toFixed(1)} ms, ` +
          `p95 ${pct(gaps, 0.95).toFixed(1)} ms, max ${gaps[gaps.length - 1].toFixed(1)} ms, ` +
          `${over} frames over 20 ms; CPU ${cpuMs.toFixed(1)} ms per frame`,
      );
    }
  });
  const text = lines.join("\n") + "\n";
  console.log(text);
  writeFileSync(path.join(ARTIFACTS, "bench-desktop.txt"), text);
});
