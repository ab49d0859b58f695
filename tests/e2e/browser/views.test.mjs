// The insight views in Chromium over `waymark serve`: friction heat, a
// touchpoint's explanation checked against `waymark score --json`, the
// pain-point board with its CSV download, and the scoring settings re-scoring
// live and undoable. (Named to run after 00-library.test.mjs, which expects the
// library to start empty.) scripts/test-browser sets WAYMARK_URL, WAYMARK_CLI
// and WAYMARK_DB.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(here, "..", "artifacts");
const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Insights in Chromium";
const CALL = "Calls the lost and stolen card line";

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run scripts/test-browser`);
  return v;
}

const cli = (...args) => execFileSync(CLI, ["--db", DB, ...args], { encoding: "utf8" });
const close = (a, b, what) =>
  assert.ok(Math.abs(Number(a) - Number(b)) < 1e-9, `${what}: ${a} in the page, ${b} from the CLI`);

let browser;
let work;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), "waymark-views-"));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
});

test("overlays, explanation, board and settings work in Chromium", { timeout: 180_000 }, async () => {
  // The map and its answers exist before the server first opens it.
  const id = cli("new", "--title", TITLE, "--template", "bank-lost-card").trim();
  const csv = path.join(work, "answers.csv");
  writeFileSync(
    csv,
    [
      "touchpoint,respondent,date,metric,scale,value,comment",
      `${CALL},r1,2026-03-01,ces,ces7,2,"On hold for 40 minutes, then transferred twice"`,
      `${CALL},r1,2026-03-01,csat,,2,`,
      `${CALL},r2,2026-03-02,csat,,5,"Great agent, sorted in minutes"`,
    ].join("\n") + "\n",
  );
  cli("responses", "import", id, csv);
  const card = JSON.parse(cli("score", id, "--json"));
  const call = card.touchpoints.find((t) => t.title === CALL);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_WITH_TOKEN);
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("svg[aria-label='Journey map canvas']").waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => Number(document.querySelector(".headline")?.dataset.generation) > 0);
  assert.equal(await page.locator("dd[data-figure=pain-points]").textContent(), String(card.journey.pain_points));

  // Friction heat from the toolbar, then the keyboard cycles the overlays.
  await page.locator("button[data-overlay=friction]").click();
  const callCard = page.locator(`g.card[data-title="${CALL}"]`);
  await page.waitForFunction((t) => document.querySelector(`g.card[data-title="${t}"]`)?.dataset.fill, CALL);
  assert.equal(
    await callCard.locator(".overlay-badge").getAttribute("data-badge"),
    String(Math.round(call.friction)),
  );
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-60-friction-heat.png") });
  await page.keyboard.press("h");
  assert.equal(await page.locator("button[data-overlay=emotion]").getAttribute("aria-checked"), "true");
  await page.keyboard.press("Shift+H");
  assert.equal(await page.locator("button[data-overlay=friction]").getAttribute("aria-checked"), "true");

  // The explanation: the same numbers as the CLI.
  const box = await callCard.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const explainTab = page.locator("[role=tab][data-tab=explain]");
  assert.equal(await explainTab.getAttribute("aria-selected"), "false");
  const idleLook = await explainTab.evaluate((el) => getComputedStyle(el).borderBottomColor);
  await page.keyboard.press("e");
  const panel = page.locator(`.explain[data-touchpoint="${call.id}"]`);
  await panel.locator("section[data-score=friction]").waitFor({ timeout: 10_000 });
  // E is a visible tab state: the Explain tab is selected and looks pressed.
  assert.equal(await explainTab.getAttribute("aria-selected"), "true");
  assert.equal(await page.locator("[role=tab][data-tab=edit]").getAttribute("aria-selected"), "false");
  assert.notEqual(
    await explainTab.evaluate((el) => getComputedStyle(el).borderBottomColor),
    idleLook,
    "the selected tab is underlined",
  );
  // Priority as Rust computed it (0–100, top = 100), the impact beside it.
  assert.equal(await panel.locator("[data-priority]").textContent(), `priority ${call.priority} of 100`);
  close(await panel.locator("[data-impact]").getAttribute("data-impact"), call.impact, "impact");
  for (const kind of ["friction", "emotion"]) {
    const section = panel.locator(`section[data-score=${kind}]`);
    close(await section.getAttribute("data-value"), call[kind], `${kind}`);
    let sum = 0;
    for (const f of call.factors.filter((x) => x.score === kind)) {
      const row = section.locator(`tr[data-factor=${f.factor}]`);
      close(await row.getAttribute("data-points"), f.points, f.factor);
      // Each row checks by eye: normalised × share = points.
      const normalized = Number(await row.locator("[data-normalized]").getAttribute("data-normalized"));
      const share = Number(await row.locator("[data-share]").getAttribute("data-share"));
      close(normalized * share, f.points, `${f.factor} normalised × share`);
      sum += normalized * share;
    }
    close(sum, call[kind], `${kind}: the rows add up to the score`);
  }
  // The raw column wraps between words, never inside one: each word's
  // characters lie on one line (a word broken across lines has two boxes).
  const broken = await panel.locator("tbody td:nth-child(2)").evaluateAll((cells) =>
    cells.flatMap((td) => {
      const node = td.firstChild;
      if (!node || node.nodeType !== Node.TEXT_NODE) return [];
      return [...node.textContent.matchAll(/\S+/g)]
        .filter((m) => {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          return range.getClientRects().length > 1;
        })
        .map((m) => `${m[0]} in "${node.textContent}"`);
    }),
  );
  assert.ok((await panel.locator("tbody td:nth-child(2)").count()) >= 3, "raw values are shown");
  assert.deepEqual(broken, [], "no raw value is broken inside a word");
  // The factors not measured are named, with who took their weight.
  if (call.missing.some((m) => m.score === "friction")) {
    assert.match(await panel.locator("[data-missing=friction]").textContent(), /Not measured: .*in proportion/);
  }
  // A browser holds the map's statistics, not the raw answers: it shows their quotes.
  assert.match(await panel.locator("h3", { hasText: "Survey answers" }).textContent(), /\(3\)/);
  assert.ok((await panel.locator("ul.quotes > li").count()) >= 1, "the answers' comments are quoted");
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-61-explanation.png") });

  // The board: the board `waymark board` prints, row for row; the CSV downloads.
  const ranked = JSON.parse(cli("board", id, "--json"));
  await page.keyboard.press("e");
  assert.equal(await explainTab.getAttribute("aria-selected"), "false", "E again goes back to Edit");
  await page.keyboard.press("Escape");
  await page.keyboard.press("b");
  const board = page.getByRole("dialog", { name: "Pain-point board" });
  await board.waitFor();
  await board.locator("[data-loaded=true]").waitFor();
  assert.deepEqual(
    await board.locator("tbody tr[data-item]").evaluateAll((rows) => rows.map((r) => r.dataset.item)),
    ranked.items.map((i) => i.key),
  );
  const top = ranked.items.find((i) => i.kind === "pain_point" && i.touchpoint);
  await board.locator("select[name=kind]").selectOption("pain_point");
  const shown = Number(await board.locator("[data-count]").getAttribute("data-count"));
  assert.equal(shown, ranked.items.filter((i) => i.kind === "pain_point").length, "one row per pain point");
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-62-board.png") });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    board.locator("button", { hasText: "Export CSV" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /pain-points\.csv$/);
  const file = path.join(work, "board.csv");
  await download.saveAs(file);
  const lines = readFileSync(file, "utf8").trim().split(/\r\n/);
  assert.equal(lines.length, shown + 1);
  assert.ok(lines.slice(1).every((l) => l.split(",")[1] === "pain point"));
  await board.locator(`tbody tr[data-touchpoint="${top.touchpoint}"] button.link`).first().click();
  await page.locator(`g.card.selected[data-touchpoint-id="${top.touchpoint}"]`).waitFor();

  // Scoring settings: live, saved to the library, undoable.
  await page.locator("button", { hasText: "Scoring" }).click();
  const dialog = page.getByRole("dialog", { name: "Scoring settings" });
  const threshold = dialog.locator("input[name='thresholds.pain_emotion']");
  await threshold.fill("-90");
  await threshold.press("Tab");
  // New scores come only after the change is persisted, so the CLI sees it then.
  await page.waitForFunction(
    (n) => document.querySelector("dd[data-figure=pain-points]")?.textContent !== String(n),
    card.journey.pain_points,
  );
  const strict = JSON.parse(cli("score", id, "--json")).journey.pain_points;
  assert.ok(strict < card.journey.pain_points, "a stricter threshold leaves fewer pain points");
  assert.equal(await page.locator("dd[data-figure=pain-points]").textContent(), String(strict));
  await dialog.locator("button", { hasText: "Done" }).click();
  await page.locator("button[aria-label=Undo]").click();
  await page.waitForFunction(
    (n) => document.querySelector("dd[data-figure=pain-points]")?.textContent === String(n),
    card.journey.pain_points,
  );
  await page.locator("[data-save=saved]").waitFor();
  assert.equal(JSON.parse(cli("score", id, "--json")).journey.pain_points, card.journey.pain_points);

  assert.deepEqual(errors, []);
  await context.close();
});
