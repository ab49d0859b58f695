// axe-core over every page a designer meets, in Chromium over `waymark
// serve`: the library and its New map dialog, the editor (canvas, inspector,
// explanation, board, shortcut sheet, personas), presentation, and the
// workshop's join page and board. No serious or critical violation. Also
// the editor's screenshots at 1024×700 (as opened, and fit) and 1920×1080.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";

const URL_WITH_TOKEN = need("WAYMARK_URL");
const JOIN_URL = need("WAYMARK_JOIN_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Accessible in Chromium";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const found = [];

/** Runs axe on the page as it is; keeps the serious and critical violations under `where`. */
async function audit(page, where) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`),
        count: v.nodes.length,
      }));
  });
  for (const v of violations) found.push({ where, ...v });
}

const report = () =>
  found
    .map((v) => `${v.where}: ${v.impact} ${v.id} (${v.count}×) ${v.help}\n    ${v.nodes.join("\n    ")}`)
    .join("\n");

test("no serious or critical axe violation on the library, editor, presentation and workshop", { timeout: 240_000 }, async () => {
  const id = execFileSync(CLI, ["--db", DB, "new", "--title", TITLE, "--template", "bank-lost-card"], {
    encoding: "utf8",
  }).trim();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_WITH_TOKEN);
  await page.locator(`li.map button:has-text("${TITLE}")`).first().waitFor({ timeout: 15_000 });
  await audit(page, "library");

  await page.locator("header.topbar button.new-map").click();
  await page.locator("label.template").first().waitFor();
  await audit(page, "new map dialog");
  await page.keyboard.press("Escape");

  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("svg[aria-label='Journey map canvas']").waitFor({ timeout: 20_000 });
  await page.locator("g.card").first().waitFor();
  await audit(page, "editor (map inspector)");

  await page.locator("g.card").first().click();
  await page.locator(".inspector [name=title]").waitFor();
  await audit(page, "editor (touchpoint inspector)");
  await page.locator("[data-tab=explain]").click();
  await page.waitForTimeout(300);
  await audit(page, "explanation");

  await page.keyboard.press("Escape");
  await page.locator("svg[aria-label='Journey map canvas']").focus();
  await page.keyboard.press("b");
  await page.locator("[role=dialog][aria-label='Pain-point board']").waitFor();
  await audit(page, "board");
  await page.keyboard.press("Escape");

  await page.keyboard.press("?");
  await page.locator("[role=dialog][aria-label='Keyboard shortcuts']").waitFor();
  await audit(page, "shortcut sheet");
  await page.keyboard.press("Escape");

  await page.locator("header.toolbar button", { hasText: "Personas" }).click();
  await page.locator("[role=dialog][aria-label=Personas]").waitFor();
  await audit(page, "personas dialog");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Present" }).click();
  await page.locator("[aria-label=Presentation]").waitFor();
  await page.keyboard.press("ArrowRight");
  await audit(page, "presentation");
  await page.keyboard.press("Escape");

  // The editor at a small window, as opened and fit; and a large one.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(ARTIFACTS, "usability-10-editor-1024x700.png") });
  // One row of tools: the rarer ones are in More.
  const bar = await page.locator("header.toolbar").boundingBox();
  assert.ok(bar && bar.height < 60, `the toolbar keeps one row at 1024 px (${bar?.height} px high)`);
  await page.locator("summary", { hasText: "More" }).click();
  await page.getByRole("menuitem", { name: "Personas…" }).waitFor();
  await audit(page, "editor at 1024×700, More menu");
  await page.keyboard.press("Escape");
  await page.locator("summary", { hasText: "More" }).click();
  await page.keyboard.press("Control+0");
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, "usability-11-editor-1024x700-fit.png") });
  await audit(page, "editor at 1024×700, fit");
  // The side panel folds away, and stays so when the map is opened again,
  // at the zoom it was left at.
  const zoomLeft = await page.locator("[data-zoom]").getAttribute("data-zoom");
  await page.getByRole("button", { name: "Side panel" }).click();
  await page.locator(".inspector").waitFor({ state: "detached" });
  await page.keyboard.press("Control+0");
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, "usability-13-editor-1024x700-fit-no-panel.png") });
  const zoomNoPanel = await page.locator("[data-zoom]").getAttribute("data-zoom");
  assert.notEqual(zoomNoPanel, zoomLeft, "without the panel, fit has more room");
  await page.reload();
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("g.card").first().waitFor({ timeout: 20_000 });
  await page.waitForFunction((z) => document.querySelector("[data-zoom]")?.getAttribute("data-zoom") === z, zoomNoPanel);
  assert.equal(await page.locator(".inspector").count(), 0, "the panel stays folded");
  await page.getByRole("button", { name: "Side panel" }).click();
  await page.locator(".inspector").waitFor();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.keyboard.press("Control+0");
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, "usability-12-editor-1920x1080.png") });

  // The workshop: the facilitator's board and a participant's join page.
  const host = await context.newPage();
  await host.goto(`${URL_WITH_TOKEN}#/workshop/${id}`);
  await host.locator("[data-stage]").first().waitFor({ timeout: 20_000 });
  await audit(host, "workshop board");
  const join = await context.browser().newContext({ viewport: { width: 390, height: 844 } });
  const phone = await join.newPage();
  await phone.goto(JOIN_URL);
  await phone.getByLabel("Your name").waitFor();
  await audit(phone, "workshop join page");
  await join.close();

  assert.deepEqual(errors, []);
  assert.equal(found.length, 0, `axe found serious or critical violations:\n${report()}`);
  await context.close();
});
