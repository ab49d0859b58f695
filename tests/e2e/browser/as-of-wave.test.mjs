// The wave picker in Chromium over `waymark serve` (issue 17): two waves
// imported with the CLI (the call's NPS −80 in Q1, +80 in Q2), the headline
// reads the latest wave by default, follows the toolbar's "As of" picker to
// Q1 and to every wave pooled, the board is the one `waymark board --wave`
// ranks for the chosen wave, a stage's Themes tab follows too, and axe finds
// no serious or critical violation.

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
const TITLE = "As of a wave in Chromium";
const CALL = "Calls the lost and stolen card line";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const cli = (...args) =>
  execFileSync(CLI, ["--db", DB, ...args], { encoding: "utf8" });

let browser;
let work;
before(async () => {
  work = mkdtempSync(path.join(tmpdir(), "waymark-as-of-"));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** 50 answers about the call: 40 of `value` and 10 passives, with `comment`. */
function wave(name, value, date, comment) {
  const rows = ["touchpoint,respondent,date,metric,scale,value,comment"];
  for (let i = 0; i < 50; i++) {
    rows.push(
      `${CALL},${name}-${i},${date},nps,nps,${i % 5 === 0 ? 8 : value},"${comment}"`,
    );
  }
  const file = path.join(work, `${name}.csv`);
  writeFileSync(file, rows.join("\n") + "\n");
  return file;
}

test(
  "the wave picker drives the headline, the board and the themes",
  { timeout: 180_000 },
  async () => {
    const id = cli(
      "new",
      "--title",
      TITLE,
      "--template",
      "bank-lost-card",
    ).trim();
    cli(
      "responses",
      "import",
      id,
      wave("q1", 0, "2026-03-10", "On hold for an hour, awful"),
      "--wave",
      "Q1",
      "--date",
      "2026-03-31",
    );
    cli(
      "responses",
      "import",
      id,
      wave("q2", 10, "2026-06-10", "Quick and friendly help"),
      "--wave",
      "Q2",
      "--date",
      "2026-06-30",
    );
    const boardOf = (...flags) =>
      JSON.parse(cli("board", id, "--json", ...flags)).items.map((i) => i.key);
    const [latestBoard, q1Board] = [boardOf(), boardOf("--wave", "Q1")];
    assert.notDeepEqual(
      latestBoard,
      q1Board,
      "the waves rank the board differently",
    );

    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(URL_WITH_TOKEN);
    await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
    await page
      .locator("svg[aria-label='Journey map canvas']")
      .waitFor({ timeout: 20_000 });

    // Latest by default: Q2's +80, not the pooled 0.
    const picker = page.getByLabel("As of");
    await picker.waitFor({ timeout: 10_000 });
    assert.equal(await picker.inputValue(), "latest");
    assert.deepEqual(await picker.locator("option").allTextContents(), [
      "Q2 (latest)",
      "Q1",
      "All waves",
    ]);
    const headline = page.locator(".headline");
    const nps = headline.locator("[data-figure=nps]");
    await page
      .locator(".headline[data-as-of='Q2']")
      .waitFor({ timeout: 10_000 });
    assert.equal(await nps.textContent(), "+80");

    // The picker is a labelled native select: the keyboard reaches and moves it.
    await picker.focus();
    await picker.selectOption("wave:Q1");
    await page
      .locator(".headline[data-as-of='Q1']")
      .waitFor({ timeout: 10_000 });
    assert.equal(await nps.textContent(), "−80");

    // The board ranks what `waymark board --wave Q1` ranks.
    // Away from the picker (a letter there picks an option), B opens the board.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press("b");
    const board = page.getByRole("dialog", { name: "Pain-point board" });
    await board.locator("[data-as-of='Q1']").waitFor({ timeout: 10_000 });
    await board.locator("[data-loaded=true]").waitFor();
    const rows = () =>
      board
        .locator("tbody tr[data-item]")
        .evaluateAll((r) => r.map((x) => x.dataset.item));
    assert.deepEqual(await rows(), q1Board);
    await page.screenshot({
      path: path.join(ARTIFACTS, "browser-85-as-of-board.png"),
    });
    await board.locator("button:has-text('Close')").click();

    // Back to the latest: the headline and the board follow.
    await picker.selectOption("latest");
    await page
      .locator(".headline[data-as-of='Q2']")
      .waitFor({ timeout: 10_000 });
    assert.equal(await nps.textContent(), "+80");
    // Away from the picker (a letter there picks an option), B opens the board.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press("b");
    await board.locator("[data-as-of='Q2']").waitFor({ timeout: 10_000 });
    assert.deepEqual(await rows(), latestBoard);
    await board.locator("button:has-text('Close')").click();

    // Every wave pooled: the old 0.
    await picker.selectOption("all");
    await page.locator(".headline[data-as-of='']").waitFor({ timeout: 10_000 });
    await page.waitForFunction(
      () =>
        document.querySelector(".headline [data-figure=nps]")?.textContent ===
        "0",
    );

    // A stage's Themes tab: the call's stage's comments as of the picker's wave.
    const stage = JSON.parse(cli("score", id, "--json")).touchpoints.find(
      (t) => t.title === CALL,
    ).stage;
    await picker.selectOption("wave:Q1");
    await page.locator(`[data-stage-id="${stage}"]`).click();
    await page.locator("[data-tab=themes]").click();
    const themes = page.locator("section.themes[data-kind=stage]");
    await themes.locator("li[data-theme]").first().waitFor({ timeout: 10_000 });
    const q1Themes = JSON.parse(
      cli("themes", id, "--json", "--stage", stage, "--wave", "Q1"),
    ).stages[0].themes;
    assert.equal(
      await themes.locator("li[data-theme]").first().getAttribute("data-theme"),
      q1Themes[0].label,
    );
    await page.screenshot({
      path: path.join(ARTIFACTS, "browser-86-as-of-stage-themes.png"),
    });

    await page.addScriptTag({ path: AXE });
    const serious = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        );
    });
    assert.deepEqual(serious, []);
    assert.deepEqual(errors, []);
    await context.close();
  },
);
