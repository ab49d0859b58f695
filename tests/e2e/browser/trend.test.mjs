// Survey waves in Chromium over `waymark serve`: two waves imported with the
// CLI, the trend overlay's sparkline on a card and a stage header, the Trend
// tab's chart with its 95% whiskers and target line and the Rust rule's
// words, a target set from the panel (seen by the CLI), two waves compared,
// a stage's target set from its panel and marked on its header,
// and axe finds no serious or critical violation in the panel.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";

const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Trends in Chromium";
const CALL = "Calls the lost and stolen card line";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const cli = (...args) => execFileSync(CLI, ["--db", DB, ...args], { encoding: "utf8" });

let browser;
let work;
before(async () => {
  work = mkdtempSync(path.join(tmpdir(), "waymark-trend-"));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** `n` NPS answers of `value` about the call, dated `date`. */
function wave(name, value, n, date) {
  const rows = ["touchpoint,respondent,date,metric,scale,value,comment"];
  for (let i = 0; i < n; i++) rows.push(`${CALL},${name}-${i},${date},nps,nps,${i % 5 === 0 ? 8 : value},`);
  const file = path.join(work, `${name}.csv`);
  writeFileSync(file, rows.join("\n") + "\n");
  return file;
}

test("trend overlay, panel, target line and two waves compared", { timeout: 180_000 }, async () => {
  const id = cli("new", "--title", TITLE, "--template", "bank-lost-card").trim();
  cli("responses", "import", id, wave("q1", 2, 60, "2026-03-10"), "--wave", "Q1", "--date", "2026-03-31");
  cli("responses", "import", id, wave("q2", 10, 60, "2026-06-10"), "--wave", "Q2", "--date", "2026-06-30");
  cli("target", id, "--touchpoint", CALL, "nps", ">=30");
  const trend = JSON.parse(cli("trend", id, "--json"));
  const call = trend.waves[1].touchpoints.find((t) => t.title === CALL);
  assert.equal(call.changes.nps, "rose");

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_WITH_TOKEN);
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("svg[aria-label='Journey map canvas']").waitFor({ timeout: 20_000 });

  // The overlay: a sparkline of two waves on the card and on its stage's header.
  await page.locator("button[data-overlay=trend]").click();
  const callCard = page.locator(`g.card[data-title="${CALL}"]`);
  await callCard.locator("g.trend-spark[data-points='2']").waitFor({ timeout: 10_000 });
  await page.locator(`g.trend-spark[data-trend-spark="${call.stage}"][data-points='2']`).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-80-trend-overlay.png") });

  // The panel: a whisker per wave, the target line at 30, the rule's words.
  const box = await callCard.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 8);
  // The explanation names the card's target and its status, as of the
  // latest wave (Q2's +80; every wave pooled would read 0).
  await page.locator("[data-tab=explain]").click();
  const target = page.locator(".explain li[data-target-kpi=nps]");
  await target.waitFor({ timeout: 10_000 });
  assert.equal(await target.textContent(), "NPS ≥ 30: met (80)");
  await page.locator("[data-tab=trend]").click();
  const panel = page.locator(`.trend[data-trend-part="${call.id}"]`);
  await panel.locator("svg[data-trend-chart=nps]").waitFor({ timeout: 10_000 });
  assert.equal(await panel.locator("g.whisker").count(), 2);
  assert.equal(await panel.locator("line.target").getAttribute("data-target-line"), "30");
  const words = (await panel.locator("ul.changes li").first().textContent()).replace(/\s+/g, " ").trim();
  assert.equal(words, "Q1 → Q2: NPS rose beyond noise");
  assert.equal(await panel.locator("[data-target-status]").getAttribute("data-target-status"), "met");

  // A journey target from the panel reaches the document: the CLI sees it.
  await panel.locator("select[aria-label='Target for']").selectOption("journey");
  await panel.locator("select[aria-label='Target KPI']").selectOption("csat");
  await panel.locator("input[aria-label='Target value']").fill("50");
  await panel.locator("button:has-text('Set target')").click();
  await panel.locator("p[role=status]:has-text('CSAT ≥ 50')").waitFor({ timeout: 10_000 });
  const groups = JSON.parse(cli("target", id, "--json"));
  assert.deepEqual(groups[0].checks[0].target, { direction: "at_least", value: 50 });

  // Two waves compared: the call's NPS got better beyond noise.
  await panel.locator("button:has-text('Compare')").click();
  await panel.locator("ul.moves.better li").first().waitFor();
  const better = await panel.locator("ul.moves.better li").allTextContents();
  assert.ok(better.some((s) => s.startsWith(`${CALL}: NPS rose from`)), better.join("\n"));
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-81-trend-panel.png") });

  // A stage's target from its Trend tab: the CLI lists it and its header marks its status.
  await page.locator(`g.stage-head[data-stage-id="${call.stage}"]`).focus();
  await page.locator("[data-tab=trend]").click();
  const stagePanel = page.locator(`.trend[data-trend-part="${call.stage}"]`);
  await stagePanel.waitFor({ timeout: 10_000 });
  await stagePanel.locator("select[aria-label='Target for']").selectOption("part");
  await stagePanel.locator("select[aria-label='Target KPI']").selectOption("nps");
  await stagePanel.locator("input[aria-label='Target value']").fill("90");
  await stagePanel.locator("button:has-text('Set target')").click();
  await stagePanel.locator("p[role=status]:has-text('NPS ≥ 90: not met now')").waitFor({ timeout: 10_000 });
  const stageGroup = JSON.parse(cli("target", id, "--json")).find((g) => g.stage === call.stage);
  assert.equal(stageGroup?.checks[0].status, "not_met");
  await page
    .locator(`g.stage-summary[data-stage-summary="${call.stage}"] [data-stage-target-status=not_met]`)
    .waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-82-stage-target.png") });

  await page.addScriptTag({ path: AXE });
  const serious = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(serious, []);
  assert.deepEqual(errors, []);
  await context.close();
});
