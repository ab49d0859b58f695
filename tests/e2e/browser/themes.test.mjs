// Themes from verbatims in Chromium over `waymark serve`: comments imported
// as a survey wave become themes that the explanation panel shows (label,
// count, share and a quote, as `waymark themes --json` reports them) and
// that the pain-point board shows beside its pain point. scripts/test-browser
// sets WAYMARK_URL, WAYMARK_CLI and WAYMARK_DB.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";

const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Themes in Chromium";
const CALL = "Calls the lost and stolen card line";
const COMMENTS = [
  "On hold for 40 minutes, then transferred twice",
  "Hold music for an hour, nobody answered",
  "On hold again, the callback never came",
  "Card blocked abroad and nobody could unblock it",
  "My card was blocked while travelling",
];

const cli = (...args) => execFileSync(CLI, ["--db", DB, ...args], { encoding: "utf8" });

let browser;
let work;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), "waymark-themes-"));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test("the explanation and the board show the comments' themes", { timeout: 180_000 }, async () => {
  const id = cli("new", "--title", TITLE, "--template", "bank-lost-card").trim();
  const csv = path.join(work, "answers.csv");
  writeFileSync(
    csv,
    [
      "touchpoint,respondent,date,metric,scale,value,comment",
      ...COMMENTS.map((c, i) => `${CALL},r${i},2026-03-01,csat,,1,"${c}"`),
    ].join("\n") + "\n",
  );
  cli("responses", "import", id, csv, "--wave", "Q1");
  const found = JSON.parse(cli("themes", id, "--touchpoint", CALL, "--json")).touchpoints[0];
  const top = found.themes[0];
  assert.equal(top.label, "hold");
  assert.equal(top.count, 3);

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_WITH_TOKEN);
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("svg[aria-label='Journey map canvas']").waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => Number(document.querySelector(".headline")?.dataset.generation) > 0);

  // The explanation: the top themes as the CLI found them, with a real quote.
  const card = page.locator(`g.card[data-touchpoint-id="${found.id}"]`);
  const box = await card.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.press("e");
  const panel = page.locator(`.explain[data-touchpoint="${found.id}"]`);
  const themes = panel.locator("section.themes li[data-theme]");
  await themes.first().waitFor({ timeout: 10_000 });
  assert.deepEqual(
    await themes.evaluateAll((li) => li.map((l) => [l.dataset.theme, Number(l.dataset.count)])),
    found.themes.slice(0, 3).map((t) => [t.label, t.count]),
  );
  const first = themes.first();
  assert.match(await first.textContent(), /hold/);
  assert.match(await first.textContent(), /60%/);
  const quote = (await first.locator(".quote").textContent()).replace(/^“|”$/g, "");
  assert.ok(COMMENTS.includes(quote), `${quote} is not a comment`);
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-70-themes-explanation.png") });

  // The board: the pain point carries its top theme.
  await page.keyboard.press("Escape");
  await page.keyboard.press("b");
  const board = page.getByRole("dialog", { name: "Pain-point board" });
  await board.locator("[data-loaded=true]").waitFor();
  const row = board.locator(`tbody tr[data-item="pain_point:${found.id}"]`);
  await row.locator(".top-theme[data-theme=hold]").waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-71-themes-board.png") });
  assert.deepEqual(errors, []);
});
