// End-to-end test of the map editor: open a map made from a template, edit it
// on the canvas (stage, touchpoint, drag, emotion, undo/redo, note), restart
// the app and find every change again; then open a 600-touchpoint map and
// measure how long the backend takes to hand its document over.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import {
  ARTIFACTS,
  CLI,
  centre,
  clickAt,
  createMap,
  largeMap,
  openMap,
  root,
  screenshot,
  setFieldIn,
  stageNames,
  useDriver,
  waitSaved,
  withApp,
  workDir,
} from "./harness.mjs";

const TITLE = "Editor journey";

useDriver("tauri-driver-editor.log");

/** Set an inspector field and commit it the way a person does (Tab away). */
const setField = (browser, name, value) => setFieldIn(browser, browser.$(".inspector"), name, value);

const card = (browser, title) => browser.$(`g.card[data-title='${title}']`);

test("edit a map on the canvas and find every change after a restart", { timeout: 300_000 }, async () => {
  let mapId;
  let movedTo;
  await withApp("editor", async (browser) => {
    // Create a map from the first template.
    await createMap(browser, TITLE);
    mapId = await browser.$("li.map").getAttribute("data-map-id");

    await openMap(browser, TITLE);
    const openMs = await browser.execute(() => document.body.dataset.openMs);
    console.log(`open_map (template map) IPC + decode: ${openMs} ms`);
    const stagesBefore = await stageNames(browser);
    assert.ok(stagesBefore.length >= 3, "the template's stages are columns");
    assert.ok((await browser.$$("g.card")).length >= 5, "the template's touchpoints are cards");
    assert.ok((await browser.$$("g.lane-head")).length >= 3, "lanes are rows");
    await screenshot(browser, "10-editor-opened.png");

    // Add a stage and rename it in the inspector.
    await browser.$("button=+ Stage").click();
    await setField(browser, "stage-name", "Follow-up");
    await browser.waitUntil(async () => (await stageNames(browser)).includes("Follow-up"), {
      timeout: 5_000,
      timeoutMsg: "the new stage is a column",
    });
    const newStage = await browser
      .$("//*[contains(@class,'stage-head')][.//*[text()='Follow-up']]")
      .getAttribute("data-stage-id");

    // Add a touchpoint to it with the N shortcut and type its title inline.
    await browser.keys("Escape"); // leave the inspector field
    await browser.$("button=+ Touchpoint").click(); // in the selected stage
    const inline = await browser.$("input.inline-title");
    await inline.waitForDisplayed({ timeout: 5_000 });
    // The field opens with its text selected: typing replaces it.
    await inline.addValue("Call back customer");
    await browser.keys("Enter");
    await card(browser, "Call back customer").waitForExist({ timeout: 5_000 });
    assert.equal(await card(browser, "Call back customer").getAttribute("data-stage"), newStage);

    // Fit the map in the window, then drag the new card onto a card of the
    // previous stage.
    await browser.$("button=Fit").click();
    await browser.pause(300);
    await screenshot(browser, "11-zoom-to-fit.png");
    const previous = stagesBefore.length - 1;
    const prevStageId = await (await browser.$$("g.stage-head"))[previous].getAttribute("data-stage-id");
    const lane = await card(browser, "Call back customer").getAttribute("data-lane");
    const target = await browser.$(`g.card[data-stage='${prevStageId}'][data-lane='${lane}']`);
    const from = await centre(browser, "g.card[data-title='Call back customer']");
    const to = (await target.isExisting())
      ? await centre(browser, `g.card[data-stage='${prevStageId}'][data-lane='${lane}']`, 0.25)
      : { x: (await centre(browser, `g.stage-head[data-stage-id='${prevStageId}']`)).x, y: from.y };
    const [sx, sy, tx, ty] = [from.x, from.y, to.x, to.y];
    await browser
      .action("pointer")
      .move({ x: sx, y: sy })
      .down()
      .move({ x: sx - 10, y: sy, duration: 50 })
      .move({ x: tx, y: ty, duration: 200 })
      .up()
      .perform();
    await browser.waitUntil(
      async () => (await card(browser, "Call back customer").getAttribute("data-stage")) === prevStageId,
      { timeout: 5_000, timeoutMsg: "the card moved to the previous stage by drag" },
    );
    movedTo = prevStageId;
    await waitSaved(browser);

    // Edit its emotion in the inspector (the card is selected after the drag).
    await setField(browser, "input-emotion", "-2");
    await browser.waitUntil(
      async () => (await card(browser, "Call back customer").getAttribute("data-emotion")) === "-2",
      { timeout: 5_000, timeoutMsg: "the emotion is on the card" },
    );
    const tpId = await card(browser, "Call back customer").getAttribute("data-touchpoint-id");
    assert.ok(await browser.$(`[data-emotion-point='${tpId}']`).isExisting(), "a point on the curve");
    // An out-of-range emotion is refused with a message.
    await setField(browser, "input-emotion", "5");
    assert.match(await browser.$(".inspector [role=alert]").getText(), /between -2 and 2/);
    assert.equal(await card(browser, "Call back customer").getAttribute("data-emotion"), "-2");
    await setField(browser, "input-emotion", "-2");

    // Undo (the emotion goes) and redo (it comes back).
    await browser.keys("Escape");
    await browser.keys(["Control", "z"]);
    await browser.waitUntil(
      async () => (await card(browser, "Call back customer").getAttribute("data-emotion")) === "",
      { timeout: 5_000, timeoutMsg: "undo removed the emotion" },
    );
    await browser.keys(["Control", "Shift", "z"]);
    await browser.waitUntil(
      async () => (await card(browser, "Call back customer").getAttribute("data-emotion")) === "-2",
      { timeout: 5_000, timeoutMsg: "redo brought the emotion back" },
    );

    // Drag another point of the emotion curve up to +2.
    const points = await browser.$$("g.emotion-point");
    let dragged = null;
    for (const p of points) {
      if ((await p.getAttribute("data-emotion")) !== "2") {
        dragged = p;
        break;
      }
    }
    if (dragged) {
      const id = await dragged.getAttribute("data-emotion-point");
      const { x: px, y: py } = await centre(browser, `[data-emotion-point='${id}'] circle`);
      await browser
        .action("pointer")
        .move({ x: px, y: py })
        .down()
        .move({ x: px, y: py - 150, duration: 200 })
        .up()
        .perform();
      await browser.waitUntil(
        async () =>
          (await browser.$(`[data-emotion-point='${id}']`).getAttribute("data-emotion")) === "2",
        { timeout: 5_000, timeoutMsg: "dragging a curve point changed the rating" },
      );
    }

    // Add a note on the touchpoint and resolve it.
    await clickAt(browser, "g.card[data-title='Call back customer']");
    await browser.$(".inspector select[name=note-kind]").selectByAttribute("value", "idea");
    await browser.$(".inspector textarea[name=note-text]").setValue("Offer a callback slot");
    await browser.$("button=Add note").click();
    const note = await browser.$("li.note");
    await note.waitForDisplayed({ timeout: 5_000 });
    assert.match(await note.getText(), /Offer a callback slot/);
    await note.$("button=Resolve").click();
    await browser.$("li.note.resolved").waitForExist({ timeout: 5_000 });
    await waitSaved(browser);
    await screenshot(browser, "12-edited.png");

    // The shortcut overlay.
    await browser.keys("Escape");
    await browser.keys("?");
    await browser.$("[aria-label='Keyboard shortcuts']").waitForDisplayed({ timeout: 5_000 });
    await screenshot(browser, "13-shortcuts.png");
    await browser.keys("Escape");

    // Back to the library.
    await browser.$("button.back").click();
    await browser.$("li.map").waitForDisplayed({ timeout: 10_000 });
  });

  // Restart: everything is in the library file.
  await withApp("editor-restart", async (browser) => {
    await openMap(browser, TITLE);
    assert.ok((await stageNames(browser)).includes("Follow-up"));
    await browser.$("button=Fit").click();
    await browser.pause(300);
    const moved = card(browser, "Call back customer");
    await moved.waitForExist({ timeout: 5_000 });
    assert.equal(await moved.getAttribute("data-stage"), movedTo);
    assert.equal(await moved.getAttribute("data-emotion"), "-2");
    await clickAt(browser, "g.card[data-title='Call back customer']");
    const note = await browser.$("li.note.resolved");
    await note.waitForDisplayed({ timeout: 5_000 });
    assert.match(await note.getText(), /Offer a callback slot/);
    await screenshot(browser, "14-after-restart.png");

    // The Nature select shows its whole value.
    const nature = await browser.execute(() => {
      const sel = document.querySelector(".inspector select[name=nature]");
      const ctx = document.createElement("canvas").getContext("2d");
      ctx.font = getComputedStyle(sel).font;
      const text = sel.options[sel.selectedIndex].text;
      return { text, need: ctx.measureText(text).width + 24, have: sel.clientWidth };
    });
    assert.ok(nature.need <= nature.have, `Nature select fits its value: ${JSON.stringify(nature)}`);

    // The emotion curve and its +2/−2 marks stay clear of every card.
    const covered = await browser.execute(() => {
      const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const marks = [...document.querySelectorAll("path.curve, text.scale")].map((e) => e.getBoundingClientRect());
      const cards = [...document.querySelectorAll("g.card")].map((e) => e.getBoundingClientRect());
      return { marks: marks.length, hits: marks.filter((m) => cards.some((c) => hit(m, c))).length };
    });
    assert.equal(covered.marks, 3, "the curve and its two scale marks are drawn");
    assert.equal(covered.hits, 0, "no card under the curve or its marks");

    // Stage and lane headers stay in view while the canvas scrolls.
    await browser.$("button[aria-label='Zoom in']").click();
    await browser.$("button[aria-label='Zoom in']").click();
    await browser.$("button[aria-label='Zoom in']").click();
    await browser.pause(300);
    const sticky = await browser.execute(async () => {
      const s = document.querySelector(".scroller");
      s.scrollTop = 400;
      s.scrollLeft = 500;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const box = s.getBoundingClientRect();
      const stage = document.querySelector("g.stage-head").getBoundingClientRect();
      const lanes = [...document.querySelectorAll("g.lane-head")].map((e) => e.getBoundingClientRect());
      const lane = lanes.find((r) => r.bottom > box.top + 80) ?? lanes[0];
      return { scrolled: [s.scrollTop, s.scrollLeft], top: box.top, stageTop: stage.top, left: box.left, laneLeft: lane.left };
    });
    assert.ok(sticky.scrolled[0] > 0 && sticky.scrolled[1] > 0, `the canvas scrolled: ${JSON.stringify(sticky)}`);
    assert.ok(Math.abs(sticky.stageTop - sticky.top) < 12, `stage headers stay at the top: ${JSON.stringify(sticky)}`);
    assert.ok(Math.abs(sticky.laneLeft - sticky.left) < 4, `lane headers stay at the left: ${JSON.stringify(sticky)}`);
    await browser.pause(200);
    await screenshot(browser, "14b-sticky-headers.png");
  });

  // The same through the CLI (scripts/test-desktop builds it).
  assert.ok(existsSync(CLI), `the waymark CLI is not built at ${CLI}`);
  const out = execFileSync(CLI, ["--db", path.join(workDir, "library.db"), "show", mapId, "--json"], {
    encoding: "utf8",
  });
  assert.match(out, /Follow-up/);
  assert.match(out, /Call back customer/);
  assert.match(out, /Offer a callback slot/);
});

test("the 600-touchpoint map opens, fits and scrolls", { timeout: 180_000 }, async () => {
  const file = path.join(workDir, "large.waymark");
  writeFileSync(file, JSON.stringify(largeMap()));
  execFileSync(CLI, ["--db", path.join(workDir, "library.db"), "import", file], { encoding: "utf8" });
  await withApp("large", async (browser) => {
    const start = Date.now();
    await openMap(browser, "Large synthetic map");
    const shown = Date.now() - start;
    const openMs = await browser.execute(() => document.body.dataset.openMs);
    const cards = (await browser.$$("g.card")).length;
    const line = `large map: open_map IPC ${openMs} ms; click to editor shown ${shown} ms; ${cards} of 600 cards rendered (virtualized)`;
    console.log(line);
    writeFileSync(path.join(ARTIFACTS, "large-map.txt"), line + "\n");
    assert.ok(cards > 0 && cards < 600, `cards off-screen are not rendered (${cards})`);
    await screenshot(browser, "15-large-map.png");
    await browser.$("button=Fit").click();
    await browser.pause(300);
    await screenshot(browser, "16-large-map-fit.png");
    assert.equal(await browser.$("[data-zoom]").getAttribute("data-zoom"), "0.25");
  });
});
