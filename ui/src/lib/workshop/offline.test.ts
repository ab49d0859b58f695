import { describe, expect, it } from "vitest";
import { newDoc } from "../doc/ydoc";
import { addAnnotation, type Annotation } from "../doc/journey";
import { keptMessage, sortUnsent, storeName } from "./offline";

describe("the workshop page's offline copy", () => {
  it("is one store per server, map and participant", () => {
    expect(storeName("10.0.0.2:7000", "m1", "tok")).toBe("waymark-workshop/10.0.0.2:7000/m1/tok");
    expect(storeName("10.0.0.2:7000", "m1", null)).toBe(
      "waymark-workshop/10.0.0.2:7000/m1/facilitator",
    );
    expect(storeName("h", "m1", "a")).not.toBe(storeName("h", "m2", "a"));
  });

  it("tells the notes the stored document kept from those it lost", () => {
    const doc = newDoc();
    const kept = addAnnotation(doc, "idea", "Written on the train", { kind: "map" }, "Ben");
    const note = (id: string): Annotation => ({
      id,
      kind: "idea",
      text: id,
      author: "Ben",
      created_at: "",
      resolved: false,
      target: { kind: "map" },
    });
    const { present, missing } = sortUnsent(doc, [note(kept), note("lost-one")]);
    expect(present.map((n) => n.id)).toEqual([kept]);
    expect(missing.map((n) => n.id)).toEqual(["lost-one"]);
  });

  it("says how many notes were kept, and whether they went out", () => {
    expect(keptMessage(0, true)).toBeNull();
    expect(keptMessage(1, true)).toBe("1 note written offline was kept on this device and sent.");
    expect(keptMessage(2, false)).toBe(
      "2 notes written offline were kept on this device; sent when you are back online.",
    );
  });
});
