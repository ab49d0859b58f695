// The cards' look in Chromium over `waymark serve`: channel icons, persona
// avatars (on cards, in the inspector's picker and the persona list), and
// arrow labels on pills that touch no card and stay out of the emotion
// curve's band, which the arrows are clipped out of. Screenshots:
// look-01-cards.png, look-02-inspector-personas.png, look-03-persona-list.png.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";

const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Cards that look the part";

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** Boxes in canvas units: each card, each label pill, and the band cut out of the arrows' clip. */
function geometry() {
  const box = (r) => ({
    x: Number(r.getAttribute("x")),
    y: Number(r.getAttribute("y")),
    w: Number(r.getAttribute("width")),
    h: Number(r.getAttribute("height")),
  });
  const cards = [...document.querySelectorAll("g.card")].map((g) => ({
    title: g.getAttribute("data-title"),
    ...box(g.querySelector("rect")),
  }));
  const pills = [...document.querySelectorAll("g.label-pill")].map((g) => ({
    label: g.querySelector("text")?.getAttribute("data-label"),
    ...box(g.querySelector("rect")),
  }));
  const clip = document.querySelector("#arrows-outside-band path")?.getAttribute("d") ?? "";
  const band = clip.match(/M0,0 H[\d.]+ V[\d.]+ H0 Z M([\d.]+),([\d.]+) H([\d.]+) V([\d.]+)/);
  return {
    cards,
    pills,
    band: band
      ? { x: Number(band[1]), y: Number(band[2]), w: Number(band[3]) - Number(band[1]), h: Number(band[4]) - Number(band[2]) }
      : null,
    clipped: document.querySelector("g.arrows")?.getAttribute("clip-path") ?? "",
  };
}

const meets = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

test("cards show channel icons and persona avatars; arrow labels cover no card", { timeout: 120_000 }, async () => {
  execFileSync(CLI, ["--db", DB, "new", "--title", TITLE, "--template", "bank-lost-card"], { encoding: "utf8" });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1200 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_WITH_TOKEN);
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("g.card").first().waitFor({ timeout: 20_000 });
  // At 100 % (the zoom a new map opens at): the cards' whole detail.
  await page.waitForTimeout(300);

  // Every known channel on a shown card has its icon; the kinds are Rust's words.
  const kinds = await page.locator("g.channel-icon").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-channel-kind")));
  for (const k of ["phone", "app", "email", "store"]) assert.ok(kinds.includes(k), `a ${k} icon among ${kinds}`);
  // The template's touchpoints name their personas: avatars with initials.
  const avatars = await page.locator("g.avatars g.avatar text").allTextContents();
  assert.ok(avatars.includes("MO"), `Maya Okafor's initials among ${avatars}`);

  const g = await page.evaluate(geometry);
  assert.ok(g.pills.length >= 3, `labels shown: ${g.pills.map((p) => p.label)}`);
  assert.ok(g.band, "the arrows' clip cuts out the emotion band");
  assert.equal(g.clipped, "url(#arrows-outside-band)");
  for (const p of g.pills) {
    for (const c of g.cards) assert.ok(!meets(p, c), `label “${p.label}” touches card “${c.title}”`);
    assert.ok(!meets(p, g.band), `label “${p.label}” is in the emotion band`);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, "look-01-cards.png") });

  // The inspector's picker: a persona's avatar goes on the card and comes off.
  const card = page.locator("g.card", { hasText: "Calls the lost" }).first();
  await card.click();
  const chip = page.locator(".inspector fieldset.personas button", { hasText: "Harold" });
  await chip.waitFor();
  const before = await card.locator("g.avatar").count();
  const pressed = (await chip.getAttribute("aria-pressed")) === "true";
  await chip.click();
  await page.waitForFunction(
    ([n, more]) => {
      const c = [...document.querySelectorAll("g.card")].find((e) => e.getAttribute("data-title")?.startsWith("Calls the lost"));
      return (c?.querySelectorAll("g.avatar").length ?? 0) === n + (more ? 1 : -1);
    },
    [before, !pressed],
  );
  await page.screenshot({ path: path.join(ARTIFACTS, "look-02-inspector-personas.png") });
  await page.keyboard.press("Control+z");

  await page.locator("header.toolbar button", { hasText: "Personas" }).click();
  await page.locator("[role=dialog][aria-label=Personas] .avatar").first().waitFor();
  assert.deepEqual(
    await page.locator("[role=dialog][aria-label=Personas] li.persona .avatar").allTextContents(),
    ["MO", "HB"],
  );
  await page.screenshot({ path: path.join(ARTIFACTS, "look-03-persona-list.png") });
  assert.deepEqual(errors, []);
  await context.close();
});
