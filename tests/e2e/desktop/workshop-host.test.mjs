// End-to-end test of Map › Start Workshop…: the app hosts a workshop of the
// open map (on loopback here: a test never sends traffic beyond it), the
// dialog shows the join link, QR code and short code; from node, the join
// link loads the UI the app embeds, the short code leads to it, a participant
// joins and reads the map, the dialog counts them; "End workshop" saves a
// version and the port is closed after.

import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  ARTIFACTS,
  cli,
  launch,
  menu,
  openMap,
  root,
  screenshot,
  useDriver,
  withApp,
} from "./harness.mjs";

// The same yjs the UI ships, to make a participant's note as a browser would,
// and the browser tests' playwright-core, for a participant in Chromium.
const Y = await import(pathToFileURL(path.join(root, "ui/node_modules/yjs/dist/yjs.mjs")).href);
const { chromium } = await import(
  pathToFileURL(path.join(root, "tests/e2e/browser/node_modules/playwright-core/index.mjs")).href
);

/** A participant on a phone-sized Chromium page: types the short code at
 * the bare address, joins as `name`, adds a note on the board. */
async function phoneParticipant(origin, code, name, text) {
  const chrome = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const context = await chrome.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.getByLabel("The code on the host's screen").fill(code);
    await page.screenshot({ path: path.join(ARTIFACTS, "95-workshop-code-page.png") });
    await page.getByRole("button", { name: "Join" }).click();
    await page.getByLabel("Your name").fill(name);
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForFunction(() => location.hash.startsWith("#/workshop/"));
    await page.getByTestId("status").filter({ hasText: "Live" }).waitFor();
    await page.getByRole("button", { name: "+ Note" }).first().click();
    await page.getByLabel("Kind").selectOption("idea");
    await page.getByLabel("Note", { exact: true }).fill(text);
    await page.getByRole("button", { name: "Add note" }).click();
    await page.locator(".note", { hasText: text }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "94-workshop-phone-participant.png") });
  } finally {
    await chrome.close();
  }
}

const TITLE = "Workshop journey";

useDriver("tauri-driver-workshop-host.log");

/** Start a workshop from the open map's menu on loopback; the dialog and the join URL. */
async function startWorkshop(browser) {
  await menu(browser, "map.workshop");
  const dialog = await browser.$("[role=dialog][aria-label='Workshop']");
  await dialog.waitForDisplayed({ timeout: 10_000 });
  const address = await dialog.$("select[name=workshop-ip]");
  await address.waitForDisplayed({ timeout: 10_000 });
  await address.selectByAttribute("value", "127.0.0.1");
  await dialog.$("button=Start workshop").click();
  await dialog.$(".code").waitForDisplayed({
    timeout: 20_000,
    timeoutMsg: "the workshop did not start",
  });
  return { dialog, joinUrl: await dialog.$("input[name=join-url]").getValue() };
}

/** Join as `name`; the participant's token. */
async function join(origin, joinToken, name) {
  const joined = await fetch(`${origin}/api/workshop/join`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${joinToken}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ name }),
  });
  assert.equal(joined.status, 200);
  return (await joined.json()).token;
}

/** A participant's note on the map, made on their own replica and sent over HTTP. */
async function addNote(origin, map, token, author, text) {
  const auth = { Authorization: `Bearer ${token}` };
  const state = await fetch(`${origin}/api/maps/${map}/state`, {
    headers: auth,
  });
  assert.equal(state.status, 200);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(await state.arrayBuffer()));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    const note = new Y.Map();
    const target = new Y.Map();
    target.set("kind", "map");
    for (const [k, v] of Object.entries({
      kind: "pain_point",
      text,
      author,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      resolved: false,
      target,
      votes: new Y.Map(),
    }))
      note.set(k, v);
    doc.getMap("annotations").set(crypto.randomUUID(), note);
  });
  const sent = await fetch(`${origin}/api/maps/${map}/update`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/octet-stream" },
    body: Y.encodeStateAsUpdate(doc, before),
  });
  assert.equal(sent.status, 204, await sent.text());
}

/** Whether something accepts connections at `origin` (http://ip:port). */
async function listening(origin) {
  try {
    await fetch(`${origin}/`, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

test("host a workshop from the Map menu", { timeout: 240_000 }, async () => {
  const id = cli("new", "--title", TITLE, "--template", "bank-lost-card").trim();
  await withApp("workshop-host", async (browser) => {
    await openMap(browser, TITLE);
    await menu(browser, "map.workshop");
    const dialog = await browser.$("[role=dialog][aria-label='Workshop']");
    await dialog.waitForDisplayed({ timeout: 10_000 });
    const address = await dialog.$("select[name=workshop-ip]");
    await address.waitForDisplayed({ timeout: 10_000 });
    const offered = await browser.execute(() =>
      [...document.querySelectorAll("select[name=workshop-ip] option")].map((o) => o.value),
    );
    assert.ok(offered.includes("127.0.0.1"), `loopback offered: ${offered}`);
    await screenshot(browser, "90-workshop-setup.png");
    await address.selectByAttribute("value", "127.0.0.1");
    await dialog.$("button=Start workshop").click();

    const codeBox = await dialog.$(".code");
    await codeBox.waitForDisplayed({
      timeout: 20_000,
      timeoutMsg: "the workshop did not start",
    });
    const code = await codeBox.getAttribute("data-code");
    assert.match(code, /^[A-HJKMNP-Z2-9]{6}$/);
    const joinUrl = await dialog.$("input[name=join-url]").getValue();
    const url = new URL(joinUrl);
    assert.equal(url.hostname, "127.0.0.1");
    assert.equal(url.hash, "#/join");
    const token = url.searchParams.get("token");
    assert.match(token, /^[0-9a-f]{32}$/);
    const origin = url.origin;
    assert.match(await dialog.$("[data-testid=listening]").getText(), new RegExp(url.host));
    assert.ok(await dialog.$(".qr svg path").isExisting(), "the QR code is drawn in the dialog");

    // The join link loads the UI the app carries; without the token, nothing.
    const page = await fetch(joinUrl);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    assert.match(await page.text(), /<script/);
    assert.equal((await fetch(`${origin}/api/workshop`)).status, 401);

    // The short code, typed at the bare address, leads to the join link.
    const typed = await fetch(`${origin}/`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Origin: origin,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: `code=${code.toLowerCase()}`,
    });
    assert.equal(typed.status, 303);
    assert.equal(typed.headers.get("location"), `/?token=${token}#/join`);

    // A participant joins and adds a note; the dialog counts them.
    const ana = await join(origin, token, "Ana");
    await addNote(origin, id, ana, "Ana", "Nobody tells me when the card ships");
    await browser.waitUntil(
      async () => (await dialog.$("[data-testid=presence]").getText()).startsWith("1 person"),
      {
        timeout: 10_000,
        timeoutMsg: "the dialog did not count the participant",
      },
    );
    await screenshot(browser, "91-workshop-running.png");
    // Ben on a phone types the code, joins in Chromium and adds a note.
    await phoneParticipant(origin, code, "Ben", "Text me when it ships");
    await browser.waitUntil(
      async () => (await browser.$("body").getText()).includes("Text me when it ships"),
      { timeout: 10_000, timeoutMsg: "Ben's note is not in the host's window" },
    );
    // Ana's note (over HTTP) reached the host's open editor too, live.
    await browser.waitUntil(
      async () =>
        (await browser.$("body").getText()).includes("Nobody tells me when the card ships"),
      {
        timeout: 10_000,
        timeoutMsg: "the participant's note is not in the host's window",
      },
    );

    // Ending saves a version and closes the port.
    await dialog.$("button=End workshop").click();
    const summary = await dialog.$("[data-testid=summary]");
    await summary.waitForDisplayed({
      timeout: 20_000,
      timeoutMsg: "no summary after ending",
    });
    assert.match(await summary.getText(), /Saved as version “workshop end \d+”.*2 participants/s);
    await screenshot(browser, "92-workshop-ended.png");
    assert.equal(await listening(origin), false, "nothing listens after the end");
    assert.match(cli("versions", id), /workshop end \d+/);
    await dialog.$("button=Close").click();
  });
});

test("closing the app ends a running workshop", { timeout: 240_000 }, async () => {
  const title = "Workshop closed with the app";
  const id = cli("new", "--title", title, "--template", "bank-lost-card").trim();
  const browser = await launch();
  let origin;
  try {
    await openMap(browser, title);
    const { joinUrl } = await startWorkshop(browser);
    origin = new URL(joinUrl).origin;
    assert.equal(await listening(origin), true);
    // As the window's close does once edits are saved (the close guard). The
    // page goes away with the window, so WebDriver's answer may be an error.
    await browser
      .execute(() => {
        void window.__TAURI_INTERNALS__.invoke("plugin:window|destroy", {
          label: "main",
        });
      })
      .catch(() => {});
  } finally {
    await browser.deleteSession().catch(() => {});
  }
  const deadline = Date.now() + 20_000;
  while ((await listening(origin)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(await listening(origin), false, "the server stopped with the app");
  assert.match(cli("versions", id), /workshop end \d+/, "the end was saved on exit");
});
