import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ChainedEvent,
  canonicalJson,
  checkpointStatement,
  diffFields,
  eventHash,
  GENESIS_HASH,
  headStatement,
  verifyChain,
} from "./chain.js";

const sha256 = (t: string) => createHash("sha256").update(t).digest("hex");

function buildChain(actions: string[]): ChainedEvent[] {
  let prev = GENESIS_HASH;
  return actions.map((action, i) => {
    const base = {
      id: `e${i}`,
      chainKey: "org",
      seq: i + 1,
      at: new Date(1_700_000_000_000 + i).toISOString(),
      orgId: "org",
      actorType: "user",
      actorId: "u",
      actorTokenId: null,
      action,
      entityType: "thing",
      entityId: String(i),
      changes: "{}",
      requestId: null,
      ip: null,
      prevHash: prev,
    };
    const hash = eventHash(base, sha256);
    prev = hash;
    return { ...base, hash };
  });
}

describe("audit hash chain", () => {
  it("canonical JSON does not depend on key order", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });

  it("an untouched chain verifies, and any altered field of any event is found at that event", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom("action", "changes", "actorId", "at", "entityId"),
        (actions, pick, field) => {
          const chain = buildChain(actions);
          expect(verifyChain(chain, sha256, { seq: chain.length, hash: chain.at(-1)!.hash })).toMatchObject({
            intact: true,
            events: chain.length,
          });
          const index = pick % chain.length;
          const tampered = chain.map((e, i) => (i === index ? { ...e, [field]: `${String(e[field as keyof ChainedEvent])}x` } : e));
          const verdict = verifyChain(tampered, sha256);
          expect(verdict.intact).toBe(false);
          if (!verdict.intact) expect(verdict.brokenAt.seq).toBe(index + 1);
        },
      ),
    );
  });

  it("finds a removed event, a re-hashed forgery, and a truncated tail", () => {
    const chain = buildChain(["a", "b", "c", "d"]);
    const gap = verifyChain([chain[0]!, chain[2]!, chain[3]!], sha256);
    expect(gap).toMatchObject({ intact: false, brokenAt: { seq: 3 } });
    // A forger who recomputes the altered event's hash still breaks the next link.
    const forged = { ...chain[1]!, action: "forged" };
    forged.hash = eventHash(forged, sha256);
    expect(verifyChain([chain[0]!, forged, chain[2]!, chain[3]!], sha256)).toMatchObject({ intact: false, brokenAt: { seq: 3 } });
    const head = { seq: 4, hash: chain[3]!.hash };
    expect(verifyChain(chain.slice(0, 3), sha256, head)).toMatchObject({ intact: false });
  });

  it("holds a chain to an anchor from outside: a rewritten history or a removed tail no longer matches it", () => {
    const chain = buildChain(["a", "b", "c", "d"]);
    const anchor = { seq: 3, hash: chain[2]!.hash, label: "the checkpoint of noon" };
    expect(verifyChain(chain, sha256, { seq: 4, hash: chain[3]!.hash }, anchor)).toMatchObject({ intact: true });
    // Truncated to two events with a consistent head: only the anchor knows there were more.
    const truncated = chain.slice(0, 2);
    expect(verifyChain(truncated, sha256, { seq: 2, hash: chain[1]!.hash })).toMatchObject({ intact: true });
    const cut = verifyChain(truncated, sha256, { seq: 2, hash: chain[1]!.hash }, anchor);
    expect(cut).toMatchObject({ intact: false, brokenAt: { id: "", seq: 3 } });
    if (!cut.intact) expect(cut.brokenAt.reason).toMatch(/^the checkpoint of noon recorded 3 events but 2 are stored/);
    // Rewritten from the second event on, every hash recomputed: the links hold, the anchor does not.
    const rewritten = buildChain(["a", "B", "c", "d"]);
    expect(verifyChain(rewritten, sha256)).toMatchObject({ intact: true });
    expect(verifyChain(rewritten, sha256, undefined, anchor)).toMatchObject({ intact: false, brokenAt: { seq: 3 } });
  });

  it("signs heads and checkpoints over statements that name every field", () => {
    expect(headStatement("org", 3, "h")).toBe('{"chain":"org","hash":"h","kind":"isms-audit-head","seq":3}');
    expect(checkpointStatement({ chain: "org", seq: 3, headHash: "h", at: "t" })).toBe(
      '{"at":"t","chain":"org","headHash":"h","kind":"isms-audit-checkpoint","seq":3}',
    );
  });

  it("diffs only changed fields and redacts secrets", () => {
    expect(diffFields({ a: 1, b: 2, secret: "x" }, { a: 1, b: 3, secret: "y" }, ["secret"])).toEqual({
      b: { before: 2, after: 3 },
      secret: { before: "[redacted]", after: "[redacted]" },
    });
    expect(diffFields(null, { a: 1 })).toEqual({ a: { before: null, after: 1 } });
  });
});
