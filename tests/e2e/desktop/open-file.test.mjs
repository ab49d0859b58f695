// End-to-end test of files given to the desktop app (`waymark-desktop FILE`,
// what a double-click runs) and of Help › About. The installed package and
// xdg-open are tested by scripts/test-package.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { CLI, launch, menu, root, screenshot, useDriver, workDir } from "./harness.mjs";

useDriver("tauri-driver-open-file.log");

const library = () => path.join(workDir, "library.db");
const maps = () => JSON.parse(execFileSync(CLI, ["--db", library(), "list", "--json"], { encoding: "utf8" }));

async function withFile(file, body) {
  const browser = await launch([file]);
  try {
    await body(browser);
  } finally {
    await browser.deleteSession();
  }
}

test("a file on the command line opens its map, the same file twice is one map", { timeout: 180_000 }, async () => {
  const file = path.join(workDir, "Lost card.waymark");
  copyFileSync(path.join(root, "assets/templates/bank-lost-card.waymark"), file);
  const editorTitle = async (browser) => (await browser.$("h1.map-title")).getAttribute("title");
  for (const run of [1, 2]) {
    await withFile(file, async (browser) => {
      await browser.waitUntil(async () => (await browser.$$("g.stage-head")).length > 0, {
        timeout: 20_000,
        timeoutMsg: `run ${run}: the editor shows the file's map`,
      });
      assert.match(await editorTitle(browser), /Lost bank card abroad/);
      if (run === 1) await screenshot(browser, "95-opened-from-file.png");
    });
    assert.equal(maps().length, 1, `run ${run}: one map in the library`);
  }
});

test("Help › About shows the version, the library and the README's sections", { timeout: 120_000 }, async () => {
  const browser = await launch();
  try {
    await (await browser.$("h1")).waitForDisplayed({ timeout: 20_000 });
    await menu(browser, "help.about");
    const about = await browser.$("[role=dialog][aria-label='About Waymark']");
    await about.waitForDisplayed({ timeout: 5_000 });
    await (await about.$("[data-about=version]")).waitForDisplayed({ timeout: 5_000 });
    assert.match(await (await about.$("[data-about=version]")).getText(), /^\d+\.\d+\.\d+/);
    assert.equal(await (await about.$("[data-about=library]")).getText(), library());
    await (await about.$("button=Layout")).click();
    const section = await about.$("pre.readme");
    await section.waitForDisplayed({ timeout: 5_000 });
    assert.match(await section.getText(), /crates\/core/);
    await screenshot(browser, "96-about.png");
    await (await about.$("button=Close")).click();
    await about.waitForDisplayed({ reverse: true, timeout: 5_000 });
  } finally {
    await browser.deleteSession();
  }
});
