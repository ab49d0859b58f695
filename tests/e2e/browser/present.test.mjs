// The analysis views in Chromium over `waymark serve`: the survey import
// wizard with a file input (mapped columns, errors with their lines), the
// report as a download checked with pdftotext, the deck as a .pptx download,
// compare against a version,
// and presentation mode driven by keys. scripts/test-browser sets
// WAYMARK_URL, WAYMARK_CLI and WAYMARK_DB.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(here, "..", "artifacts");
const TITLE = "Present in Chromium";

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run scripts/test-browser`);
  return v;
}
const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const cli = (...args) =>
  execFileSync(CLI, ["--db", DB, ...args], { encoding: "utf8" });

let browser;
let work;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), "waymark-present-"));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
});

test(
  "survey wizard, report download, compare and presentation in Chromium",
  { timeout: 180_000 },
  async () => {
    const id = cli(
      "new",
      "--title",
      TITLE,
      "--template",
      "bank-lost-card",
    ).trim();
    cli("version", id, "--label", "as-is");
    const map = JSON.parse(cli("show", id, "--json")).map;
    const tp = map.touchpoints[0];
    const csv = path.join(work, "survey.csv");
    writeFileSync(
      csv,
      [
        "Step,Customer,Submitted,KPI,Scale,Score",
        `${tp.id},a,2026-03-01,ces,ces7,1`,
        `${tp.id},b,2026-03-01,ces,ces7,2`,
        `Nowhere,c,2026-03-01,csat,csat,4`,
      ].join("\n") + "\n",
    );

    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(URL_WITH_TOKEN);
    await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
    await page
      .locator("svg[aria-label='Journey map canvas']")
      .waitFor({ timeout: 20_000 });

    // Survey wizard: the bad row is reported with its line, then fixed.
    await page.locator("summary", { hasText: "Data" }).click();
    await page
      .getByRole("menuitem", { name: "Import survey answers…" })
      .click();
    const wizard = page.getByRole("dialog", { name: "Import survey answers" });
    await wizard.locator("input[name=survey-file]").setInputFiles(csv);
    await wizard
      .locator("[data-testid=survey-errors] li[data-line='4']")
      .waitFor({ timeout: 10_000 });
    assert.equal(
      await wizard.locator("[data-testid=survey-errors] li").count(),
      1,
    );
    assert.equal(
      await wizard.locator("select[name=map-touchpoint]").inputValue(),
      "Step",
    );
    await page.screenshot({
      path: path.join(ARTIFACTS, "browser-70-survey-errors.png"),
    });
    writeFileSync(
      csv,
      [
        "Step,Customer,Submitted,KPI,Scale,Score",
        `${tp.id},a,2026-03-01,ces,ces7,1`,
        `${tp.id},b,2026-03-01,ces,ces7,2`,
      ].join("\n") + "\n",
    );
    await wizard.locator("input[name=survey-file]").setInputFiles(csv);
    await wizard
      .locator("[data-testid=survey-ready]")
      .waitFor({ timeout: 10_000 });
    await wizard.getByRole("button", { name: "Import 2 answers" }).click();
    await wizard
      .locator("[data-testid=survey-done]")
      .waitFor({ timeout: 10_000 });
    await wizard.getByRole("button", { name: "Close" }).click();
    assert.equal(JSON.parse(cli("score", id, "--json")).journey.responses, 2);

    // Report: downloaded, and a real PDF with the company on it.
    await page.locator("summary", { hasText: "Data" }).click();
    await page.getByRole("menuitem", { name: "Export report (PDF)…" }).click();
    const report = page.getByRole("dialog", { name: "Export report" });
    await report.locator("input[name=report-company]").fill("Chromium Bank");
    await report.locator("input[name=section-appendix]").uncheck();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      report.getByRole("button", { name: "Export PDF" }).click(),
    ]);
    const pdf = path.join(work, "report.pdf");
    await download.saveAs(pdf);
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    assert.match(text, /Chromium Bank/);
    assert.doesNotMatch(text, /Appendix/);
    await report.locator("[data-written]").waitFor();
    await report.getByRole("button", { name: "Close" }).click();

    // Deck: the same dialog for PowerPoint, remembering the report's company;
    // downloaded, and a real .pptx with the company on its title slide.
    await page.locator("summary", { hasText: "Data" }).click();
    await page
      .getByRole("menuitem", { name: "Export deck (PowerPoint)…" })
      .click();
    const deckDialog = page.getByRole("dialog", { name: "Export deck" });
    assert.equal(
      await deckDialog.locator("input[name=report-company]").inputValue(),
      "Chromium Bank",
    );
    await deckDialog.locator("input[name=section-stages]").uncheck();
    const [pptxDownload] = await Promise.all([
      page.waitForEvent("download"),
      deckDialog.getByRole("button", { name: "Export deck" }).click(),
    ]);
    assert.match(pptxDownload.suggestedFilename(), /\.pptx$/);
    const pptx = path.join(work, "deck.pptx");
    await pptxDownload.saveAs(pptx);
    const title = execFileSync(
      "python3",
      [
        "-c",
        "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('ppt/slides/slide1.xml').decode())",
        pptx,
      ],
      { encoding: "utf8" },
    );
    assert.match(title, /Chromium Bank/);
    await deckDialog.locator("[data-written]").waitFor();
    await deckDialog.getByRole("button", { name: "Close" }).click();

    // Compare with the as-is version: the answered touchpoint changed.
    await page.locator("summary", { hasText: "Data" }).click();
    await page
      .getByRole("menuitem", { name: "Compare with a version or the to-be…" })
      .click();
    const compare = page.getByRole("dialog", { name: "Compare" });
    await compare
      .locator("[data-testid=compare-summary]")
      .waitFor({ timeout: 10_000 });
    assert.equal(
      await compare.locator("[data-count=changed]").textContent(),
      "1 changed",
    );
    assert.equal(
      await compare
        .locator("article[data-status=changed]")
        .getAttribute("data-touchpoint"),
      tp.id,
    );
    await page.screenshot({
      path: path.join(ARTIFACTS, "browser-71-compare.png"),
    });
    await compare.getByRole("button", { name: "Close" }).click();

    // Presentation: overview, then stage by stage with the keys.
    await page.getByRole("button", { name: "Present" }).click();
    const deck = page.locator("[aria-label=Presentation]");
    await deck.waitFor();
    await page.keyboard.press("ArrowRight");
    assert.equal(await deck.getAttribute("data-slide"), "1");
    await page.keyboard.press("PageDown");
    assert.equal(await deck.getAttribute("data-slide"), "2");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await deck.getAttribute("data-slide"), "1");
    assert.equal(await deck.locator("h1").textContent(), map.stages[0].name);
    await page.screenshot({
      path: path.join(ARTIFACTS, "browser-72-present.png"),
    });
    await page.keyboard.press("Escape");
    await deck.waitFor({ state: "detached" });

    assert.deepEqual(errors, [], "no page errors");
  },
);
