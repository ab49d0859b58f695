// A live workshop in three browser contexts against `waymark serve`: the
// facilitator (host link) hides votes with a budget, two participants join
// through the join link (one on a phone-sized screen), annotate and vote;
// an annotator's edit of the map is refused by the server; the facilitator
// reveals; all three converge. Lock, timer and "follow me" reach everyone.
// One participant goes offline, annotates, comes back, and the note merges;
// another closes the page while offline, and the note is sent when it opens.
// The library file (through the CLI) holds everything; ending closes the
// session and everyone sees the summary.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";
import * as Y from "yjs";

const HOST_URL = need("WAYMARK_URL");
const JOIN_URL = need("WAYMARK_JOIN_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

function show(id) {
  return JSON.parse(execFileSync(CLI, ["--db", DB, "show", id, "--json"], { encoding: "utf8" }))
    .map;
}

async function participant(name, options, mapId, prepare = async () => {}) {
  const context = await browser.newContext(options);
  await prepare(context);
  const page = await context.newPage();
  await page.goto(JOIN_URL);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForFunction(() => location.hash.startsWith("#/workshop"));
  await page.evaluate((id) => (location.hash = `#/workshop/${id}`), mapId);
  await page.getByTestId("status").filter({ hasText: "Live" }).waitFor();
  await page.locator("[data-stage]").first().waitFor(); // the map has arrived
  return { context, page };
}

async function addNote(page, where, text) {
  await where.getByRole("button", { name: "+ Note" }).first().click();
  await page.getByLabel("Kind").selectOption("pain_point");
  await page.getByLabel("Note", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Add note" }).click();
}

const note = (page, text) => page.locator(".note", { hasText: text });
const card = (page, title) => page.locator("[data-touchpoint]", { hasText: title }).first();
const status = (page, text) => page.getByTestId("status").filter({ hasText: text }).waitFor();

/**
 * A context's network that can drop like the room's Wi-Fi: HTTP through
 * setOffline, and the map's WebSocket, which Chromium's offline emulation
 * leaves open (playwright#4910), through a route that cuts open sockets and
 * refuses new ones while offline. The page talks to the real server
 * otherwise.
 */
function wifi() {
  let offline = false;
  let context;
  const open = [];
  return {
    async attach(c) {
      context = c;
      await c.routeWebSocket(/\/ws\//, (ws) => {
        if (offline) return void ws.close();
        ws.connectToServer();
        open.push(ws);
      });
    },
    /** Wi-Fi down (or back). */
    async set(down) {
      await context.setOffline(down);
      await this.host(down);
    },
    /** Only the host out of reach (the network itself is up). */
    async host(down) {
      offline = down;
      if (down) await Promise.all(open.splice(0).map((ws) => ws.close().catch(() => {})));
    },
  };
}

/** Changes the map as `token`'s own client would, through the HTTP update route. */
async function sendChange(token, mapId, change) {
  const origin = new URL(HOST_URL).origin;
  const auth = { Authorization: `Bearer ${token}` };
  const res = await fetch(`${origin}/api/maps/${mapId}/state`, { headers: auth });
  assert.equal(res.status, 200);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
  const before = Y.encodeStateVector(doc);
  change(doc);
  return fetch(`${origin}/api/maps/${mapId}/update`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/octet-stream" },
    body: Y.encodeStateAsUpdate(doc, before),
  });
}

function newMap(title) {
  return execFileSync(CLI, ["--db", DB, "new", "--title", title, "--template", "bank-lost-card"], {
    encoding: "utf8",
  }).trim();
}

/** In the page: whether the stage's column is inside the board (follow me). */
function stageInView(id) {
  const el = document.querySelector(`[data-stage="${id}"]`);
  const b = document.querySelector(".board")?.getBoundingClientRect();
  const r = el?.getBoundingClientRect();
  return !!(
    b &&
    r &&
    r.left >= b.left - 1 &&
    r.left < b.right &&
    r.top >= b.top - 1 &&
    r.top < b.bottom
  );
}

// Runs first: the other test ends the workshop, which is the server's only one.
test("a refused update starts the board over and keeps the notes it can", async () => {
  const mapId = newMap("Refused update");
  const m = show(mapId);
  const doomed = m.touchpoints.find(
    (t) =>
      !m.annotations.some((a) => a.target.id === t.id) &&
      !(m.connections ?? []).some((c) => c.from === t.id || c.to === t.id),
  );
  const cyWifi = wifi();
  const cy = await participant("Cy", { viewport: { width: 1100, height: 800 } }, mapId, (c) =>
    cyWifi.attach(c),
  );

  // Offline, Cy writes on a touchpoint and on its stage, while the
  // facilitator deletes that touchpoint.
  await cyWifi.set(true);
  await status(cy.page, "Offline");
  await addNote(cy.page, card(cy.page, doomed.title), "On a deleted touchpoint");
  await addNote(cy.page, cy.page.locator(`[data-stage="${doomed.stage}"]`), "On its stage");
  const hostToken = new URL(HOST_URL).searchParams.get("token");
  const deleted = await sendChange(hostToken, mapId, (doc) =>
    doc.getMap("touchpoints").delete(doomed.id),
  );
  assert.equal(deleted.status, 204, await deleted.text());

  // Back online, her update is refused as a whole (a note on nothing): the
  // board starts over from the server and adds back the note it can.
  await cyWifi.set(false);
  const told = cy.page.getByRole("alert").filter({ hasText: "The server refused a change" });
  await told.waitFor();
  assert.match(await told.textContent(), /1 note written meanwhile kept\. 1 note lost/);
  await status(cy.page, "Live");
  await note(cy.page, "On its stage").waitFor();
  assert.equal(await note(cy.page, "On a deleted touchpoint").count(), 0);
  assert.equal(await card(cy.page, doomed.title).count(), 0);

  // She can go on, and the facilitator sees what was kept.
  await addNote(cy.page, cy.page.locator(`[data-stage="${doomed.stage}"]`), "Still here");
  const hostCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const host = await hostCtx.newPage();
  await host.goto(`${HOST_URL}#/workshop/${mapId}`);
  await note(host, "On its stage").waitFor();
  await note(host, "Still here").waitFor();
  const texts = show(mapId).annotations.map((a) => `${a.author}: ${a.text}`);
  assert.ok(texts.includes("Cy: On its stage"), texts.join("\n"));
  assert.ok(texts.includes("Cy: Still here"));
  assert.ok(!texts.some((t) => t.includes("On a deleted touchpoint")));
  await cy.page.screenshot({ path: path.join(ARTIFACTS, "workshop-refused.png") });

  // The host out of reach while the network is up: after a while the page
  // says so, and it is live again when the host is back.
  await cyWifi.host(true);
  await status(cy.page, "Can't reach the host");
  await cyWifi.host(false);
  await status(cy.page, "Live");
  await Promise.all([hostCtx.close(), cy.context.close()]);
});

test("a note written offline survives a closed page and reaches the host", async () => {
  const mapId = newMap("Offline notes");
  const tp = show(mapId).touchpoints[0];
  const dyWifi = wifi();
  const dy = await participant("Dy", { viewport: { width: 1100, height: 800 } }, mapId, (c) =>
    dyWifi.attach(c),
  );

  // Offline, Dy writes a note, and the page says it is kept on the device.
  await dyWifi.set(true);
  await status(dy.page, "Offline");
  await addNote(dy.page, card(dy.page, tp.title), "Kept in the browser");
  await dy.page.getByTestId("kept").filter({ hasText: "1 note kept on this device" }).waitFor();
  const url = dy.page.url();
  await dy.page.close();
  assert.ok(!show(mapId).annotations.some((a) => a.text === "Kept in the browser"));

  // Back online, the page opened again sends it and says so.
  await dyWifi.set(false);
  const again = await dy.context.newPage();
  await again.goto(url);
  await again
    .getByTestId("kept-back")
    .filter({ hasText: "1 note written offline was kept on this device and sent." })
    .waitFor();
  await status(again, "Live");
  await note(again, "Kept in the browser").waitFor();
  await again.screenshot({ path: path.join(ARTIFACTS, "workshop-offline-kept.png") });

  const hostCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const host = await hostCtx.newPage();
  await host.goto(`${HOST_URL}#/workshop/${mapId}`);
  await note(host, "Kept in the browser").waitFor();
  const texts = show(mapId).annotations.map((a) => `${a.author}: ${a.text}`);
  assert.equal(texts.filter((t) => t === "Dy: Kept in the browser").length, 1, texts.join("\n"));
  await Promise.all([hostCtx.close(), dy.context.close()]);
});

test("three browsers run a workshop together", { timeout: 240_000 }, async () => {
  const mapId = newMap("Live workshop");
  const original = show(mapId);
  const touchpoint = original.touchpoints[0];
  const lastStage = original.stages[original.stages.length - 1];

  // The facilitator: budget 2 votes each, votes hidden.
  const hostCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const host = await hostCtx.newPage();
  await host.goto(`${HOST_URL}#/workshop/${mapId}`);
  await host.getByText("Facilitator", { exact: true }).waitFor();
  await status(host, "Live");
  await host.getByLabel("Vote budget").fill("2");
  await host.getByRole("button", { name: "Set budget" }).click();
  await host.getByRole("button", { name: "Hide votes" }).click();
  await host.getByText("votes hidden").waitFor();

  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const ana = await participant("Ana", phone, mapId);
  const benWifi = wifi();
  const ben = await participant("Ben", { viewport: { width: 1100, height: 800 } }, mapId, (c) =>
    benWifi.attach(c),
  );
  for (const p of [host, ben.page]) {
    await p.locator(".people li", { hasText: "Ana" }).waitFor();
  }
  await host.locator(".people li", { hasText: "Ben" }).waitFor();
  await ana.page.locator(".people li", { hasText: "Facilitator" }).waitFor();

  // Notes on a touchpoint and on a stage, seen by everyone.
  await addNote(ana.page, card(ana.page, touchpoint.title), "Card blocked twice");
  await addNote(ben.page, ben.page.locator("[data-stage]").first(), "Nobody calls back");
  for (const p of [host, ana.page, ben.page]) {
    await note(p, "Card blocked twice").waitFor();
    await note(p, "Nobody calls back").waitFor();
  }

  // An annotator cannot edit the map: no rename button for her, and the
  // server refuses the same edit sent with her token.
  assert.equal(await ana.page.getByRole("button", { name: "Rename touchpoint" }).count(), 0);
  assert.ok((await host.getByRole("button", { name: "Rename touchpoint" }).count()) > 0);
  const anaToken = await ana.page.evaluate(() => localStorage.getItem("waymark.workshop.token"));
  const refused = await sendChange(anaToken, mapId, (doc) =>
    doc.getMap("touchpoints").get(touchpoint.id).set("title", "Renamed by an annotator"),
  );
  assert.equal(refused.status, 403);
  assert.match((await refused.json()).message, /annotator/);

  // Hidden votes: each sees only their own; the budget holds.
  const vote = (page, text) =>
    note(page, text).getByRole("button", { name: "Vote for this note" }).click();
  await vote(ana.page, "Nobody calls back");
  await note(ana.page, "Nobody calls back").getByText("you 1").waitFor();
  await vote(ana.page, "Nobody calls back");
  await note(ana.page, "Nobody calls back").getByText("you 2").waitFor();
  await ana.page.getByTestId("budget").filter({ hasText: "0 votes left" }).waitFor();
  await vote(ana.page, "Card blocked twice");
  await ana.page.getByRole("alert").filter({ hasText: "no votes left" }).waitFor();
  await vote(ben.page, "Card blocked twice");
  await note(ben.page, "Card blocked twice").getByText("you 1").waitFor();
  await ben.page.getByTestId("budget").filter({ hasText: "1 vote left" }).waitFor();
  for (const p of [host, ben.page]) {
    assert.equal(
      (await note(p, "Nobody calls back").locator(".votes").textContent()).trim(),
      "● 0",
      "Ana's hidden votes leaked",
    );
  }
  assert.deepEqual(
    show(mapId).annotations.find((a) => a.text === "Nobody calls back").votes,
    {},
    "hidden votes reached the file before the reveal",
  );
  await ana.page.screenshot({ path: path.join(ARTIFACTS, "workshop-phone.png") });

  await host.getByRole("button", { name: "Reveal votes" }).click();
  for (const p of [host, ana.page, ben.page]) {
    await note(p, "Nobody calls back").locator(".votes", { hasText: "● 2" }).waitFor();
    await note(p, "Card blocked twice").locator(".votes", { hasText: "● 1" }).waitFor();
  }

  // Lock: participants lose their note buttons until it is unlocked.
  await host.getByRole("button", { name: "Lock editing" }).click();
  for (const p of [ana.page, ben.page]) {
    await p.locator(".pill", { hasText: "locked" }).waitFor();
    await p.getByRole("button", { name: "+ Note" }).first().waitFor({ state: "detached" });
  }
  await host.getByRole("button", { name: "Unlock editing" }).click();
  for (const p of [ana.page, ben.page]) {
    await p.getByRole("button", { name: "+ Note" }).first().waitFor();
  }

  // Roles: Ben as editor renames a touchpoint (everyone sees it); Ana as
  // viewer can only look. Both go back to annotating.
  const renamed = original.touchpoints[1];
  await host.getByLabel("Role of Ben").selectOption("editor");
  await ben.page.locator(".people li", { hasText: "Ben (you, editor)" }).waitFor();
  ben.page.once("dialog", (d) => void d.accept("Finds the card in the hotel safe"));
  await card(ben.page, renamed.title).getByRole("button", { name: "Rename touchpoint" }).click();
  for (const p of [host, ana.page, ben.page]) {
    await card(p, "Finds the card in the hotel safe").waitFor();
  }
  await host.getByLabel("Role of Ana").selectOption("viewer");
  await ana.page.locator(".people li", { hasText: "Ana (you, viewer)" }).waitFor();
  assert.equal(await ana.page.getByRole("button", { name: "+ Note" }).count(), 0);
  assert.equal(await ana.page.getByRole("button", { name: "Vote for this note" }).count(), 0);
  await host.getByLabel("Role of Ana").selectOption("annotator");
  await host.getByLabel("Role of Ben").selectOption("annotator");
  await ana.page.locator(".people li", { hasText: "Ana (you, annotator)" }).waitFor();
  await ben.page.locator(".people li", { hasText: "Ben (you, annotator)" }).waitFor();

  // A countdown everyone sees, and stopped for everyone.
  await host.getByLabel("Timer minutes").fill("3");
  await host.getByRole("button", { name: "Start timer" }).click();
  for (const p of [host, ana.page, ben.page]) {
    await p
      .getByTestId("timer")
      .filter({ hasText: /⏱ [23]:\d\d/ })
      .waitFor();
  }
  // A 3-second round runs out for everyone, then is cleared.
  await host.getByLabel("Timer minutes").fill("0.05");
  await host.getByRole("button", { name: "Start timer" }).click();
  for (const p of [host, ana.page, ben.page]) {
    await p.getByTestId("timer").filter({ hasText: "Time's up" }).waitFor();
  }
  await host.getByRole("button", { name: "Stop timer" }).click();
  for (const p of [host, ana.page, ben.page]) {
    await p.getByTestId("timer").waitFor({ state: "detached" });
  }

  // Follow me: the facilitator's stage comes into the participants' view.
  for (const p of [ben.page, ana.page]) {
    assert.equal(await p.evaluate(stageInView, lastStage.id), false, "starts in view");
  }
  await host.getByRole("button", { name: "Follow me" }).click();
  await host.getByText("click a stage's title to bring everyone there").waitFor();
  await host.locator(`[data-stage="${lastStage.id}"] h2`).click();
  for (const p of [ben.page, ana.page]) {
    await p.waitForFunction(stageInView, lastStage.id);
  }
  await host.getByRole("button", { name: "Stop follow me" }).click();

  // Ben drops off the Wi-Fi, writes a note, and comes back.
  await benWifi.set(true);
  await status(ben.page, "Offline");
  await addNote(ben.page, card(ben.page, touchpoint.title), "Written on the train");
  await note(ben.page, "Written on the train").waitFor();
  assert.equal(await note(host, "Written on the train").count(), 0, "sent while offline");
  await benWifi.set(false);
  await status(ben.page, "Live");
  await note(host, "Written on the train").waitFor();
  await note(ana.page, "Written on the train").waitFor();
  await host.screenshot({ path: path.join(ARTIFACTS, "workshop-facilitator.png") });
  await ben.page.screenshot({ path: path.join(ARTIFACTS, "workshop-participant.png") });
  await ana.page.screenshot({ path: path.join(ARTIFACTS, "workshop-phone-all.png") });
  // Others' cursors (placed for wider screens) must not widen the phone's page.
  for (const what of ["html", ".board"]) {
    const [scroll, width] = await ana.page
      .locator(what)
      .evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(scroll <= width, `${what} scrolls sideways on the phone: ${scroll} > ${width}`);
  }
  // All three pages show the same notes with the same votes, and so does the
  // library file through the CLI (the touchpoint keeps its title).
  const saved = show(mapId);
  assert.equal(saved.touchpoints[0].title, touchpoint.title);
  assert.equal(
    saved.touchpoints.find((t) => t.id === renamed.id).title,
    "Finds the card in the hotel safe",
  );
  const ours = ["Card blocked twice", "Nobody calls back", "Written on the train"];
  const byText = (t) => saved.annotations.find((a) => a.text === t);
  assert.equal(byText("Card blocked twice").author, "Ana");
  assert.equal(byText("Nobody calls back").author, "Ben");
  assert.equal(byText("Written on the train").author, "Ben");
  assert.deepEqual(byText("Nobody calls back").votes, { Ana: 2 });
  assert.deepEqual(byText("Card blocked twice").votes, { Ben: 1 });
  const expected = saved.annotations.map((a) => ({
    text: a.text,
    votes: Object.values(a.votes).reduce((x, y) => x + y, 0),
  }));
  expected.sort((a, b) => a.text.localeCompare(b.text));
  for (const p of [host, ana.page, ben.page]) {
    const shown = await p.locator(".note").evaluateAll((els) =>
      els.map((el) => ({
        text: el.querySelector("p").textContent,
        votes: Number(el.querySelector(".votes").textContent.replace("●", "").trim()),
      })),
    );
    shown.sort((a, b) => a.text.localeCompare(b.text));
    assert.deepEqual(shown, expected);
    for (const t of ours) assert.ok(shown.some((n) => n.text === t));
  }

  // The end: the session is over for everyone, each sees the summary.
  host.once("dialog", (d) => void d.accept());
  await host.getByRole("button", { name: "End workshop" }).click();
  for (const p of [host, ana.page, ben.page]) {
    await p.getByText("The workshop has ended").waitFor();
    const summary = p.getByRole("region", { name: "Summary" });
    await summary.getByText("Nobody calls back — 2 votes (Ben)").waitFor();
    await summary.getByRole("row", { name: "Ben annotator 2 1" }).waitFor();
    await status(p, "Ended");
    assert.equal(await p.getByRole("button", { name: "+ Note" }).count(), 0);
  }
  assert.equal(await host.getByRole("button", { name: "End workshop" }).count(), 0);

  await host.screenshot({ path: path.join(ARTIFACTS, "workshop-summary.png") });
  await ana.page.screenshot({ path: path.join(ARTIFACTS, "workshop-phone-ended.png") });
  await Promise.all([hostCtx.close(), ana.context.close(), ben.context.close()]);
});
