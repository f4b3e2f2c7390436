import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import argon2 from "argon2";

export const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** A URL-safe random secret with the given number of bytes of entropy. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString("base64url");

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 30 ms here. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, ARGON2_OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real verification, so unknown emails cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomSecret());
  await verifyPassword(await dummyHash, password);
}
