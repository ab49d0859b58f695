// End-to-end test of the remembered window: resize and move it, restart the
// app, and find the same size and position.

import assert from "node:assert/strict";
import { test } from "node:test";
import { screenshot, useDriver, withApp } from "./harness.mjs";

useDriver("tauri-driver-window.log");

test("the window's size and position survive a restart", { timeout: 120_000 }, async () => {
  const want = { x: 60, y: 40, width: 900, height: 640 };
  let got;
  await withApp("window-first", async (browser) => {
    await browser.$("header.topbar").waitForDisplayed({ timeout: 20_000 });
    await browser.setWindowRect(want.x, want.y, want.width, want.height);
    await browser.waitUntil(
      async () => {
        const r = await browser.getWindowRect();
        return r.width === want.width && r.height === want.height;
      },
      { timeout: 5_000, timeoutMsg: "the window was resized" },
    );
    got = await browser.getWindowRect();
    // The state is written once the window has been still for a moment.
    await browser.pause(1_500);
  });
  await withApp("window-restart", async (browser) => {
    await browser.$("header.topbar").waitForDisplayed({ timeout: 20_000 });
    const r = await browser.getWindowRect();
    assert.deepEqual(
      { width: r.width, height: r.height },
      { width: got.width, height: got.height },
      "the size came back",
    );
    assert.deepEqual({ x: r.x, y: r.y }, { x: got.x, y: got.y }, "the position came back");
    await screenshot(browser, "50-window-restored.png");
  });
});
