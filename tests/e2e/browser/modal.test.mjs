// The editor's dialogs share one Modal (ui/src/lib/components/Modal.svelte):
// focus moves into a dialog when it opens, so Escape closes it even when it
// was opened by a button or a key; Tab stays inside; a click on the dimmed
// overlay closes it; focus goes back to where it was. The shortcut sheet is
// written from the command table. (Named to run after 00-library.test.mjs,
// which expects the library to start empty.)

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";

const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Dialogs in Chromium";

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Whether focus is inside the element `selector` matches. */
const focusIn = (page, selector) =>
  page.evaluate((s) => !!document.querySelector(s)?.contains(document.activeElement), selector);

test("dialogs take focus, keep it, close on Escape or outside and give it back", { timeout: 120_000 }, async () => {
  execFileSync(CLI, ["--db", DB, "new", "--title", TITLE, "--template", "bank-lost-card"]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_WITH_TOKEN);
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("svg[aria-label='Journey map canvas']").waitFor({ timeout: 20_000 });
  await page.locator("g.card").first().waitFor({ timeout: 10_000 });

  // A toolbar button opens Personas; Escape closes it and focus is back on the button.
  const personasButton = page.locator("header.toolbar button", { hasText: "Personas" });
  await personasButton.click();
  const personas = page.locator("[role=dialog][aria-label=Personas]");
  await personas.waitFor();
  assert.ok(await focusIn(page, "[role=dialog][aria-label=Personas]"), "focus moved into the dialog");
  await page.keyboard.press("Escape");
  await personas.waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), "Personas");

  // ? opens the shortcut sheet, written from the command table; Tab stays inside.
  await page.keyboard.press("?");
  const sheet = page.locator("[role=dialog][aria-label='Keyboard shortcuts']");
  await sheet.waitFor();
  assert.equal(await sheet.locator("dt").first().textContent(), "Double-click a cell / N");
  assert.equal(await sheet.locator("dd").last().textContent(), "This help");
  for (const key of ["Tab", "Tab", "Shift+Tab", "Tab"]) {
    await page.keyboard.press(key);
    assert.ok(
      await focusIn(page, "[role=dialog][aria-label='Keyboard shortcuts']"),
      `focus stays in the sheet after ${key}`,
    );
  }
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-modal-shortcuts.png") });
  // A click on the dimmed overlay, outside the sheet, closes it.
  await page.mouse.click(8, 790);
  await sheet.waitFor({ state: "hidden" });

  // B opens the pain-point board from the canvas; Escape closes it.
  await page.keyboard.press("b");
  const board = page.locator("[role=dialog][aria-label='Pain-point board']");
  await board.waitFor();
  await page.keyboard.press("Escape");
  await board.waitFor({ state: "hidden" });

  // Versions from the toolbar: one dialog open at a time.
  await page.locator("header.toolbar button", { hasText: "Versions" }).click();
  await page.locator("[role=dialog][aria-label=Versions]").waitFor();
  assert.equal(await page.locator("[role=dialog]").count(), 1);
  await page.keyboard.press("Escape");
  await page.locator("[role=dialog]").first().waitFor({ state: "detached" });

  assert.deepEqual(errors, []);
  await context.close();
});
