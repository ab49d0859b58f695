// End-to-end test of the desktop app: the real binary in a real WebKitGTK
// window, driven through tauri-driver + WebKitWebDriver. Run under Xvfb:
//   xvfb-run -a -s '-screen 0 1280x800x24' npm --prefix tests/e2e run test:desktop
// (scripts/test-desktop does this after building the app).

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
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const APP = process.env.WAYMARK_APP ?? path.join(root, "target/debug/waymark-desktop");
const TAURI_DRIVER = process.env.TAURI_DRIVER ?? path.join(root, ".tools/bin/tauri-driver");
const NATIVE_DRIVER = process.env.NATIVE_DRIVER ?? "/usr/bin/WebKitWebDriver";
const ARTIFACTS = path.join(root, "tests/e2e/artifacts");

const TITLE = "Checkout journey";

let driver;
let driverPort;
let workDir;

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
function launch() {
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

/** Save a screenshot once the page has painted its latest state. */
async function screenshot(browser, name) {
  // WebKit can hand back the previous frame right after a DOM change.
  await browser.executeAsync((done) => {
    requestAnimationFrame(() => requestAnimationFrame(() => done()));
  });
  await browser.saveScreenshot(path.join(ARTIFACTS, name));
}

/** Run `body` with a fresh app; on failure keep a screenshot and the page source. */
async function withApp(name, body) {
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
  const log = createWriteStream(path.join(ARTIFACTS, "tauri-driver.log"));
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

test("create a map from a template and find it again after a restart", { timeout: 180_000 }, async () => {
  await withApp("first-run", async (browser) => {
    const heading = await browser.$("h1");
    await heading.waitForDisplayed({ timeout: 20_000 });
    assert.equal(await heading.getText(), "Waymark");
    assert.equal(await browser.getTitle(), "Waymark");

    // An empty library shows the empty state.
    const empty = await browser.$("#empty-heading");
    await empty.waitForDisplayed({ timeout: 15_000 });
    assert.equal(await empty.getText(), "No journey maps yet");
    assert.equal((await browser.$$("li.map")).length, 0);
    await screenshot(browser, "01-empty-library.png");

    // Open the "New map" dialog; it lists the backend's templates.
    const newMap = await browser.$("header.topbar button");
    assert.match(await newMap.getText(), /New map/);
    await newMap.click();
    const dialog = await browser.$("dialog");
    await dialog.waitForDisplayed({ timeout: 5_000 });
    const templates = await browser.$$("label.template");
    assert.ok(templates.length >= 1, "the dialog lists templates");

    // Pick the last template and give the map a title.
    const choice = templates[templates.length - 1];
    await choice.click();
    const template = {
      title: await choice.$(".template-title").getText(),
      meta: await choice.$(".template-meta").getText(),
    };
    assert.ok(await choice.$("input").isSelected(), "clicking a template selects it");
    await browser.$("input[name=title]").setValue(TITLE);
    await screenshot(browser, "02-new-map-dialog.png");

    await browser.$("button[type=submit]").click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 10_000 });

    // The new map is in the list, with the template's touchpoints.
    const row = await browser.$("li.map");
    await row.waitForDisplayed({ timeout: 10_000 });
    assert.equal(await row.$(".title").getText(), TITLE);
    const touchpoints = Number(await row.$(".touchpoints").getText());
    assert.match(template.meta, new RegExp(`\\b${touchpoints} touchpoints?\\b`));
    assert.equal(await row.$("time").getText(), "just now");
    await screenshot(browser, "03-map-created.png");
  });

  // Restart the app: the map was persisted to the library file.
  await withApp("restart", async (browser) => {
    const row = await browser.$("li.map");
    await row.waitForDisplayed({ timeout: 20_000 });
    assert.equal((await browser.$$("li.map")).length, 1);
    assert.equal(await row.$(".title").getText(), TITLE);
    await screenshot(browser, "04-after-restart.png");
  });
});
