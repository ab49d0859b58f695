// End-to-end test of the persona panel: add a persona, fill in its fields,
// draw the map for it, and find all of it after a restart (and in the
// library list, which names the map's persona).

import assert from "node:assert/strict";
import { test } from "node:test";
import { createMap, openMap, screenshot, setFieldIn, useDriver, waitSaved, withApp } from "./harness.mjs";

const TITLE = "Persona journey";
const NAME = "Maya Field";

useDriver("tauri-driver-personas.log");

/** The toolbar's persona chip text (read from the page: a dialog may cover it). */
function chip(browser) {
  return browser.execute(() => document.querySelector(".persona-chip")?.textContent?.trim() ?? "");
}

const setField = (panel, browser, name, value) => setFieldIn(browser, panel, name, value);

test("add a persona, edit it and draw the map for it", { timeout: 240_000 }, async () => {
  await withApp("personas", async (browser) => {
    await createMap(browser, TITLE);
    await openMap(browser, TITLE);

    await browser.$("button=Personas").click();
    const panel = await browser.$("[role=dialog][aria-label=Personas]");
    await panel.waitForDisplayed({ timeout: 5_000 });
    const before = (await panel.$$("li.persona")).length;
    await panel.$("button=+ Add persona").click();
    await browser.waitUntil(async () => (await panel.$$("li.persona")).length === before + 1, {
      timeout: 5_000,
      timeoutMsg: "the persona was added",
    });
    await setField(panel, browser, "persona-name", NAME);
    await panel.$(`li.persona[data-name='${NAME}']`).waitForExist({ timeout: 5_000 });
    await setField(panel, browser, "persona-role", "Traveller abroad");
    await setField(panel, browser, "persona-goals", "Get a new card");
    await setField(panel, browser, "persona-frustrations", "Long hold times");
    await setField(panel, browser, "persona-quote", "I just need to pay for dinner.");
    const id = await panel.$(`li.persona[data-name='${NAME}']`).getAttribute("data-persona-id");
    await panel.$(`button=Draw the map for ${NAME}`).click();
    await browser.waitUntil(async () => (await chip(browser)) === `for ${NAME}`, {
      timeout: 5_000,
      timeoutMsg: "the toolbar names the map's persona",
    });
    assert.equal(await panel.$("select[name=primary-persona]").getValue(), id);
    assert.match(await panel.$(`li.persona[data-name='${NAME}']`).getText(), /Primary/i);
    await waitSaved(browser);
    await screenshot(browser, "30-personas.png");
    await panel.$("button=Done").click();
    await panel.waitForDisplayed({ reverse: true, timeout: 5_000 });

    await browser.$("button.back").click();
    await browser.$("li.map").waitForDisplayed({ timeout: 10_000 });
  });

  await withApp("personas-restart", async (browser) => {
    const item = await browser.$(`//li[contains(@class,"map")][.//button[normalize-space()="${TITLE}"]]`);
    await item.waitForDisplayed({ timeout: 20_000 });
    assert.match(await item.getText(), new RegExp(NAME), "the library names the map's persona");
    await openMap(browser, TITLE);
    assert.equal(await chip(browser), `for ${NAME}`);
    await browser.$("button=Personas").click();
    const panel = await browser.$("[role=dialog][aria-label=Personas]");
    await panel.waitForDisplayed({ timeout: 5_000 });
    await panel.$(`li.persona[data-name='${NAME}'] button`).click();
    assert.equal(await panel.$("[name=persona-role]").getValue(), "Traveller abroad");
    assert.equal(await panel.$("[name=persona-goals]").getValue(), "Get a new card");
    assert.equal(await panel.$("[name=persona-frustrations]").getValue(), "Long hold times");
    assert.equal(await panel.$("[name=persona-quote]").getValue(), "I just need to pay for dinner.");
    const id = await panel.$(`li.persona[data-name='${NAME}']`).getAttribute("data-persona-id");
    assert.equal(await panel.$("select[name=primary-persona]").getValue(), id);
    await screenshot(browser, "31-personas-after-restart.png");
  });
});
