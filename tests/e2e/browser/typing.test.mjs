// Two people typing into the same touchpoint description at once, in two
// Chromium pages on one `waymark serve`: text fields are Y.Text edited in
// place, so both texts survive, in the library (`waymark show --json`) and
// in both pages. scripts/test-browser sets WAYMARK_URL, WAYMARK_CLI and
// WAYMARK_DB.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";

const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Typing together";

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

function show(id) {
  return JSON.parse(
    execFileSync(CLI, ["--db", DB, "show", id, "--json"], { encoding: "utf8" }),
  );
}

async function waitFor(cond, what, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens the map in `page` and selects touchpoint `tp` (or the first card); returns its description field. */
async function openTouchpoint(page, tp) {
  await page.goto(URL_WITH_TOKEN);
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page
    .locator("svg[aria-label='Journey map canvas']")
    .waitFor({ timeout: 20_000 });
  const card = tp
    ? page.locator(`g.card[data-touchpoint-id="${tp}"]`)
    : page.locator("g.card").first();
  await card.waitFor({ timeout: 10_000 });
  await card.click();
  const field = page.locator(".inspector textarea[name=description]");
  await field.waitFor();
  return { field, id: await card.getAttribute("data-touchpoint-id") };
}

async function newPage() {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

test(
  "two pages typing into one description at once keep both texts",
  { timeout: 180_000 },
  async () => {
    const mapId = execFileSync(
      CLI,
      ["--db", DB, "new", "--title", TITLE, "--template", "bank-lost-card"],
      {
        encoding: "utf8",
      },
    ).trim();
    const one = await newPage();
    const two = await newPage();
    const { id } = await openTouchpoint(one.page, null);
    const fieldOne = (await openTouchpoint(one.page, id)).field;
    const fieldTwo = (await openTouchpoint(two.page, id)).field;
    const base = await fieldOne.inputValue();
    assert.equal(await fieldTwo.inputValue(), base);

    // Page one types at the end, page two at the start, at the same time.
    await fieldOne.click();
    await one.page.keyboard.press("Control+End");
    await fieldTwo.click();
    await two.page.keyboard.press("Control+Home");
    const END = " (typed in page one)";
    const START = "Page two: ";
    await Promise.all([
      one.page.keyboard.type(END, { delay: 15 }),
      two.page.keyboard.type(START, { delay: 15 }),
    ]);
    for (const p of [one, two])
      await p.page.locator("[data-save=saved]").waitFor({ timeout: 15_000 });

    const merged = `${START}${base}${END}`;
    await waitFor(
      () =>
        show(mapId).map.touchpoints.find((t) => t.id === id)?.description ===
        merged,
      "both texts reach the library",
    );
    // Each page, opened again, shows both.
    for (const [i, p] of [one, two].entries()) {
      const { field } = await openTouchpoint(p.page, id);
      assert.equal(await field.inputValue(), merged);
      await p.page.screenshot({
        path: path.join(ARTIFACTS, `browser-typing-${i + 1}.png`),
      });
      assert.deepEqual(p.errors, []);
      await p.context.close();
    }
  },
);
