// End-to-end test of the insight views: survey answers imported into a
// template map (through the CLI, before the app starts), the friction heat
// overlay, a touchpoint's explanation checked number for number against
// `waymark score --json`, the headline and stage row, the pain-point board
// (filter, CSV export, jump to the card) and the scoring settings (live and
// undoable). Then the live re-scoring lag on a 600-touchpoint map.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import {
  ARTIFACTS,
  cli,
  clickAt,
  openMap,
  screenshot,
  useDriver,
  waitSaved,
  withApp,
  workDir,
} from "./harness.mjs";

const TITLE = "Insights journey";
const CALL = "Calls the lost and stolen card line";

useDriver("tauri-driver-insights.log");

function scoreJson(id) {
  return JSON.parse(cli("score", id, "--json"));
}

const close = (a, b, what) =>
  assert.ok(
    Math.abs(Number(a) - Number(b)) < 1e-9,
    `${what}: ${a} in the app, ${b} from the CLI`,
  );

/** Waits for a scorecard newer than `after` to reach the page. */
async function waitScores(browser, after = 0) {
  await browser.waitUntil(
    async () =>
      Number(await browser.$(".headline").getAttribute("data-generation")) >
      after,
    { timeout: 15_000, timeoutMsg: "fresh scores arrived" },
  );
  return Number(await browser.$(".headline").getAttribute("data-generation"));
}

async function cardOf(browser, title) {
  const card = await browser.$(`g.card[data-title="${title}"]`);
  await card.waitForExist({ timeout: 10_000 });
  return card;
}

test(
  "survey answers, friction heat, explanation, board and settings",
  { timeout: 300_000 },
  async () => {
    const id = cli(
      "new",
      "--title",
      TITLE,
      "--template",
      "bank-lost-card",
    ).trim();
    const csv = [
      "touchpoint,respondent,date,metric,scale,value,comment",
      `${CALL},r1,2026-03-01,ces,ces7,2,"I was on hold for 40 minutes and then transferred twice"`,
      `${CALL},r1,2026-03-01,csat,,2,`,
      `${CALL},r2,2026-03-02,ces,ces7,6,"Quick and friendly, great agent"`,
      `${CALL},r2,2026-03-02,csat,,5,`,
      `${CALL},r3,2026-03-03,csat,,1,"Terrible. Nobody called back"`,
      `${CALL},r3,2026-03-03,nps,,2,`,
      `Freezes the card in the app,r1,2026-03-01,nps,,9,"Easy, it just worked"`,
    ].join("\n");
    const file = path.join(workDir, "answers.csv");
    writeFileSync(file, csv + "\n");
    assert.match(cli("responses", "import", id, file), /7/);
    const card = scoreJson(id);
    const call = card.touchpoints.find((t) => t.title === CALL);
    assert.ok(call && call.responses === 6, "the answers landed");

    await withApp("insights", async (browser) => {
      await openMap(browser, TITLE);
      let gen = await waitScores(browser);

      // Headline strip and stage row show the CLI's journey and stage figures.
      const figure = (name) => browser.$(`dd[data-figure=${name}]`).getText();
      assert.equal(
        await figure("pain-points"),
        String(card.journey.pain_points),
      );
        assert.equal(await figure("csat"), `${Math.round(card.journey.csat)}%`);
      for (const s of card.stages) {
        const row = await browser.$(`g[data-stage-summary="${s.id}"]`);
        close(
          await row.getAttribute("data-friction"),
          s.friction,
          `stage ${s.name} friction`,
        );
        close(
          await row.getAttribute("data-emotion"),
          s.emotion,
          `stage ${s.name} emotion`,
        );
      }

      // Friction heat: every card is painted, the call card with its friction.
      await clickAt(browser, "button[data-overlay=friction]");
      const callCard = await cardOf(browser, CALL);
      await browser.waitUntil(
        async () => (await callCard.getAttribute("data-fill")) !== "",
        {
          timeout: 5_000,
          timeoutMsg: "cards are painted",
        },
      );
      assert.equal(
        await callCard.$(".overlay-badge").getAttribute("data-badge"),
        String(Math.round(call.friction)),
      );
      const fills = new Set();
      for (const c of await browser.$$("g.card"))
        fills.add(await c.getAttribute("data-fill"));
      assert.ok(fills.size > 4, `a range of colours (${[...fills].join(" ")})`);
      assert.ok(
        await browser.$("[data-legend=friction]").isDisplayed(),
        "the legend shows",
      );
      await screenshot(browser, "60-friction-heat.png");

      // Keyboard: H to emotion, then priority (rank badges), Shift+H back.
      await browser.keys("h");
      assert.equal(
        await browser
          .$("button[data-overlay=emotion]")
          .getAttribute("aria-checked"),
        "true",
      );
      await screenshot(browser, "61-emotion-overlay.png");
      await browser.keys("h");
      assert.equal(
        await browser
          .$("button[data-overlay=priority]")
          .getAttribute("aria-checked"),
        "true",
      );
      const top = card.touchpoints[0];
      assert.equal(
        await (
          await cardOf(browser, top.title)
        )
          .$(".overlay-badge")
          .getAttribute("data-badge"),
        "#1",
      );
      await screenshot(browser, "62-priority-overlay.png");
      await browser.keys(["Shift", "h"]);
      await browser.keys("Shift");
      assert.equal(
        await browser
          .$("button[data-overlay=emotion]")
          .getAttribute("aria-checked"),
        "true",
      );
      await clickAt(browser, "button[data-overlay=friction]");

      // Explanation of the call card against `waymark score --json`.
      await clickAt(browser, `g.card[data-title="${CALL}"]`);
      await browser.$("button[data-tab=explain]").click();
      const panel = await browser.$(
        `.explain[data-touchpoint="${call.id}"]`,
      );
      await panel
        .$("section[data-score=friction]")
        .waitForExist({ timeout: 10_000 });
      for (const kind of ["friction", "emotion"]) {
        const section = await panel.$(`section[data-score=${kind}]`);
        close(
          await section.getAttribute("data-value"),
          call[kind],
          `${kind} score`,
        );
        const factors = call.factors.filter((f) => f.score === kind);
        const rows = await section.$$("tbody tr");
        assert.equal(rows.length, factors.length, `${kind} factor count`);
        for (const f of factors) {
          const row = await section.$(`tr[data-factor=${f.factor}]`);
          close(
            await row.getAttribute("data-points"),
            f.points,
            `${kind} ${f.factor} points`,
          );
          // Factor, raw, normalised, "weight → share", points.
          const cells = await row.$$("td");
          assert.equal(
            (await cells[3].getText()).split(" → ")[0],
            String(Number(f.weight.toFixed(2))),
            `${f.factor} weight`,
          );
        }
        close(
          await section.$("[data-sum]").getAttribute("data-sum"),
          call[kind],
          `${kind} points add up`,
        );
      }
      close(
        await panel.$("[data-coverage]").getAttribute("data-coverage"),
        call.coverage,
        "coverage",
      );
      assert.equal(
        (await panel.$$("ul.answers > li")).length,
        6,
        "every answer is listed",
      );
      const toneOf = (text) =>
      panel.$(`//ul[contains(@class,"answers")]/li[contains(., "${text}")]//span[contains(@class,"tone")]`);
    assert.match(await (await toneOf("Terrible")).getAttribute("class"), /negative/);
    assert.match(await (await toneOf("great agent")).getAttribute("class"), /positive/);
    for (const cue of call.effort_cues) {
        assert.ok(
          await panel.$(`li[data-cue="${cue.cue}"]`).isExisting(),
          `cue ${cue.cue}`,
        );
      }
      assert.ok(call.effort_cues.length > 0, "the comments had effort cues");
      await screenshot(browser, "63-explanation.png");

      // The board: ranked as the CLI ranks, filterable, exported, and a click
      // jumps to the card.
      await browser.keys("Escape");
      await browser.keys("b");
      const board = await browser.$(
        "[role=dialog][aria-label='Pain-point board']",
      );
      await board.waitForDisplayed({ timeout: 5_000 });
      await board.$("[data-loaded=true]").waitForExist({ timeout: 10_000 });
      const ranked = JSON.parse(cli("board", id, "--json"));
      const firstPain = await board.$("tbody tr[data-item^='pain_point:']");
      assert.equal(
        await firstPain.getAttribute("data-item"),
        ranked.items.find((i) => i.kind === "pain_point").key,
        "top pain point, as `waymark board` ranks it",
      );
      await screenshot(browser, "64-board.png");
      const total = Number(
        await board.$("[data-count]").getAttribute("data-count"),
      );
      await board.$("select[name=owner]").selectByVisibleText("Contact centre");
      await browser.waitUntil(
        async () =>
          Number(await board.$("[data-count]").getAttribute("data-count")) <
          total,
        { timeout: 5_000, timeoutMsg: "the owner filter narrows the list" },
      );
      const shown = Number(
        await board.$("[data-count]").getAttribute("data-count"),
      );
      const out = path.join(workDir, "board.csv");
      const pathInput = await board.$("input[name=board-path]");
      await pathInput.clearValue();
      await pathInput.setValue(out);
      await board.$("button=Export CSV").click();
      await board.$("[data-written]").waitForExist({ timeout: 10_000 });
      const lines = readFileSync(out, "utf8").trim().split(/\r\n/);
      assert.match(lines[0], /^rank,kind,title,stage,owner,channel/);
      assert.equal(lines.length, shown + 1, "one row per item shown");
      assert.ok(
        lines.slice(1).every((l) => l.includes("Contact centre")),
        "only the filtered owner",
      );
      await board.$(`tbody tr[data-touchpoint="${call.id}"] button.link`).click();
      await board.waitForDisplayed({ reverse: true, timeout: 5_000 });
      await browser
        .$(`g.card.selected[data-touchpoint-id="${call.id}"]`)
        .waitForExist({ timeout: 5_000 });

      // Scoring settings: a stricter pain threshold (emotion ≤ −90) re-scores live; undo
      // brings the old count back; both as the CLI sees the saved map.
      gen = Number(
        await browser.$(".headline").getAttribute("data-generation"),
      );
      await clickAt(browser, "button[title='Scoring weights and thresholds']");
      const dialog = await browser.$(
        "[role=dialog][aria-label='Scoring settings']",
      );
      await dialog.waitForDisplayed({ timeout: 5_000 });
      const bad = await dialog.$("input[name='thresholds.pain_friction']");
      await bad.clearValue();
      await bad.setValue("140");
      await browser.keys("Tab");
      await dialog.$("[aria-invalid=true]").waitForExist({ timeout: 5_000 });
      assert.match(await dialog.$(".error").getText(), /must be a number from 0 to 100/);
      await screenshot(browser, "65-settings-invalid.png");
      await bad.clearValue();
      await bad.setValue("60");
      await browser.keys("Tab");
      await dialog
        .$("[aria-invalid=true]")
        .waitForExist({ reverse: true, timeout: 5_000 });
      const emotion = await dialog.$("input[name='thresholds.pain_emotion']");
      await emotion.clearValue();
      await emotion.setValue("-90");
      await browser.keys("Tab");
      gen = await waitScores(browser, gen);
      await waitSaved(browser);
      const strict = scoreJson(id);
      assert.ok(
        strict.journey.pain_points < card.journey.pain_points,
        "fewer pain points at emotion ≤ −90",
      );
      await browser.waitUntil(
        async () =>
          (await figure("pain-points")) === String(strict.journey.pain_points),
        {
          timeout: 10_000,
          timeoutMsg: "the headline follows the new threshold",
        },
      );
      await dialog.$("button=Done").click();
      await browser.$("button[aria-label=Undo]").click();
      await waitScores(browser, gen);
      await waitSaved(browser);
      await browser.waitUntil(
        async () =>
          (await figure("pain-points")) === String(card.journey.pain_points),
        {
          timeout: 10_000,
          timeoutMsg: "undo restores the threshold",
        },
      );
      assert.equal(scoreJson(id).journey.pain_points, card.journey.pain_points);
    });
  },
);

/** A map shaped like `synth::journey(Size::LARGE, _)`: 12 stages, 10 lanes,
 * 600 touchpoints with operational inputs, 2,000 notes and 3,000 answers. */
function largeMap() {
  const uuid = (kind, i) =>
    `00000000-0000-4000-8000-${String(kind).padStart(4, "0")}${String(i).padStart(8, "0")}`;
  const letter = (i) => String.fromCharCode(65 + i);
  const kinds = [
    "customer_actions",
    "touchpoints",
    "channels",
    "thoughts",
    "emotions",
    "pain_points",
    "opportunities",
    "frontstage",
    "backstage",
    "support_processes",
  ];
  const comments = [
    "on hold for ages",
    "quick and easy",
    "transferred twice, awful",
    "fine",
    "had to call back again",
  ];
  return {
    format: "waymark",
    version: 1,
    map: {
      title: "Large scored map",
      stages: Array.from({ length: 12 }, (_, i) => ({
        id: uuid(1, i),
        order: letter(i),
        name: `Stage ${i + 1}`,
      })),
      lanes: kinds.map((kind, i) => ({
        id: uuid(2, i),
        order: letter(i),
        name: `Lane ${i + 1}`,
        kind,
      })),
      touchpoints: Array.from({ length: 600 }, (_, i) => ({
        id: uuid(3, i),
        stage: uuid(1, i % 12),
        lane: uuid(2, Math.floor(i / 12) % 10),
        order: letter(Math.floor(i / 120)),
        title: `Touchpoint ${i + 1}`,
        channel: ["web", "phone", "app"][i % 3],
        owner: ["Digital", "Contact centre", "Operations"][i % 3],
        nature: i % 2 ? "service" : "experience",
        inputs: {
          emotion: (i % 5) - 2,
          friction: i % 5,
          transfers: i % 4,
          wait_minutes: (i * 7) % 90,
          fcr_rate: 0.5 + (i % 5) / 10,
          error_rate: (i % 10) / 100,
          reach: 100 + (i % 17) * 10,
        },
      })),
      annotations: Array.from({ length: 2000 }, (_, i) => ({
        id: uuid(4, i),
        kind: ["pain_point", "idea", "question", "evidence"][i % 4],
        text: `Note ${i + 1}`,
        author: "e2e",
        created_at: "2026-01-01T00:00:00Z",
        target: { kind: "touchpoint", id: uuid(3, i % 600) },
        votes: i % 3 ? { ana: i % 3 } : {},
      })),
      responses: Array.from({ length: 3000 }, (_, i) => ({
        touchpoint: uuid(3, i % 600),
        respondent: `r${Math.floor(i / 600)}`,
        date: "2026-02-01",
        scale: "csat",
        value: 1 + (i % 5),
        comment: comments[i % comments.length],
      })),
    },
  };
}

test(
  "live re-scoring of a 600-touchpoint map: edit to new colours",
  { timeout: 300_000 },
  async () => {
    const file = path.join(workDir, "large-scored.waymark");
    writeFileSync(file, JSON.stringify(largeMap()));
    cli("import", file);
    await withApp("insights-large", async (browser) => {
      await openMap(browser, "Large scored map");
      const gen = await waitScores(browser);
      await clickAt(browser, "button[data-overlay=friction]");
      await cardOf(browser, "Touchpoint 1");
      await clickAt(browser, 'g.card[data-title="Touchpoint 1"]');
      const input = await browser.$("input[name=input-transfers]");
      await input.waitForDisplayed({ timeout: 5_000 });
      // Each round: set Transfers through the inspector field and time, in the
      // page, from the change event to the card's new colour.
      const rounds = [];
      for (const value of [4, 0, 3, 1, 4, 0, 2]) {
        const ms = await browser.executeAsync((v, done) => {
          const field = document.querySelector("input[name=input-transfers]");
          const painted = document.querySelector(
            'g.card[data-title="Touchpoint 1"]',
          );
          const before = painted.getAttribute("data-fill");
          const t0 = performance.now();
          const seen = new MutationObserver(() => {
            if (painted.getAttribute("data-fill") !== before) {
              seen.disconnect();
              requestAnimationFrame(() => done(performance.now() - t0));
            }
          });
          seen.observe(painted, {
            attributes: true,
            attributeFilter: ["data-fill"],
          });
          field.value = String(v);
          field.dispatchEvent(new Event("input", { bubbles: true }));
          field.dispatchEvent(new Event("change", { bubbles: true }));
          setTimeout(() => done(-1), 10_000);
        }, value);
        assert.ok(
          ms >= 0,
          `the colour changed after setting transfers to ${value}`,
        );
        const fetchMs = Number(
          await browser.execute(() => document.body.dataset.scoreFetchMs),
        );
        rounds.push({ ms, fetchMs });
        await waitSaved(browser);
      }
      const sorted = (k) => rounds.map((r) => r[k]).sort((a, b) => a - b);
      const med = (k) => sorted(k)[Math.floor(rounds.length / 2)];
      const line =
        `600-touchpoint map, ${rounds.length} edits: edit to new card colour median ${med("ms").toFixed(0)} ms ` +
        `(min ${sorted("ms")[0].toFixed(0)}, max ${sorted("ms").at(-1).toFixed(0)}); ` +
        `score_map round trip median ${med("fetchMs").toFixed(0)} ms`;
      console.log(line);
      writeFileSync(path.join(ARTIFACTS, "live-scores.txt"), line + "\n");
      assert.ok(gen > 0);
      await screenshot(browser, "66-large-friction-heat.png");
    });
  },
);
