// The map's Yjs document as the rest of the UI holds it: a handle that
// components and transports pass along and hand to the functions of doc/,
// which alone look inside. Only doc/ and the session transport (sync/)
// import yjs (eslint's no-restricted-imports keeps it so).

import * as Y from "yjs";

export type { Doc as YDoc, UndoManager } from "yjs";

/** A new, empty document (a workshop room fills it from the server). */
export function newDoc(): Y.Doc {
  return new Y.Doc();
}
