// A participant on another machine of the LAN: run by scripts/test-lan
// inside the guest network namespace, against a workshop hosted in the
// host namespace on its own address. One joins by the link (as from the QR
// code), one by typing the short code at the bare address.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchChromium, need } from "../browser/harness.mjs";

const LAN = JSON.parse(need("WAYMARK_LAN"));
const HOST_IP = need("WAYMARK_HOST_IP");

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function joinAs(page, name) {
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForFunction(() => location.hash.startsWith("#/workshop"));
  await page.evaluate((id) => (location.hash = `#/workshop/${id}`), LAN.map);
  await page.getByTestId("status").filter({ hasText: "Live" }).waitFor();
  await page.locator("[data-stage]").first().waitFor(); // the map arrived
}

test("the workshop is on the host's LAN address, not this machine's loopback", async () => {
  const url = new URL(LAN.join_url);
  assert.equal(url.hostname, HOST_IP);
  // Nothing of the host listens in this namespace's loopback.
  await assert.rejects(fetch(`http://127.0.0.1:${url.port}/`));
});

test("a participant joins by the link", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(LAN.join_url);
  await joinAs(page, "Ana");
  await page.screenshot({ path: path.join(ARTIFACTS, "lan-link.png") });
  await context.close();
});

test("a participant joins by the short code typed at the bare address", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(LAN.code_url);
  await page.getByLabel("The code on the host's screen").fill(LAN.code.toLowerCase());
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForFunction(() => location.hash === "#/join");
  await joinAs(page, "Ben");
  // Both joined, as the server tells a participant over the LAN.
  const names = await page.evaluate(async () => {
    const token = localStorage.getItem("waymark.workshop.token");
    const res = await fetch("/api/workshop", { headers: { Authorization: `Bearer ${token}` } });
    return (await res.json()).participants.map((p) => p.name);
  });
  assert.deepEqual(names.sort(), ["Ana", "Ben"]);
  await page.screenshot({ path: path.join(ARTIFACTS, "lan-code.png") });
  await context.close();
});
