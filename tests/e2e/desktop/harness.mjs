// Shared harness of the desktop end-to-end tests: starts tauri-driver with a
// fresh library (WAYMARK_DB) for the test file and launches the real app in
// WebDriver sessions. Run under Xvfb (scripts/test-desktop does).

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../../..");
export const APP = process.env.WAYMARK_APP ?? path.join(root, "target/debug/waymark-desktop");
export const TAURI_DRIVER = process.env.TAURI_DRIVER ?? path.join(root, ".tools/bin/tauri-driver");
export const NATIVE_DRIVER = process.env.NATIVE_DRIVER ?? "/usr/bin/WebKitWebDriver";
export const ARTIFACTS = path.join(root, "tests/e2e/artifacts");
export const CLI = process.env.WAYMARK_CLI ?? path.join(root, "target/debug/waymark");

let driver;
let driverPort;
export let workDir;

/** A TCP port that is free right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForDriver(port, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited with ${driver.exitCode}`);
    if (Date.now() > deadline) throw new Error("tauri-driver did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Launch the app in a new WebDriver session, with `args` on its command line. */
export function launch(args = []) {
  return remote({
    hostname: "127.0.0.1",
    port: driverPort,
    logLevel: "warn",
    capabilities: {
      "tauri:options": { application: APP, args },
      "wdio:enforceWebDriverClassic": true,
    },
  });
}

/** The viewport point at the middle of an element (`fy` of its height down). SVG
 * groups have no WebDriver rect in WebKit, so ask the page. */
export async function centre(browser, selector, fy = 0.5) {
  const r = await browser.execute(
    (sel, f) => {
      const b = document.querySelector(sel).getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height * f };
    },
    selector,
    fy,
  );
  return { x: Math.round(r.x), y: Math.round(r.y) };
}

export async function clickAt(browser, selector) {
  const { x, y } = await centre(browser, selector);
  await browser.action("pointer").move({ x, y }).down().up().perform();
}

/** Save a screenshot once the page has painted its latest state. */
export async function screenshot(browser, name) {
  // WebKit can hand back the previous frame right after a DOM change.
  await browser.executeAsync((done) => {
    requestAnimationFrame(() => requestAnimationFrame(() => done()));
  });
  await browser.saveScreenshot(path.join(ARTIFACTS, name));
}

/** Run `body` with a fresh app; on failure keep a screenshot and the page source. */
export async function withApp(name, body) {
  const browser = await launch();
  try {
    await body(browser);
  } catch (err) {
    await browser.saveScreenshot(path.join(ARTIFACTS, `failure-${name}.png`)).catch(() => {});
    const source = await browser.getPageSource().catch(() => "");
    writeFileSync(path.join(ARTIFACTS, `failure-${name}.html`), source);
    throw err;
  } finally {
    await browser.deleteSession();
  }
}

/** Start tauri-driver before the file's tests and stop it after. */
export function useDriver(logName = "tauri-driver.log") {
before(async () => {
  for (const [what, file] of [
    ["app (cargo build -p waymark-desktop)", APP],
    ["waymark CLI (cargo build -p waymark-cli)", CLI],
    ["tauri-driver (scripts/install-deps)", TAURI_DRIVER],
    ["WebKitWebDriver (apt webkit2gtk-driver)", NATIVE_DRIVER],
  ]) {
    assert.ok(existsSync(file), `missing ${what}: ${file}`);
  }
  assert.ok(process.env.DISPLAY, "no DISPLAY: run under xvfb-run");
  mkdirSync(ARTIFACTS, { recursive: true });
  workDir = mkdtempSync(path.join(tmpdir(), "waymark-e2e-"));

  driverPort = await freePort();
  const nativePort = await freePort();
  const log = createWriteStream(path.join(ARTIFACTS, logName));
  // The app inherits this environment through tauri-driver and WebKitWebDriver.
  driver = spawn(
    TAURI_DRIVER,
    [
      "--port",
      String(driverPort),
      "--native-port",
      String(nativePort),
      "--native-driver",
      NATIVE_DRIVER,
    ],
    {
      // Own config and data folders: the window-state file and WebKit's storage
      // stay in the temp dir, not shared with other runs.
      env: {
        ...process.env,
        WAYMARK_DB: path.join(workDir, "library.db"),
        XDG_CONFIG_HOME: path.join(workDir, "config"),
        XDG_DATA_HOME: path.join(workDir, "data"),
        XDG_CACHE_HOME: path.join(workDir, "cache"),
        // Without a GPU the app turns WebKit's compositing off (src-tauri
        // rendering.rs), and then WebKitWebDriver's screenshot now and then
        // never returns. The tests keep WebKit's default; the benchmark
        // (bench/desktop.bench.mjs) measures the app's own choice.
        ...(process.env.WAYMARK_E2E_RENDERER === "app" ? {} : { WEBKIT_DISABLE_COMPOSITING_MODE: "0" }),
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // own process group, so the cleanup reaches WebKitWebDriver too
    },
  );
  driver.stdout.pipe(log);
  driver.stderr.pipe(log);
  await waitForDriver(driverPort);
});

after(() => {
  if (driver && driver.exitCode === null) {
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});
}

// ---- helpers the test files share ------------------------------------------

/** Wait until the editor shows its edits saved. */
export async function waitSaved(browser) {
  await browser.$("[data-save=saved]").waitForExist({ timeout: 10_000 });
}

/** The XPath of a library row's open button, by the map's title. */
export const mapButton = (title) => `//li[contains(@class,"map")]//button[normalize-space()="${title}"]`;

/** Open the map titled `title` from the library and wait until it is loaded. */
export async function openMap(browser, title) {
  const open = await browser.$(mapButton(title));
  await open.waitForDisplayed({ timeout: 20_000 });
  await open.click();
  await browser.$("svg[aria-label='Journey map canvas']").waitForDisplayed({ timeout: 20_000 });
  await waitSaved(browser);
}

/**
 * Fill in and submit the open "New map" dialog: template number `template`
 * (counting the built-in templates, after the Blank map), titled `title`.
 * The new map opens at once; this goes back to the library, where it is listed.
 */
export async function submitNewMap(browser, title, template = 0) {
  const dialog = await browser.$("dialog");
  await dialog.waitForDisplayed({ timeout: 5_000 });
  const templates = [];
  for (const label of await browser.$$("label.template"))
    if ((await label.$("input").getValue()) !== "blank") templates.push(label);
  await templates[template].click();
  await browser.$("input[name=title]").setValue(title);
  await browser.$("button[type=submit]").click();
  await dialog.waitForDisplayed({ reverse: true, timeout: 10_000 });
  await browser.$("svg[aria-label='Journey map canvas']").waitForDisplayed({ timeout: 20_000 });
  await waitSaved(browser);
  await browser.$("button[aria-label='Back to the library']").click();
}

/** Create a map from the library's "New map" button. */
export async function createMap(browser, title, template = 0) {
  const button = await browser.$("header.topbar button.new-map");
  await button.waitForDisplayed({ timeout: 20_000 });
  await button.click();
  await submitNewMap(browser, title, template);
  await browser.$(mapButton(title)).waitForDisplayed({ timeout: 10_000 });
}

/** The stage names on the canvas, in order. */
export async function stageNames(browser) {
  const heads = await browser.$$("g.stage-head text.stage-name");
  const names = [];
  for (const h of heads) names.push(await h.getText());
  return names;
}

/** What choosing menu item `id` does: the shell emits "menu" with the id
 * (WebDriver cannot open a GTK menu). */
export async function menu(browser, id) {
  await browser.execute(
    (item) => window.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event: "menu", payload: item }),
    id,
  );
}

/** Replace the text of field `name` inside `scope` and commit it the way a
 * person does (Tab away). Not clearValue(): WebDriver's clear blurs the field,
 * which commits it; Element Send Keys types repeated letters reliably ("ll"). */
export async function setFieldIn(browser, scope, name, value) {
  const input = await (await scope).$(`[name='${name}']`);
  await input.waitForDisplayed({ timeout: 5_000 });
  await input.click();
  await browser.keys(["Control", "a"]);
  await input.addValue(value);
  await browser.keys("Tab");
}

/** Run the waymark CLI on the test's library; returns its stdout. */
export function cli(...args) {
  return execFileSync(CLI, ["--db", path.join(workDir, "library.db"), ...args], { encoding: "utf8" });
}

/** A `.waymark` file shaped like `synth::journey(Size::LARGE, _)`: 12 stages, 10 lanes, 600 touchpoints. */
export function largeMap() {
  const uuid = (kind, i) => `00000000-0000-4000-8000-${String(kind).padStart(4, "0")}${String(i).padStart(8, "0")}`;
  const letter = (i) => String.fromCharCode(65 + i);
  const kinds = ["customer_actions", "touchpoints", "channels", "thoughts", "emotions", "pain_points", "opportunities", "frontstage", "backstage", "support_processes"];
  return {
    format: "waymark",
    version: 1,
    map: {
      title: "Large synthetic map",
      stages: Array.from({ length: 12 }, (_, i) => ({ id: uuid(1, i), order: letter(i), name: `Stage ${i + 1}` })),
      lanes: kinds.map((kind, i) => ({ id: uuid(2, i), order: letter(i), name: `Lane ${i + 1}`, kind })),
      touchpoints: Array.from({ length: 600 }, (_, i) => ({
        id: uuid(3, i),
        stage: uuid(1, i % 12),
        lane: uuid(2, Math.floor(i / 12) % 10),
        order: letter(Math.floor(i / 120)),
        title: `Touchpoint ${i + 1} with a longer title`,
        channel: "web",
        owner: "Digital",
        inputs: { emotion: (i % 5) - 2, friction: i % 5 },
      })),
    },
  };
}
