// Survey-tool exports in the import wizard and evidence coverage on the
// headline, in Chromium over `waymark serve`: a Qualtrics export is
// recognised and its questions are matched to touchpoints; the person
// changes one question's scale and names the wave (the file's name by
// default); the import lands as that wave, a second import under the same
// label asks before it replaces it, and the headline's share of touchpoints with survey data moves to what
// `waymark show --json` says. scripts/test-browser sets WAYMARK_URL,
// WAYMARK_CLI and WAYMARK_DB.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(here, "..", "artifacts");
const SURVEYS = path.join(here, "..", "..", "data", "surveys");
const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Survey presets in Chromium";

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run scripts/test-browser`);
  return v;
}

const cli = (...args) => execFileSync(CLI, ["--db", DB, ...args], { encoding: "utf8" });

let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
});

test("a Qualtrics export is recognised, confirmed and imported; coverage follows", { timeout: 180_000 }, async () => {
  const id = cli("new", "--title", TITLE, "--template", "bank-lost-card").trim();
  const before = JSON.parse(cli("show", id, "--json")).evidence;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_WITH_TOKEN);
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("svg[aria-label='Journey map canvas']").waitFor({ timeout: 20_000 });

  // The headline: the template's evidence, no survey wave yet.
  const strip = page.locator("[data-testid=evidence-coverage]");
  await strip.waitFor({ timeout: 10_000 });
  assert.equal(
    await strip.locator("dd[data-figure=observed]").textContent(),
    `${Math.round(before.observed_pct)}% observed`,
  );
  assert.equal((await strip.locator("dd[data-figure=surveyed]").textContent()).trim(), "no survey wave");

  // The wizard recognises the export and matches its questions.
  await page.locator("summary", { hasText: "Data" }).click();
  await page.getByRole("menuitem", { name: "Import survey answers…" }).click();
  const wizard = page.getByRole("dialog", { name: "Import survey answers" });
  await wizard.locator("input[name=survey-file]").setInputFiles(path.join(SURVEYS, "qualtrics.csv"));
  await wizard.locator("[data-testid=survey-ready]").waitFor({ timeout: 10_000 });
  assert.match(await wizard.locator("[data-testid=survey-tool]").textContent(), /Recognised a Qualtrics export/);
  const easy = "How easy was it to freeze your card in the app?";
  const scale = wizard.getByLabel(`Scale of ${easy}`);
  assert.equal(await scale.inputValue(), "ces7");
  assert.equal(
    await wizard.getByLabel(`Touchpoint of ${easy}`).locator("option:checked").textContent(),
    "Freezes the card in the app",
  );
  // On CES 1–5 the answers of 6 and 7 are out of range: reported with their line.
  await scale.selectOption("ces5");
  await wizard.locator("[data-testid=survey-errors] li[data-line='4']").waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-80-survey-preset-errors.png") });
  await scale.selectOption("ces7");
  await wizard.locator("[data-testid=survey-ready]").waitFor({ timeout: 10_000 });
  const json = JSON.parse(await wizard.locator("[data-testid=survey-columns-json]").inputValue());
  assert.equal(json.wide.respondent, "Response ID");
  assert.equal(json.wide.questions.length, 4);
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-81-survey-preset.png") });
  // The wave: named after the file unless the person names it.
  const label = wizard.locator("input[name=wave-label]");
  assert.equal(await label.inputValue(), "qualtrics");
  await label.fill("Q3 2026");
  await wizard.locator("input[name=wave-date]").fill("2026-09-30");
  await wizard.getByRole("button", { name: "Import 11 answers" }).click();
  await wizard.locator("[data-testid=survey-done]").waitFor({ timeout: 10_000 });
  assert.match(await wizard.locator("[data-testid=survey-done]").textContent(), /^Wave “Q3 2026”: /);
  await wizard.getByRole("button", { name: "Close" }).click();

  // The same label again: the wizard says it replaces that wave and waits for the tick.
  await page.locator("summary", { hasText: "Data" }).click();
  await page.getByRole("menuitem", { name: "Import survey answers…" }).click();
  await wizard.locator("input[name=survey-file]").setInputFiles(path.join(SURVEYS, "qualtrics.csv"));
  await wizard.locator("[data-testid=survey-ready]").waitFor({ timeout: 10_000 });
  await label.fill("Q3 2026");
  await wizard.locator("input[name=wave-date]").fill("2026-09-30");
  const replaces = wizard.locator("[data-testid=wave-replaces]");
  await replaces.waitFor({ timeout: 10_000 });
  assert.match(await replaces.textContent(), /already has a wave “Q3 2026”: importing replaces/);
  const importButton = wizard.getByRole("button", { name: "Import 11 answers" });
  assert.equal(await importButton.isDisabled(), true);
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-81b-survey-wave-replaces.png") });
  await wizard.locator("input[name=wave-replace]").check();
  await importButton.click();
  await wizard.locator("[data-testid=survey-done]").waitFor({ timeout: 10_000 });
  await wizard.getByRole("button", { name: "Close" }).click();

  // One wave, as named, and the headline's survey share is the CLI's.
  const waves = JSON.parse(cli("waves", id, "--json"));
  assert.equal(waves.length, 1);
  assert.deepEqual([waves[0].label, waves[0].date], ["Q3 2026", "2026-09-30"]);
  assert.equal(waves[0].answers, 11);
  const now = JSON.parse(cli("show", id, "--json")).evidence;
  assert.equal(now.with_survey, 3);
  await page.waitForFunction(
    (want) => document.querySelector("dd[data-figure=surveyed]")?.textContent?.trim() === want,
    `${Math.round(now.with_survey_pct)}% surveyed`,
    { timeout: 10_000 },
  );
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-82-evidence-coverage.png") });
  assert.deepEqual(errors, []);
  await context.close();
});
