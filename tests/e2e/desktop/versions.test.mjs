// End-to-end test of named versions: save a version of a map, change the map,
// restore the version (with its confirmation) and see the old state in the
// open editor, then again after a restart.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  createMap,
  openMap,
  screenshot,
  stageNames,
  useDriver,
  waitSaved,
  withApp,
} from "./harness.mjs";

const TITLE = "Versions journey";

useDriver("tauri-driver-versions.log");

test("save a version, change the map, restore the version", { timeout: 240_000 }, async () => {
  let before;
  await withApp("versions", async (browser) => {
    await createMap(browser, TITLE);
    await openMap(browser, TITLE);
    before = await stageNames(browser);

    // Save a version.
    await browser.$("button=Versions").click();
    const panel = await browser.$("[role=dialog][aria-label=Versions]");
    await panel.waitForDisplayed({ timeout: 5_000 });
    await panel.$("input[name=version-label]").addValue("Workshop one");
    await panel.$("button=Save version").click();
    await panel.$("li.version[data-label='Workshop one']").waitForExist({ timeout: 5_000 });
    assert.match(await panel.$("li.version[data-label='Workshop one'] .when").getText(), /\d/);
    await screenshot(browser, "20-version-saved.png");
    await panel.$("button=Close").click();
    await panel.waitForDisplayed({ reverse: true, timeout: 5_000 });

    // Change the map: a new stage and a touchpoint.
    await browser.$("button=+ Stage").click();
    await browser.waitUntil(async () => (await stageNames(browser)).length === before.length + 1, {
      timeout: 5_000,
      timeoutMsg: "the stage was added",
    });
    await browser.keys("Escape");
    await browser.$("button=+ Touchpoint").click();
    const inline = await browser.$("input.inline-title");
    await inline.waitForDisplayed({ timeout: 5_000 });
    await inline.addValue("After the version");
    await browser.keys("Enter");
    await browser.$("g.card[data-title='After the version']").waitForExist({ timeout: 5_000 });
    await waitSaved(browser);

    // Restore, cancelling once first.
    await browser.$("button=Versions").click();
    await panel.waitForDisplayed({ timeout: 5_000 });
    const row = await panel.$("li.version[data-label='Workshop one']");
    await row.waitForExist({ timeout: 5_000 });
    await row.$("button=Restore…").click();
    await row.$("button=Cancel").click();
    // The canvas draws only the cards in view and re-renders after the dialog:
    // wait for the card rather than sampling the page once.
    await browser.$("g.card[data-title='After the version']").waitForExist({ timeout: 5_000, timeoutMsg: "cancel keeps the map" });
    assert.equal((await stageNames(browser)).length, before.length + 1, "cancel keeps the added stage");
    await row.$("button=Restore…").click();
    await screenshot(browser, "21-restore-confirm.png");
    await row.$("button=Yes, restore").click();
    await panel.$("li.version[data-label='Before restoring Workshop one']").waitForExist({ timeout: 10_000 });
    await panel.$("button=Close").click();
    await panel.waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(async () => (await stageNames(browser)).join("|") === before.join("|"), {
      timeout: 10_000,
      timeoutMsg: "the open editor shows the restored stages",
    });
    assert.equal(await browser.$("g.card[data-title='After the version']").isExisting(), false);
    await waitSaved(browser);
    await screenshot(browser, "22-restored.png");

    await browser.$("button.back").click();
    await browser.$("li.map").waitForDisplayed({ timeout: 10_000 });
  });

  // After a restart the map is still the restored one.
  await withApp("versions-restart", async (browser) => {
    await openMap(browser, TITLE);
    assert.deepEqual(await stageNames(browser), before);
    assert.equal(await browser.$("g.card[data-title='After the version']").isExisting(), false);
  });
});
