// End-to-end test of Map › Start Workshop…: the app hosts a workshop of the
// open map (on loopback here: a test never sends traffic beyond it), the
// dialog shows the join link, QR code and short code; from node, the join
// link loads the UI the app embeds, the short code leads to it, a participant
// joins and reads the map, the dialog counts them; "End workshop" saves a
// version and the port is closed after.

import assert from "node:assert/strict";
import { test } from "node:test";
import { cli, menu, openMap, screenshot, useDriver, withApp } from "./harness.mjs";

const TITLE = "Workshop journey";

useDriver("tauri-driver-workshop-host.log");

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
    // Nothing is listening before "Start workshop".
    const offered = await browser.execute(() =>
      [...document.querySelectorAll("select[name=workshop-ip] option")].map((o) => o.value),
    );
    assert.ok(offered.includes("127.0.0.1"), `loopback offered: ${offered}`);
    await screenshot(browser, "90-workshop-setup.png");
    await address.selectByAttribute("value", "127.0.0.1");
    await dialog.$("button=Start workshop").click();

    const codeBox = await dialog.$(".code");
    await codeBox.waitForDisplayed({ timeout: 20_000, timeoutMsg: "the workshop did not start" });
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
    assert.ok(
      await dialog.$(".qr svg path").isExisting(),
      "the QR code is drawn in the dialog",
    );

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
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: `code=${code.toLowerCase()}`,
    });
    assert.equal(typed.status, 303);
    assert.equal(typed.headers.get("location"), `/?token=${token}#/join`);

    // A participant joins and reads the map; the dialog counts them.
    const joined = await fetch(`${origin}/api/workshop/join`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Ana" }),
    });
    assert.equal(joined.status, 200);
    const ana = (await joined.json()).token;
    const state = await fetch(`${origin}/api/maps/${id}/state`, {
      headers: { Authorization: `Bearer ${ana}` },
    });
    assert.equal(state.status, 200);
    assert.ok((await state.arrayBuffer()).byteLength > 100, "the map's state");
    await browser.waitUntil(
      async () => (await dialog.$("[data-testid=presence]").getText()).startsWith("1 person"),
      { timeout: 10_000, timeoutMsg: "the dialog did not count the participant" },
    );
    await screenshot(browser, "91-workshop-running.png");

    // Ending saves a version and closes the port.
    await dialog.$("button=End workshop").click();
    const summary = await dialog.$("[data-testid=summary]");
    await summary.waitForDisplayed({ timeout: 20_000, timeoutMsg: "no summary after ending" });
    assert.match(await summary.getText(), /Saved as version “workshop end \d+”.*1 participant/s);
    await screenshot(browser, "92-workshop-ended.png");
    assert.equal(await listening(origin), false, "nothing listens after the end");
    assert.match(cli("versions", id), /workshop end \d+/);
  });
});
