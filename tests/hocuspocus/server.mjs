// One Hocuspocus instance for Waymark's team-sync tests and benchmarks:
// relays through Redis (@hocuspocus/extension-redis) so any number of
// instances serve the same documents, and persists them in SQLite
// (@hocuspocus/extension-sqlite). Configured by the environment:
//   PORT          port to listen on (127.0.0.1 unless HOST says otherwise)
//   REDIS_PORT    Redis on 127.0.0.1 (default 6379)
//   DATABASE      SQLite file (shared by the instances: the Redis extension
//                 lets only one of them store a document at a time)
//   TOKEN         when set, onAuthenticate refuses any other token
// Prints "hocuspocus listening on PORT" once it accepts connections.
import { Server } from "@hocuspocus/server";
import { Redis } from "@hocuspocus/extension-redis";
import { SQLite } from "@hocuspocus/extension-sqlite";

const port = Number(process.env.PORT ?? 1234);
const token = process.env.TOKEN ?? "";

const redis = new Redis({ host: "127.0.0.1", port: Number(process.env.REDIS_PORT ?? 6379) });
// Serve only once both Redis connections are ready: a document opened before
// that subscribes during ioredis's ready check, which fails ("Connection in
// subscriber mode"), and the instance then misses the other instances' changes.
await Promise.all(
  [redis.pub, redis.sub].map((client) =>
    client.status === "ready" ? null : new Promise((ready) => client.once("ready", ready)),
  ),
);

const server = new Server({
  name: `waymark-test-${port}`,
  address: process.env.HOST ?? "127.0.0.1",
  port,
  quiet: true,
  // Store soon after a change, so a killed instance has little unstored.
  debounce: 200,
  maxDebounce: 1000,
  extensions: [
    redis,
    new SQLite({ database: process.env.DATABASE ?? "hocuspocus.sqlite" }),
  ],
  async onAuthenticate(data) {
    if (token && data.token !== token) {
      throw new Error("the token was refused");
    }
  },
});

await server.listen();
console.log(`hocuspocus listening on ${port}`);
