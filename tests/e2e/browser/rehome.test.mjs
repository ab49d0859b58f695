// The editor's tray of homeless entities in Chromium over `waymark serve`:
// two replicas edit apart (one deletes a stage, the other adds a touchpoint
// to it), the editor says so ("1 touchpoint lost its stage in a concurrent
// edit") and puts the card back into the stage picked; the library file,
// through the CLI, lists it again. (Named to run after 00-library.test.mjs,
// which expects the library to start empty.)

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import * as Y from "yjs";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";

const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Homeless in Chromium";
const CARD = "Added while apart";

const cli = (...args) => execFileSync(CLI, ["--db", DB, ...args], { encoding: "utf8" });
const show = (id) => JSON.parse(cli("show", id, "--json"));

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** A replica of the map as the server has it now, over the HTTP routes. */
async function replica(id) {
  const origin = new URL(URL_WITH_TOKEN).origin;
  const token = new URL(URL_WITH_TOKEN).searchParams.get("token");
  const auth = { Authorization: `Bearer ${token}` };
  const res = await fetch(`${origin}/api/maps/${id}/state`, { headers: auth });
  assert.equal(res.status, 200);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
  const sv = Y.encodeStateVector(doc);
  return {
    doc,
    async send() {
      const sent = await fetch(`${origin}/api/maps/${id}/update`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/octet-stream" },
        body: Y.encodeStateAsUpdate(doc, sv),
      });
      assert.equal(sent.status, 204, await sent.text());
    },
  };
}

test("a touchpoint that lost its stage is shown and put back", { timeout: 120_000 }, async () => {
  const id = cli("new", "--title", TITLE, "--template", "bank-lost-card").trim();
  const map = show(id).map;
  const doomed = map.stages[map.stages.length - 1];
  const target = map.stages[0];

  // Apart: one replica deletes the last stage with its cards, the other
  // adds a card to it.
  const a = await replica(id);
  const b = await replica(id);
  a.doc.transact(() => {
    a.doc.getMap("stages").delete(doomed.id);
    for (const t of map.touchpoints.filter((t) => t.stage === doomed.id))
      a.doc.getMap("touchpoints").delete(t.id);
    for (const n of map.annotations.filter((n) => n.target.id === doomed.id))
      a.doc.getMap("annotations").delete(n.id);
  });
  const card = new Y.Map();
  b.doc.transact(() => {
    b.doc.getMap("touchpoints").set(crypto.randomUUID(), card);
    card.set("stage", doomed.id);
    card.set("lane", map.lanes[0].id);
    card.set("order", "zz");
    card.set("title", CARD);
  });
  await a.send();
  await b.send();
  assert.equal(show(id).homeless.summary, "1 touchpoint lost its stage in a concurrent edit");

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_WITH_TOKEN);
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("svg[aria-label='Journey map canvas']").waitFor({ timeout: 20_000 });
  const tray = page.getByRole("complementary", { name: "Homeless items" });
  await tray.getByText("1 touchpoint lost its stage in a concurrent edit").waitFor();
  assert.equal(await page.locator(`g.card[data-title="${CARD}"]`).count(), 0);
  await tray.getByRole("button", { name: "Put back…" }).click();
  await tray.getByLabel(`Stage for ${CARD}`).selectOption({ label: target.name });
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-70-homeless-tray.png") });
  await tray.getByRole("button", { name: "Put back", exact: true }).click();

  await page.locator(`g.card[data-title="${CARD}"]`).waitFor();
  await tray.waitFor({ state: "detached" });
  const after = show(id);
  assert.deepEqual(after.homeless.entities, []);
  const back = after.map.touchpoints.find((t) => t.title === CARD);
  assert.equal(back.stage, target.id);
  assert.deepEqual(errors, []);
  await context.close();
});
