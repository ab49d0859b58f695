// Run by scripts/test-package inside an Xvfb display and a D-Bus session, as
// a fresh user (HOME) with the package installed: opens map files with
// xdg-open as a file manager's double-click does and checks, through the
// library file (read with the waymark CLI), that the installed app imported
// each map once and that its window opened it (the window marks a map opened
// when it shows it). Screenshots go to $ARTIFACTS.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readlinkSync } from "node:fs";
import path from "node:path";

const home = process.env.HOME;
const artifacts = process.env.ARTIFACTS;
const library = path.join(home, ".local/share/waymark/library.db");
const lostCard = path.join(home, "Lost card.waymark");
const coffee = path.join(home, "coffee.mmd");
// xdg-open hands the file to GIO (`gio open`), as GNOME's file manager does.
const env = { ...process.env, XDG_CURRENT_DESKTOP: "GNOME" };

const run = (cmd, ...args) => execFileSync(cmd, args, { env, encoding: "utf8" }).trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens `file` the way a double-click does; the app outlives xdg-open. */
function open(file) {
  spawn("xdg-open", [file], { env, stdio: "ignore", detached: true }).unref();
}

function maps() {
  if (!existsSync(library)) return [];
  return JSON.parse(run(process.env.WAYMARK_CLI, "--db", library, "list", "--json"));
}

/** Waits until `check` returns something truthy; fails naming `what`. */
async function until(what, check, tries = 240) {
  for (let i = 0; i < tries; i++) {
    const found = check();
    if (found) return found;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}; maps: ${JSON.stringify(maps())}`);
}

const opened = (title, after = "") =>
  maps().find((m) => m.title === title && m.opened_at && m.opened_at > after);

/** The installed app's processes (other builds of it may run on this machine). */
function appPids() {
  let pids;
  try {
    pids = run("pgrep", "-x", "waymark-desktop").split("\n").filter(Boolean);
  } catch {
    return [];
  }
  return pids.filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/exe`) === "/usr/bin/waymark-desktop";
    } catch {
      return false;
    }
  });
}

async function screenshot(name) {
  // Let the window paint what it just opened.
  await sleep(1500);
  run("import", "-window", "root", path.join(artifacts, name));
}

// The package taught the desktop the file types and who opens them.
assert.equal(run("xdg-mime", "query", "filetype", lostCard), "application/x-waymark");
assert.equal(run("xdg-mime", "query", "filetype", coffee), "text/vnd.mermaid");
assert.equal(run("xdg-mime", "query", "default", "application/x-waymark"), "Waymark.desktop");

// A double-click on a .waymark starts the app, which imports and shows it.
open(lostCard);
const card = await until("Lost card imported and shown", () => opened("Lost bank card abroad"));
const windowPid = await until("the Waymark window", () => {
  try {
    return run("xdotool", "search", "--onlyvisible", "--name", "^Waymark$", "getwindowpid");
  } catch {
    return null;
  }
});
await screenshot("installed-app-opened-by-xdg-open.png");

// A Mermaid file goes to the running window (single instance).
open(coffee);
await until("the Mermaid map shown in the same window", () => opened("Coffee run"));
await screenshot("installed-app-mermaid-handed-over.png");
assert.deepEqual(appPids(), [windowPid], "one app process");

// The first file again: the same map, shown again, not imported twice.
open(lostCard);
await until("Lost card shown again", () => opened("Lost bank card abroad", card.opened_at));
assert.equal(maps().length, 2, JSON.stringify(maps()));
assert.deepEqual(appPids(), [windowPid], "still one app process");
await screenshot("installed-app-second-open.png");

process.kill(Number(windowPid), "SIGTERM");
await until("the app to quit", () => appPids().length === 0);
console.log(`installed app: ${maps().length} maps, opened by xdg-open, one window`);
