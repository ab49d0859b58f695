// End-to-end test of `waymark serve` in a real browser: Debian's Chromium
// driven through playwright-core. scripts/test-browser builds everything,
// starts the server on a temporary library and sets:
//   WAYMARK_URL  the URL the server printed (with its token)
//   WAYMARK_CLI  the `waymark` binary, WAYMARK_DB the library it serves
// The files share that library and run in name order: this one's name sorts
// first because its first test sees the library empty.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "./harness.mjs";

const URL_WITH_TOKEN = need("WAYMARK_URL");
const CLI = need("WAYMARK_CLI");
const DB = need("WAYMARK_DB");
const TITLE = "Workshop journey";

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

async function waitFor(cond, what, ms = 10_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function listMaps() {
  return JSON.parse(execFileSync(CLI, ["--db", DB, "list", "--json"], { encoding: "utf8" }));
}

test("without the token the server answers 401 and shows nothing", async () => {
  const context = await browser.newContext();
  const bare = new URL(URL_WITH_TOKEN);
  bare.search = "";
  for (const p of ["/", "/api/rpc/list_maps", "/assets/none.js"]) {
    const res = await context.request.get(new URL(p, bare).href);
    assert.equal(res.status(), 401, p);
    assert.equal((await res.body()).length, 0, p);
  }
  const wrong = new URL(URL_WITH_TOKEN);
  wrong.searchParams.set("token", "0".repeat(32));
  assert.equal((await context.request.get(wrong.href)).status(), 401);
  await context.close();
});

test("create a map from a template in the browser; the CLI sees it", { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  await page.goto(URL_WITH_TOKEN);
  await page.locator("h1").waitFor();
  assert.equal(await page.locator("h1").textContent(), "Waymark");
  await page.locator("#empty-heading").waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-01-empty-library.png") });

  await page.locator("header.topbar button.new-map").click();
  const dialog = page.locator("dialog");
  await dialog.waitFor();
  const templates = page.locator("label.template");
  assert.ok((await templates.count()) >= 1, "the dialog lists the server's templates");
  await templates.last().click();
  await page.locator("input[name=title]").fill(TITLE);
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-02-new-map-dialog.png") });
  await page.locator("button[type=submit]").click();
  await dialog.waitFor({ state: "hidden", timeout: 10_000 });
  // A new map opens at once; back in the library it is listed.
  await page.locator("svg[aria-label='Journey map canvas']").waitFor({ timeout: 20_000 });
  await page.locator("button[aria-label='Back to the library']").click();

  const row = page.locator("li.map").first();
  await row.waitFor({ timeout: 10_000 });
  assert.equal((await row.locator(".title").textContent()).trim(), TITLE);
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-03-map-created.png") });

  // Same library, read by the CLI while the server holds it open.
  const maps = listMaps();
  assert.equal(maps.length, 1);
  assert.equal(maps[0].title, TITLE);
  assert.ok(maps[0].touchpoints > 0, "the template's touchpoints came along");

  // The editor opens over the same Backend interface (GET .../state).
  await page.locator(`li.map button:has-text("${TITLE}")`).first().click();
  await page.locator("svg[aria-label='Journey map canvas']").waitFor({ timeout: 20_000 });
  const cards = page.locator("g.card");
  await cards.first().waitFor({ timeout: 10_000 });
  assert.ok((await cards.count()) > 0, "the map's touchpoints are drawn");
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-04-editor.png") });

  // An edit in the browser is a Yjs update POSTed to the server; once the
  // editor says "saved" it is in the library.
  const renamed = `${TITLE} (edited in Chromium)`;
  const title = page.locator(".inspector [name='map-title']");
  await title.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(renamed);
  await page.keyboard.press("Tab");
  await page.locator("[data-save=saved]").waitFor({ timeout: 10_000 });
  await waitFor(() => listMaps()[0].title === renamed, "the renamed title reaches the library");
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-05-edited.png") });

  assert.deepEqual(errors, []);
  await context.close();
});

test("the page's own origin may open a map's y-websocket room; another origin may not", async () => {
  const id = listMaps()[0]?.id;
  assert.ok(id, "the previous test created a map");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(URL_WITH_TOKEN);
  await page.locator("h1").waitFor();
  const wsUrl = (origin) => `${origin.replace(/^http/, "ws")}/ws/${id}`;
  const firstMessage = (url) =>
    new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.binaryType = "arraybuffer";
      ws.onmessage = (e) => {
        resolve(Array.from(new Uint8Array(e.data).slice(0, 2)));
        ws.close();
      };
      ws.onerror = () => resolve("error");
    });
  // Same origin: the cookie set with the page carries the token; the server
  // greets with y-websocket sync step 1 (message 0, sync type 0).
  const origin = new URL(URL_WITH_TOKEN).origin;
  assert.deepEqual(await page.evaluate(firstMessage, wsUrl(origin)), [0, 0]);

  // A page from elsewhere (an opaque origin here), even with the token, is refused.
  const other = await context.newPage();
  await other.goto("data:text/html,<title>elsewhere</title>");
  const token = new URL(URL_WITH_TOKEN).searchParams.get("token");
  assert.equal(await other.evaluate(firstMessage, `${wsUrl(origin)}?token=${token}`), "error");
  await context.close();
});

test("a map another process adds appears in the open library list, and goes when it deletes it", { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(URL_WITH_TOKEN);
  await page.locator("li.map").first().waitFor({ timeout: 15_000 });
  const before = await page.locator("li.map").count();

  // A cron job, the desktop app or `waymark sync` writing the same library.
  const title = "Added by another process";
  const added = execFileSync(CLI, ["--db", DB, "new", "--title", title], { encoding: "utf8" }).trim();
  await page.locator(`li.map .title:has-text("${title}")`).waitFor({ timeout: 15_000 });
  assert.equal(await page.locator("li.map").count(), before + 1);
  await page.screenshot({ path: path.join(ARTIFACTS, "browser-06-other-process.png") });
  // ...and one it deletes goes from the list.
  execFileSync(CLI, ["--db", DB, "delete", added], { encoding: "utf8" });
  await page.locator(`li.map .title:has-text("${title}")`).waitFor({ state: "detached", timeout: 15_000 });
  assert.equal(await page.locator("li.map").count(), before);
  await context.close();
});
