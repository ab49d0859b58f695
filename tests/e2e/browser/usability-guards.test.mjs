// Input guards in Chromium over `waymark serve`: an emptied stage name comes
// back with a word, a pasted novel is cut to the 200-character title cap with
// a notice and a counter, and a map imported twice asks, then is kept twice with a "(2)"
// suffix, so the library never shows one title for two maps.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";

const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Guarded in Chromium";
const cli = (...args) => execFileSync(CLI, ["--db", DB, ...args], { encoding: "utf8" });

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test("empty names come back, long pastes are cut with a notice, imports keep both", { timeout: 120_000 }, async () => {
  const id = cli("new", "--title", TITLE, "--template", "bank-lost-card").trim();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_WITH_TOKEN);
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("g.card").first().waitFor({ timeout: 20_000 });

  // A stage name emptied and left: the old name is back, and the field says why.
  const stage = page.locator("[data-stage-id]").first();
  const stageName = (await page.evaluate(() => document.querySelector("[data-stage-id]")?.textContent)) ?? "";
  await stage.click();
  const name = page.locator(".inspector [name=stage-name]");
  const before = await name.inputValue();
  assert.ok(stageName.includes(before), "the inspector shows the stage");
  await name.fill("");
  await name.press("Tab");
  assert.equal(await name.inputValue(), before);
  await page.locator(".inspector .notice", { hasText: "A stage name cannot be empty; the previous one is back." }).waitFor();

  // A novel pasted into a title: cut to 200 characters, with a notice and the counter full.
  await page.locator("g.card").first().click();
  const title = page.locator(".inspector [name=title]");
  await title.click();
  await page.keyboard.press("Control+A");
  const novel = "It was a dark and stormy night. ".repeat(10_000);
  await page.evaluate((t) => navigator.clipboard.writeText(t), novel);
  await page.keyboard.press("Control+V");
  await page.locator(".inspector .notice", { hasText: "The pasted text was cut to fit: 200 characters at most" }).waitFor();
  assert.equal((await title.inputValue()).length, 200);
  assert.equal(await page.locator(".inspector .count.full").first().textContent(), "200 / 200");
  await page.screenshot({ path: path.join(ARTIFACTS, "usability-20-title-cut.png") });
  await title.press("Tab");
  await page.locator("[data-save=saved]").waitFor({ timeout: 10_000 });
  const map = JSON.parse(cli("show", id, "--json")).map;
  assert.ok(map.touchpoints.some((t) => t.title.length === 200), "the cut title is saved");

  // The same map imported twice: the library asks, and Keep both (the
  // focused answer) gives the new one the next free suffix.
  const file = path.join(mkdtempSync(path.join(tmpdir(), "waymark-guards-")), "twice.waymark");
  cli("export", id, "--format", "waymark", "--output", file);
  await page.locator("button[aria-label='Back to the library']").click();
  const input = page.locator("input[type=file]");
  const ask = page.locator("[role=alertdialog]", { hasText: `“${TITLE}” is already in the library` });
  await input.setInputFiles(file);
  await ask.waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), "Keep both");
  await page.screenshot({ path: path.join(ARTIFACTS, "usability-21-import-keep-both.png") });
  await page.keyboard.press("Enter");
  await page
    .locator(".import-notice", { hasText: `both are kept, the new one as “${TITLE} (2)”` })
    .waitFor({ timeout: 10_000 });
  await page.locator(".import-notice button", { hasText: "OK" }).click();
  await input.setInputFiles(file);
  await ask.getByRole("button", { name: "Keep both" }).click();
  await page
    .locator(".import-notice", { hasText: `“${TITLE}” was already in the library: both are kept, the new one as “${TITLE} (3)”.` })
    .waitFor({ timeout: 10_000 });
  await page.locator(".import-notice button", { hasText: "OK" }).click();
  // Don't import: the third copy goes away again.
  await input.setInputFiles(file);
  await ask.getByRole("button", { name: "Don’t import it" }).click();
  await page.locator(".import-notice", { hasText: `“${TITLE}” was not imported again.` }).waitFor({ timeout: 10_000 });
  const titles = JSON.parse(cli("list", "--json")).map((m) => m.title).filter((t) => t.startsWith(TITLE));
  assert.deepEqual(titles.sort(), [TITLE, `${TITLE} (2)`, `${TITLE} (3)`]);
  assert.deepEqual(errors, []);
  await context.close();
});
