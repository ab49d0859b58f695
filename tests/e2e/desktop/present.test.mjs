// End-to-end test of the analysis views on a template map: the survey import
// wizard (a bad file shows every error with its line, a file with other
// column names is mapped and imported), the report dialog (PDF checked with
// pdftotext, choices remembered), compare against a version (added and
// changed touchpoints highlighted, stage deltas), a future-state copy,
// presentation mode driven by keys, and the canvas as SVG and PNG.
//
// The native file dialogs cannot be driven through WebDriver; the wizard and
// the dialogs also take a typed path, which goes through the same commands
// (read_text_file, export_report, save_binary_file) the dialogs feed.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import {
  cli,
  createMap,
  menu,
  openMap,
  screenshot,
  useDriver,
  waitSaved,
  withApp,
  workDir,
} from "./harness.mjs";

const TITLE = "Insight journey";

useDriver("tauri-driver-present.log");

/** Type `value` into the field `name` of `scope`, replacing what it holds. */
async function typeInto(browser, scope, name, value) {
  const input = await scope.$(`[name='${name}']`);
  await input.waitForDisplayed({ timeout: 5_000 });
  await input.click();
  await browser.keys(["Control", "a"]);
  await browser.keys("Delete");
  await input.addValue(value);
}

test("survey wizard, report, compare, future state, presentation and canvas export", { timeout: 420_000 }, async () => {
  await withApp("present", async (browser) => {
    await createMap(browser, TITLE, 1);
    const id = JSON.parse(cli("list", "--json")).find((m) => m.title === TITLE).id;
    const map = JSON.parse(cli("show", id, "--json")).map;
    assert.ok(map.touchpoints.length > 20, "a template map");
    // The as-is state, saved before anything changes.
    cli("version", id, "--label", "as-is");
    await openMap(browser, TITLE);

    // ---- survey import wizard -------------------------------------------------
    const stage0 = map.stages[0];
    const inStage0 = map.touchpoints.filter((t) => t.stage === stage0.id).slice(0, 2);
    const rows = [];
    inStage0.forEach((t, i) => {
      for (let r = 0; r < 3; r++) rows.push(`${t.id},r${i}-${r},2026-03-0${r + 1},CES,ces7,1,"on hold for ages"`);
    });
    const good = path.join(workDir, "survey.csv");
    writeFileSync(good, ["Step,Customer,Submitted,KPI,Scale,Score,Verbatim", ...rows].join("\n") + "\n");
    const bad = path.join(workDir, "bad.csv");
    writeFileSync(
      bad,
      [
        "Step,Customer,Submitted,KPI,Scale,Score,Verbatim",
        rows[0],
        "Nowhere,r9,2026-03-01,csat,csat,4,",
        `${inStage0[0].id},r8,2026-02-30,csat,csat,9,`,
      ].join("\n") + "\n",
    );

    await menu(browser, "file.import_survey");
    const wizard = await browser.$("[role=dialog][aria-label='Import survey answers']");
    await wizard.waitForDisplayed({ timeout: 5_000 });
    await typeInto(browser, wizard, "survey-path", bad);
    await wizard.$("button=Load").click();
    const errors = await wizard.$("[data-testid=survey-errors]");
    await errors.waitForDisplayed({ timeout: 10_000 });
    const lines = await browser.execute(() =>
      [...document.querySelectorAll("[data-testid=survey-errors] li")].map((li) => Number(li.dataset.line)),
    );
    assert.deepEqual(lines, [3, 4, 4], "every problem with its line");
    assert.equal(await wizard.$("button*=Import").isEnabled(), false, "nothing imported while there are errors");
    await screenshot(browser, "60-survey-errors.png");

    await typeInto(browser, wizard, "survey-path", good);
    await wizard.$("button=Load").click();
    await wizard.$("[data-testid=survey-ready]").waitForDisplayed({ timeout: 10_000 });
    assert.equal(await wizard.$("select[name=map-touchpoint]").getValue(), "Step");
    assert.equal(await wizard.$("select[name=map-comment]").getValue(), "Verbatim");
    assert.match(await wizard.$("[data-testid=survey-ready]").getText(), /6 answers ready: 6 new/);
    await screenshot(browser, "61-survey-preview.png");
    await wizard.$("button=Import 6 answers").click();
    await wizard.$("[data-testid=survey-done]").waitForDisplayed({ timeout: 15_000 });
    await wizard.$("button=Close").click();
    await wizard.waitForDisplayed({ reverse: true, timeout: 5_000 });
    await waitSaved(browser);
    const scored = JSON.parse(cli("score", id, "--json"));
    assert.equal(scored.journey.responses, 6, "the answers are in the library");

    // A touchpoint added after the version.
    await browser.$("button=+ Touchpoint").click();
    const inline = await browser.$("input.inline-title");
    await inline.waitForDisplayed({ timeout: 5_000 });
    await inline.addValue("New in to-be");
    await browser.keys("Enter");
    await browser.$("g.card[data-title='New in to-be']").waitForExist({ timeout: 5_000 });
    await browser.keys("Escape");
    await waitSaved(browser);

    // ---- report dialog -----------------------------------------------------------
    const pdf = path.join(workDir, "report.pdf");
    await menu(browser, "file.export_report");
    let report = await browser.$("[role=dialog][aria-label='Export report']");
    await report.waitForDisplayed({ timeout: 5_000 });
    await report.$("select[name=report-page-size]").selectByAttribute("value", "letter");
    await typeInto(browser, report, "report-company", "Acme Bank");
    await typeInto(browser, report, "report-version", "Workshop 2");
    await report.$("input[name=section-appendix]").click();
    await typeInto(browser, report, "report-path", pdf);
    await report.$("button=Export PDF").click();
    await report.$("[data-written]").waitForExist({ timeout: 60_000 });
    assert.equal(await report.$("[data-written]").getAttribute("data-written"), pdf);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    assert.match(text, /Acme Bank/);
    assert.match(text, /Workshop 2/);
    assert.match(text, /Executive summary/);
    assert.doesNotMatch(text, /Appendix/, "the unticked section is left out");
    const size = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    assert.match(size, /Page size:\s+(612|792) x (792|612) pts/, "US Letter");
    await screenshot(browser, "62-report-done.png");
    await report.$("button=Close").click();
    await report.waitForDisplayed({ reverse: true, timeout: 5_000 });
    await menu(browser, "file.export_report");
    report = await browser.$("[role=dialog][aria-label='Export report']");
    await report.waitForDisplayed({ timeout: 5_000 });
    assert.equal(await report.$("[name=report-company]").getValue(), "Acme Bank", "choices remembered");
    assert.equal(await report.$("input[name=section-appendix]").isSelected(), false);
    await report.$("button=Close").click();

    // ---- compare with the as-is version ------------------------------------------
    await menu(browser, "view.compare");
    const compare = await browser.$("[role=dialog][aria-label=Compare]");
    await compare.waitForDisplayed({ timeout: 5_000 });
    await compare.$("[data-testid=compare-summary]").waitForDisplayed({ timeout: 10_000 });
    assert.equal(await compare.$("[data-count=added]").getText(), "1 added");
    assert.equal(await compare.$("[data-count=changed]").getText(), "2 changed");
    const added = await compare.$("article[data-status=added]");
    assert.match(await added.getText(), /New in to-be/);
    const changed = await compare.$$("article[data-status=changed]");
    assert.equal(changed.length, 2);
    assert.match(await changed[0].getText(), /survey answers/);
    const delta = await compare.$(`section.column[data-stage='${stage0.id}'] [data-delta=friction]`);
    const cliCmp = JSON.parse(cli("compare", `${id}@as-is`, id, "--json"));
    const sd = cliCmp.stages.find((s) => s.id === stage0.id);
    assert.ok(Math.abs(sd.friction.change) >= 1, "the answers moved the stage's friction");
    const shown = (await delta.getText()).replace("−", "-");
    assert.equal(Number(shown), Math.round(sd.friction.change), "the stage delta is the library's");
    await screenshot(browser, "63-compare.png");
    await compare.$("button=Close").click();
    await compare.waitForDisplayed({ reverse: true, timeout: 5_000 });

    // ---- future state --------------------------------------------------------------
    await menu(browser, "file.future_state");
    await compare.waitForDisplayed({ timeout: 10_000 });
    await compare.$("[data-testid=compare-summary]").waitForDisplayed({ timeout: 10_000 });
    assert.equal(await compare.$("[data-count=changed]").getText(), "0 changed");
    assert.match(cli("list"), /Insight journey \(to-be\)/);
    await compare.$("button=Close").click();
    await browser.$("button=OK").click();

    // ---- presentation mode -------------------------------------------------------
    await menu(browser, "view.present");
    const deck = await browser.$("[aria-label=Presentation]");
    await deck.waitForDisplayed({ timeout: 5_000 });
    assert.equal(await deck.getAttribute("data-slide"), "0");
    await browser.$("header.toolbar").waitForDisplayed({ reverse: true, timeout: 1 }).catch(() => {});
    await screenshot(browser, "64-present-overview.png");
    await browser.keys("ArrowRight");
    await browser.waitUntil(async () => (await deck.getAttribute("data-slide")) === "1", { timeout: 3_000 });
    const live = JSON.parse(cli("score", id, "--json"));
    const s0 = live.stages.find((s) => s.id === stage0.id);
    assert.equal(
      (await deck.$("[data-testid=stage-friction]").getText()).replace("−", "-"),
      String(Math.round(s0.friction)),
    );
    assert.match(await deck.$("h1").getText(), new RegExp(stage0.name));
    await screenshot(browser, "65-present-stage.png");
    await browser.keys("PageDown");
    await browser.waitUntil(async () => (await deck.getAttribute("data-slide")) === "2", { timeout: 3_000 });
    await browser.keys(" ");
    await browser.waitUntil(async () => (await deck.getAttribute("data-slide")) === "3", { timeout: 3_000 });
    await browser.keys("PageUp");
    await browser.waitUntil(async () => (await deck.getAttribute("data-slide")) === "2", { timeout: 3_000 });
    await browser.keys("Home");
    await browser.waitUntil(async () => (await deck.getAttribute("data-slide")) === "0", { timeout: 3_000 });
    await browser.keys("Escape");
    await deck.waitForDisplayed({ reverse: true, timeout: 5_000 });
    assert.equal(
      await browser.$("g.card[data-title='New in to-be']").isExisting(),
      true,
      "keys while presenting did not edit the map",
    );

    // ---- canvas as SVG and PNG -----------------------------------------------------
    for (const format of ["svg", "png"]) {
      const out = path.join(workDir, `canvas.${format}`);
      await menu(browser, `file.export_${format}`);
      const dialog = await browser.$("[role=dialog][aria-label='Export canvas']");
      await dialog.waitForDisplayed({ timeout: 5_000 });
      await typeInto(browser, dialog, "canvas-path", out);
      await dialog.$("button=Export").click();
      await dialog.$("[data-written]").waitForExist({ timeout: 20_000 });
      const bytes = readFileSync(out);
      if (format === "svg") {
        const svg = bytes.toString("utf8");
        assert.match(svg, /^<\?xml/);
        assert.match(svg, /New in to-be/);
        assert.match(svg, /style="fill:/, "styles are inlined");
      } else {
        assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], "a PNG");
        assert.ok(bytes.length > 10_000, `a real picture, ${bytes.length} bytes`);
      }
      await dialog.$("button=Close").click();
      await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });
    }
  });
});
