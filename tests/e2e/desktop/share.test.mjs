// End-to-end test of Map › Share with Team… against the real y-websocket
// server from npm (tests/yserver) on loopback: the app links a map to a room
// and shows it connected; a second library joins the room through the CLI and
// gets the same map; an edit made in the window reaches the second library.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  CLI,
  cli,
  menu,
  openMap,
  root,
  screenshot,
  useDriver,
  waitSaved,
  withApp,
  workDir,
} from "./harness.mjs";

const TITLE = "Shared journey";
const ROOM = "e2e-share-room";
const SERVER_JS = path.join(root, "tests/yserver/node_modules/@y/websocket-server/src/server.js");

useDriver("tauri-driver-share.log");

let yserver;
let url;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

before(async () => {
  assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run scripts/install-deps`);
  const port = await freePort();
  yserver = spawn(process.execPath, [SERVER_JS], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the y-websocket server did not start")), 10_000);
    yserver.stdout.on("data", (d) => {
      if (String(d).includes("running at")) {
        clearTimeout(timer);
        resolve();
      }
    });
    yserver.once("exit", (code) => reject(new Error(`the y-websocket server exited with ${code}`)));
  });
  url = `ws://127.0.0.1:${port}`;
});

after(() => yserver?.kill());

/** The CLI on a second library (another designer's machine). */
function other(...args) {
  return execFileSync(CLI, ["--db", path.join(workDir, "other.db"), ...args], { encoding: "utf8" });
}

/** The map of `waymark show ID --json`. */
const shown = (text) => JSON.parse(text).map;

test("share a map with the team from the Map menu", { timeout: 240_000 }, async () => {
  const id = cli("new", "--title", TITLE, "--template", "bank-lost-card").trim();
  await withApp("share", async (browser) => {
    await openMap(browser, TITLE);
    await menu(browser, "map.share");
    const dialog = await browser.$("[role=dialog][aria-label='Share with team']");
    await dialog.waitForDisplayed({ timeout: 10_000 });
    await dialog.$("input[name=share-server]").setValue(url);
    const roomField = await dialog.$("input[name=share-room]");
    await roomField.clearValue();
    await roomField.setValue(ROOM);
    await dialog.$("button=Share").click();
    await dialog.$("[role=status][data-state=connected]").waitForDisplayed({
      timeout: 20_000,
      timeoutMsg: "the link did not reach Connected",
    });
    await screenshot(browser, "80-share-connected.png");
    // "Detect" asked the server, which speaks y-websocket.
    assert.equal(await dialog.$("select[name=share-protocol]").getValue(), "y-websocket");

    // Another designer joins the room and gets the same map.
    const joined = other("join", "--server", url, "--room", ROOM).trim().split(/\s+/).pop();
    const mine = shown(cli("show", id, "--json"));
    const theirs = shown(other("show", joined, "--json"));
    assert.equal(theirs.title, TITLE);
    assert.equal(theirs.stages.length, mine.stages.length);
    assert.equal(theirs.touchpoints.length, mine.touchpoints.length);

    // An edit in the window reaches the second library through the server.
    await dialog.$("button=Close").click();
    await browser.$("button=+ Stage").click();
    await waitSaved(browser);
    await browser.waitUntil(
      async () => {
        other("sync", joined, "--server", url, "--room", ROOM, "--once");
        return shown(other("show", joined, "--json")).stages.length === mine.stages.length + 1;
      },
      { timeout: 20_000, interval: 1_000, timeoutMsg: "the new stage reached the other library" },
    );

    // `waymark show` on the app's library reports the link (token never printed).
    assert.match(cli("show", id), new RegExp(ROOM));
  });
});
