// Shared harness of the desktop end-to-end tests: starts tauri-driver with a
// fresh library (WAYMARK_DB) for the test file and launches the real app in
// WebDriver sessions. Run under Xvfb (scripts/test-desktop does).

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
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

/** Launch the app in a new WebDriver session. */
export function launch() {
  return remote({
    hostname: "127.0.0.1",
    port: driverPort,
    logLevel: "warn",
    capabilities: {
      "tauri:options": { application: APP },
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
      env: { ...process.env, WAYMARK_DB: path.join(workDir, "library.db") },
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
