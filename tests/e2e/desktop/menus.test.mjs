// End-to-end test of what the native menu does in the window. WebDriver cannot
// open a GTK menu, so the test sends the same "menu" event a menu item sends
// (the item ids are the one menu list, crates/api/src/rpc/menu.rs; unit tests
// in src-tauri and the UI check both sides against it) and checks the window
// acts on it.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { cli, menu, openMap, screenshot, submitNewMap, useDriver, withApp, workDir } from "./harness.mjs";

const TITLE = "Menu journey";

useDriver("tauri-driver-menus.log");

async function zoom(browser) {
  return Number(await browser.$("[data-zoom]").getAttribute("data-zoom"));
}

test("menu items reach the window", { timeout: 240_000 }, async () => {
  await withApp("menus", async (browser) => {
    // File › New map… in the library opens the new-map dialog.
    await browser.$("header.topbar button.new-map").waitForDisplayed({ timeout: 20_000 });
    await browser.$("li.map, .empty").waitForExist({ timeout: 20_000 });
    await menu(browser, "file.new");
    await submitNewMap(browser, TITLE);
    await openMap(browser, TITLE);

    // View › Zoom in / Zoom out / Fit.
    const z0 = await zoom(browser);
    await menu(browser, "view.zoom_in");
    await browser.waitUntil(async () => (await zoom(browser)) > z0, { timeout: 5_000, timeoutMsg: "zoomed in" });
    const z1 = await zoom(browser);
    await menu(browser, "view.zoom_out");
    await browser.waitUntil(async () => (await zoom(browser)) < z1, { timeout: 5_000, timeoutMsg: "zoomed out" });
    const z2 = await zoom(browser);
    await menu(browser, "view.fit");
    await browser.waitUntil(async () => (await zoom(browser)) !== z2, { timeout: 5_000, timeoutMsg: "fitted" });

    // Edit › Undo / Redo of a map change.
    const stages = async () => (await browser.$$("g.stage-head")).length;
    const n = await stages();
    await browser.$("button=+ Stage").click();
    await browser.waitUntil(async () => (await stages()) === n + 1, { timeout: 5_000 });
    await menu(browser, "edit.undo");
    await browser.waitUntil(async () => (await stages()) === n, { timeout: 5_000, timeoutMsg: "menu undo" });
    await menu(browser, "edit.redo");
    await browser.waitUntil(async () => (await stages()) === n + 1, { timeout: 5_000, timeoutMsg: "menu redo" });

    // Help › Keyboard shortcuts.
    await menu(browser, "help.shortcuts");
    const help = await browser.$("[aria-label='Keyboard shortcuts']");
    await help.waitForDisplayed({ timeout: 5_000 });
    await help.$("button=Close").click();

    // File › Save version… opens the versions panel.
    await menu(browser, "file.save_version");
    const versions = await browser.$("[role=dialog][aria-label=Versions]");
    await versions.waitForDisplayed({ timeout: 5_000 });
    await versions.$("button=Close").click();
    await versions.waitForDisplayed({ reverse: true, timeout: 5_000 });

    // File › Export CSV… writes the file the person names.
    await menu(browser, "file.export_csv");
    const exp = await browser.$("[role=dialog][aria-label=Export]");
    await exp.waitForDisplayed({ timeout: 5_000 });
    const field = await exp.$("input[name=export-path]");
    assert.equal(await field.getValue(), "menu-journey.csv");
    const target = path.join(workDir, "touchpoints.csv");
    await field.click();
    await browser.keys(["Control", "a"]);
    await field.addValue(target);
    await exp.$("button=Export").click();
    await exp.$("[data-written]").waitForExist({ timeout: 10_000 });
    assert.equal(await exp.$("[data-written]").getAttribute("data-written"), target);
    assert.ok(existsSync(target));
    assert.ok(readFileSync(target, "utf8").split("\n").length > 5, "the CSV has the touchpoints");
    await screenshot(browser, "40-export.png");
    await exp.$("button=Close").click();

    // File › Back to library.
    await menu(browser, "file.library");
    await browser.$("li.map").waitForDisplayed({ timeout: 10_000 });

    // File › Open Recent › a map, chosen while another map is open: the open
    // one closes after its last save and the chosen one opens.
    const firstId = await browser.$(`li.map*=${TITLE}`).getAttribute("data-map-id");
    await menu(browser, "file.new");
    await submitNewMap(browser, "Second journey");
    await openMap(browser, "Second journey");
    const before = await stages();
    await browser.$("button=+ Stage").click();
    await browser.waitUntil(async () => (await stages()) === before + 1, { timeout: 5_000 });
    await menu(browser, `recent:${firstId}`);
    // The title attribute: WebDriver's getText is empty for this h1 in WebKit.
    const openTitle = () => browser.$("h1.map-title").getAttribute("title");
    await browser.waitUntil(async () => (await openTitle()) === TITLE, {
      timeout: 10_000,
      timeoutMsg: "Open Recent opened the first map",
    });
    const listed = JSON.parse(cli("list", "--json"));
    const first = listed.find((m) => m.id === firstId);
    const second = listed.find((m) => m.title === "Second journey");
    assert.ok(first.opened_at > second.opened_at, "the map chosen last is the most recent");
    assert.equal(second.stages, before + 1, "the stage added just before switching was saved");
    // From the library it opens the map straight away.
    await menu(browser, "file.library");
    await browser.$("li.map").waitForDisplayed({ timeout: 10_000 });
    await menu(browser, `recent:${second.id}`);
    await browser.waitUntil(
      async () => (await openTitle()) === "Second journey",
      { timeout: 10_000, timeoutMsg: "Open Recent from the library" },
    );
  });
});
