/**
 * A map's live room: the Yjs document kept in sync with `/ws/{map}` by the
 * npm y-websocket provider, presence through its awareness, and the
 * workshop state the server pushes as message type 100 (JSON).
 */
import * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import type { Annotation } from "../doc/journey";
import { newDoc, type YDoc } from "../doc/ydoc";
import {
  CLOSE_ENDED,
  CLOSE_REFUSED,
  WORKSHOP_MESSAGE,
  type WorkshopView,
} from "../generated/workshop";

export interface Presence {
  name: string;
  colour: string;
  /** Pointer over the board, in board coordinates. */
  cursor?: { x: number; y: number };
  /** The stage the facilitator is looking at (follow me). */
  focus?: string;
  facilitator?: boolean;
}

/** What a board hands to the next one when the server refused its update. */
export interface Carried {
  reason: string;
  /** This person's notes as they were on the refused board. */
  notes: Annotation[];
}

export interface Live {
  doc: YDoc;
  provider: WebsocketProvider;
  close(): void;
}

export function connect(
  mapId: string,
  token: string | null,
  onState: (s: WorkshopView) => void,
  onRefused: (reason: string) => void = () => {},
): Live {
  const doc = newDoc();
  const base = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
  const provider = new WebsocketProvider(base, mapId, doc, {
    params: token ? { token } : {},
    // Tabs of one browser are separate participants: no cross-tab channel.
    disableBc: true,
    maxBackoffTime: 2000,
    // A refused update would be sent again on every reconnect (it is in
    // our document): stop, and let the page start over from the server.
    shouldReconnect: (e) =>
      e.code !== CLOSE_REFUSED && e.code !== CLOSE_ENDED && !(e.code >= 4400 && e.code < 4500),
  });
  provider.on("connection-close", (e) => {
    if (e?.code === CLOSE_REFUSED) onRefused(e.reason.replace(/^refused: /, ""));
  });
  provider.messageHandlers[WORKSHOP_MESSAGE] = (_encoder, decoder) => {
    const state = JSON.parse(decoding.readVarString(decoder)) as WorkshopView;
    onState(state);
    // The workshop is over: stop reconnecting.
    if (state.ended)
      setTimeout(() => {
        provider.disconnect();
      }, 0);
  };
  // The browser knows first when the Wi-Fi drops; y-websocket alone notices
  // only after 30 s without a message. Closing the socket shows "Offline" at
  // once (edits stay in the doc) and the provider keeps retrying until back.
  const dropped = () => provider.ws?.close();
  addEventListener("offline", dropped);
  return {
    doc,
    provider,
    close() {
      removeEventListener("offline", dropped);
      provider.destroy();
      doc.destroy();
    },
  };
}
