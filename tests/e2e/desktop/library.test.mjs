// End-to-end test of the desktop app: the real binary in a real WebKitGTK
// window, driven through tauri-driver + WebKitWebDriver. Run under Xvfb:
//   xvfb-run -a -s '-screen 0 1280x800x24' npm --prefix tests/e2e run test:desktop
// (scripts/test-desktop does this after building the app).

import assert from "node:assert/strict";
import { test } from "node:test";
import { screenshot, useDriver, withApp } from "./harness.mjs";

const TITLE = "Checkout journey";

useDriver("tauri-driver-library.log");

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
    const newMap = await browser.$("header.topbar button.new-map");
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
    // A new map opens at once; back in the library it is listed.
    await browser.$("svg[aria-label='Journey map canvas']").waitForDisplayed({ timeout: 20_000 });
    await browser.$("button[aria-label='Back to the library']").click();

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
