// The desktop app's native pieces besides commands: file dialogs, files
// dropped on the window, the window itself. With tauri.ts, the only place
// the UI imports Tauri (eslint keeps it so); loaded on demand, so a browser
// page never fetches them.

/** The native open/save dialogs. */
export function dialogs(): Promise<typeof import("@tauri-apps/plugin-dialog")> {
  return import("@tauri-apps/plugin-dialog");
}

/** The app's webview (file drops arrive on it). */
export async function currentWebview() {
  const { getCurrentWebview } = await import("@tauri-apps/api/webview");
  return getCurrentWebview();
}

/** The app's window (its close request). */
export async function currentWindow() {
  const { getCurrentWindow } = await import("@tauri-apps/api/window");
  return getCurrentWindow();
}
