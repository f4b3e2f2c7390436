const POOL_IDS = 256;
let pool = new Uint8Array(0);
let poolOffset = 0;

/** Random bytes drawn in blocks: one call to the system's generator serves 256 ids (imports make 100,000 at once). */
function randomBytes16(): Uint8Array {
  if (poolOffset >= pool.length) {
    pool = new Uint8Array(16 * POOL_IDS);
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.slice(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return bytes;
}

/** UUIDv7 (RFC 9562): time-ordered, so ids sort by creation and index well on both databases. */
export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes16();
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
