// A first hour by keyboard only, in Chromium over `waymark serve`: create a
// blank map from the library, add two stages, a lane and three touchpoints,
// rename one, move it, rate its emotion, open the pain-point board and
// export the PDF report (a download in the browser build). No pointer event
// reaches the page. Also the screenshots of the blank map, the editor at
// 1024×700 (and fit) and 1920×1080, and the board.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";

const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Keyboard only";

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const show = (id) =>
  JSON.parse(execFileSync(CLI, ["--db", DB, "show", id, "--json"], { encoding: "utf8" })).map;
const mapId = (title) =>
  JSON.parse(execFileSync(CLI, ["--db", DB, "list", "--json"], { encoding: "utf8" })).find(
    (m) => m.title === title,
  )?.id;

/** What has the focus: its tag, name, text, card id and class. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      name: el?.getAttribute("name") ?? "",
      text: el?.textContent?.trim() ?? "",
      card: el?.getAttribute("data-touchpoint-id") ?? "",
      danger: !!el?.classList.contains("danger"),
      inInspector: !!el?.closest(".inspector"),
    };
  });

/** Press Tab until `want(focus)` holds (at most `limit` times); the focus then. */
async function tabTo(page, want, limit = 80) {
  const trail = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (want(f)) return f;
    trail.push(f.name || f.text.slice(0, 20) || f.tag);
  }
  throw new Error(`Tab never reached the wanted control; it went ${trail.join(" > ")}`);
}

/** Waits until the card of touchpoint `id` has the focus. */
const hasFocus = (page, id) =>
  page.waitForFunction((c) => document.activeElement?.getAttribute("data-touchpoint-id") === c, id);

const cardsIn = (page, stage) =>
  page.evaluate(
    (s) =>
      [...document.querySelectorAll("g.card")]
        .filter((g) => !s || g.getAttribute("data-stage") === s)
        .map((g) => g.getAttribute("data-title")),
    stage,
  );

test("a map made, edited, ranked and exported with the keyboard alone", { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_WITH_TOKEN);
  await page.locator("h1").waitFor();
  await page.evaluate(() => {
    window.__pointer = 0;
    for (const t of ["pointerdown", "mousedown", "pointerup"])
      window.addEventListener(t, () => window.__pointer++, true);
  });

  // New map: the blank map is offered first and chosen; the map opens at once.
  await tabTo(page, (f) => f.text.includes("New map"));
  await page.keyboard.press("Enter");
  const first = page.locator("label.template").first();
  await first.waitFor();
  assert.equal(await first.locator(".template-title").textContent(), "Blank map");
  assert.ok(await first.locator("input").isChecked(), "the blank map is the default");
  await tabTo(page, (f) => f.name === "title", 20);
  await page.keyboard.type(TITLE);
  await page.keyboard.press("Enter");
  await page.locator("svg[aria-label='Journey map canvas']").waitFor({ timeout: 20_000 });
  const hint = page.locator(".empty-hint");
  await hint.waitFor();
  assert.match(await hint.textContent(), /Add a touchpoint N.*Add a stage S.*Add a lane L/s);
  await page.screenshot({ path: path.join(ARTIFACTS, "usability-01-blank-map.png") });
  const id = mapId(TITLE);
  assert.ok(id, "the map is in the library");

  // Inspector says it right for a blank map.
  assert.match(await page.locator(".inspector").textContent(), /1 stage · 1 lane · no touchpoints yet/);

  // Two stages and a lane by key, then back to nothing selected.
  await page.locator("body").focus();
  for (const k of ["s", "s", "l"]) await page.keyboard.press(k);
  await page.waitForFunction(
    () => document.querySelectorAll("[data-stage-id]").length >= 3 && document.querySelectorAll("[data-lane-id]").length >= 2,
  );
  await page.keyboard.press("Escape");

  // Three touchpoints: N, type the title, Enter; focus is back on the card.
  for (const t of ["Notice the card is gone", "Call the bank", "Wait for the new card"]) {
    await page.keyboard.press("n");
    await page.locator("input.inline-title").waitFor();
    await page.keyboard.press("Control+A");
    await page.keyboard.type(t);
    await page.keyboard.press("Enter");
    await page.waitForFunction((title) => document.activeElement?.getAttribute("data-title") === title, t);
  }
  await hint.waitFor({ state: "detached" });
  const stages = show(id).stages.map((s) => s.id);
  assert.equal(stages.length, 3);
  assert.deepEqual(await cardsIn(page, stages[0]), [
    "Notice the card is gone",
    "Call the bank",
    "Wait for the new card",
  ]);

  // Up goes to the card above; Enter renames it; the focus comes back to it.
  const titleInFocus = (t) => page.waitForFunction((x) => document.activeElement?.getAttribute("data-title") === x, t, { timeout: 10_000 });
  await titleInFocus("Wait for the new card");
  await page.keyboard.press("ArrowUp");
  await titleInFocus("Call the bank");
  const called = await focused(page);
  await page.keyboard.press("Enter");
  await page.locator("input.inline-title").waitFor({ timeout: 10_000 });
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Phone the bank");
  await page.keyboard.press("Enter");
  await page.waitForFunction((c) => document.activeElement?.getAttribute("data-title") === "Phone the bank" && document.activeElement.getAttribute("data-touchpoint-id") === c, called.card);

  // An empty title is refused: the card keeps its title.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Enter");
  await hasFocus(page, called.card);
  assert.equal(await page.locator(`g.card[data-touchpoint-id="${called.card}"]`).getAttribute("data-title"), "Phone the bank");

  // Alt+Right moves it to the next stage, and it keeps the focus.
  await page.keyboard.press("Alt+ArrowRight");
  await page.waitForFunction(
    ([c, s]) => document.querySelector(`g.card[data-touchpoint-id="${c}"]`)?.getAttribute("data-stage") === s,
    [called.card, stages[1]],
  );
  await hasFocus(page, called.card);
  // Left from it goes back across the stage to the first card there, Right comes back.
  const notice = await page.locator("g.card[data-title='Notice the card is gone']").getAttribute("data-touchpoint-id");
  await page.keyboard.press("ArrowLeft");
  await hasFocus(page, notice);
  await page.keyboard.press("ArrowRight");
  await hasFocus(page, called.card);

  // Its emotion, from the inspector: I goes there, to its title; Tab then
  // reaches the inputs before any delete button.
  await page.keyboard.press("i");
  await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "title");
  await tabTo(page, (f) => {
    assert.equal(f.danger, false, "Tab in the inspector reaches a delete button before the inputs");
    return f.name === "input-emotion";
  }, 40);
  await page.keyboard.type("-2");
  await page.keyboard.press("Tab");
  await page.waitForFunction(
    (c) => document.querySelector(`g.card[data-touchpoint-id="${c}"]`)?.getAttribute("data-emotion") === "-2",
    called.card,
  );
  // Escape leaves the inspector for the card on the canvas.
  await page.keyboard.press("Escape");
  await hasFocus(page, called.card);

  // The board by its key; Escape closes it.
  await page.keyboard.press("b");
  const board = page.locator("[role=dialog][aria-label='Pain-point board']");
  await board.waitFor();
  await board.locator("text=Phone the bank").first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(ARTIFACTS, "usability-02-board.png") });
  await page.keyboard.press("Escape");
  await board.waitFor({ state: "hidden" });

  // The PDF report through the Data menu: a download.
  await tabTo(page, (f) => f.text.startsWith("Data"));
  await page.keyboard.press("Enter");
  await tabTo(page, (f) => f.text === "Export report (PDF)…", 20);
  await page.keyboard.press("Enter");
  const report = page.getByRole("dialog", { name: "Export report" });
  await report.waitFor();
  await tabTo(page, (f) => f.text === "Export PDF", 40);
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  const pdf = path.join(mkdtempSync(path.join(tmpdir(), "waymark-keys-")), "report.pdf");
  await download.saveAs(pdf);
  assert.match(execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }), /Phone the bank/);
  await page.keyboard.press("Escape");

  assert.equal(await page.evaluate(() => window.__pointer), 0, "no pointer event reached the page");
  assert.deepEqual(errors, []);
  const map = show(id);
  assert.equal(map.lanes.length, 2);
  assert.equal(map.touchpoints.length, 3);
  assert.equal(map.touchpoints.find((t) => t.title === "Phone the bank")?.inputs?.emotion, -2);
  await context.close();
});
