// End-to-end test of managing maps in the library: search, rename, duplicate,
// delete with undo (the map goes to the trash, so an undo or a restart loses
// nothing), import of .waymark and Mermaid files, and the recent list.
//
// Import: WebDriver cannot drive GTK's native file dialog, nor a real
// drag-and-drop from another program. The test sends the window the event
// Tauri emits for a drop ("tauri://drag-drop" with the files' paths), which
// runs the same code as a drop from the file manager and, after the dialog,
// the same import of paths (Backend.importMap({path})).

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import {
  cli,
  createMap,
  mapButton,
  screenshot,
  useDriver,
  withApp,
  workDir,
} from "./harness.mjs";

useDriver("tauri-driver-library-manage.log");

async function titles(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll("li.map h3")].map((h) => h.textContent.trim()),
  );
}

async function waitTitles(browser, check, msg) {
  await browser.waitUntil(async () => check(await titles(browser)), { timeout: 10_000, timeoutMsg: msg });
}

/** What a drop of `paths` on the window does: Tauri emits this event. */
async function dropFiles(browser, paths) {
  await browser.execute(
    (p) =>
      window.__TAURI_INTERNALS__.invoke("plugin:event|emit", {
        event: "tauri://drag-drop",
        payload: { paths: p, position: { x: 200, y: 200 } },
      }),
    paths,
  );
}

test("search, rename, duplicate, delete with undo, import, recent", { timeout: 300_000 }, async () => {
  await withApp("library-manage", async (browser) => {
    await createMap(browser, "Alpha trip", 0);
    await createMap(browser, "Beta outage", 1);

    // Search narrows the list; clearing it brings everything back.
    const search = await browser.$("input[aria-label='Search maps']");
    await search.setValue("BETA");
    await waitTitles(browser, (t) => t.length === 1 && t[0] === "Beta outage", "search keeps only Beta");
    await screenshot(browser, "40-library-search.png");
    await search.setValue("no such map");
    await browser.$(".no-match").waitForDisplayed({ timeout: 5_000 });
    // Not clearValue(): it fires no input event, so the page would not hear it.
    await search.click();
    await browser.keys(["Control", "a"]);
    await browser.keys("Backspace");
    await waitTitles(browser, (t) => t.length === 2, "the search was cleared");

    // Rename in place.
    await browser.$("button[aria-label='Rename Alpha trip']").click();
    const input = await browser.$("input[aria-label='New title for Alpha trip']");
    await input.waitForDisplayed({ timeout: 5_000 });
    await browser.keys(["Control", "a"]);
    await input.addValue("Alpha renamed");
    await browser.keys("Enter");
    await waitTitles(browser, (t) => t.includes("Alpha renamed") && !t.includes("Alpha trip"), "renamed");

    // Duplicate.
    await browser.$("button[aria-label='Duplicate Alpha renamed']").click();
    await waitTitles(browser, (t) => t.includes("Alpha renamed (copy)"), "duplicated");
    const copyId = await browser.$(mapButton("Alpha renamed (copy)")).$("./ancestor::li").getAttribute("data-map-id");

    // Delete, then undo from the toast.
    await browser.$("button[aria-label='Delete Alpha renamed (copy)']").click();
    await waitTitles(browser, (t) => !t.includes("Alpha renamed (copy)"), "deleted");
    const toast = await browser.$(".toast");
    await toast.waitForDisplayed({ timeout: 5_000 });
    assert.match(await toast.getText(), /Alpha renamed \(copy\).*deleted/);
    await screenshot(browser, "41-library-deleted-toast.png");
    // In the trash, not gone: the CLI no longer lists it, the library file still has it.
    assert.ok(!cli("list").includes("Alpha renamed (copy)"));
    await toast.$("button=Undo").click();
    await waitTitles(browser, (t) => t.includes("Alpha renamed (copy)"), "the undo brought it back");
    assert.ok(cli("list").includes("Alpha renamed (copy)"));

    // Delete Beta and leave the toast: it stays deleted.
    await browser.$("button[aria-label='Delete Beta outage']").click();
    await waitTitles(browser, (t) => !t.includes("Beta outage"), "Beta deleted");

    // Import a .waymark and a Mermaid file by dropping them, plus a broken one.
    const wm = path.join(workDir, "imported.waymark");
    const json = JSON.parse(cli("export", copyId, "--format", "waymark"));
    json.map.title = "Imported from file";
    writeFileSync(wm, JSON.stringify(json));
    const mmd = path.join(workDir, "trip.mmd");
    writeFileSync(mmd, "journey\n  title Mermaid trip\n  section Book\n    Search: 4: Me\n    Pay: 2: Me\n");
    const bad = path.join(workDir, "broken.waymark");
    writeFileSync(bad, '{"format": "waymark", "version": 1, "map": {"title": 3}}');
    await dropFiles(browser, [wm, mmd, bad]);
    await waitTitles(
      browser,
      (t) => t.includes("Imported from file") && t.includes("Mermaid trip"),
      "both files were imported",
    );
    const notice = await browser.$(".import-notice");
    await notice.waitForDisplayed({ timeout: 5_000 });
    const text = await notice.getText();
    assert.match(text, /Imported 2 maps; 1 file could not be imported/);
    assert.match(text, /broken\.waymark/);
    await screenshot(browser, "42-library-imported.png");
    const row = await browser.$(mapButton("Mermaid trip")).$("./ancestor::li");
    assert.equal(await row.$(".touchpoints").getText(), "2");
    // Each row shows its friction/emotion strip, one cell per stage.
    assert.equal((await row.$$("svg.strip g")).length, 1);

    // Opening a map puts it in "Recently opened".
    await browser.$(mapButton("Mermaid trip")).click();
    await browser.$("svg[aria-label='Journey map canvas']").waitForDisplayed({ timeout: 20_000 });
    await browser.$("button[aria-label='Back to the library']").click();
    // (New maps open at once, so the chips are there already: the first one changes.)
    await browser.waitUntil(
      async () => (await browser.$("section.recent button.chip").getText().catch(() => "")) === "Mermaid trip",
      { timeout: 10_000, timeoutMsg: "the map opened last is first in Recently opened" },
    );
    await screenshot(browser, "43-library-recent.png");
  });

  // After a restart: the undone delete stayed undone, the other delete stayed.
  await withApp("library-manage-restart", async (browser) => {
    await browser.$("li.map").waitForDisplayed({ timeout: 20_000 });
    const t = await titles(browser);
    assert.ok(t.includes("Alpha renamed (copy)"), t.join(", "));
    assert.ok(!t.includes("Beta outage"), t.join(", "));
    const chip = await browser.$("section.recent button.chip");
    await chip.waitForDisplayed({ timeout: 10_000 });
    assert.equal(await chip.getText(), "Mermaid trip");
  });
});
