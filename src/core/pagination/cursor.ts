/**
 * Keyset pagination: the cursor carries the sort value and id of the last row of a page, so
 * the next page starts strictly after it whatever is inserted meanwhile.
 */
export interface CursorPosition {
  value: string | number | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  const bytes = new TextEncoder().encode(JSON.stringify([position.value, position.id]));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function decodeCursor(cursor: string): CursorPosition | null {
  try {
    if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) return null;
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed as unknown[];
    if (typeof id !== "string") return null;
    if (value !== null && typeof value !== "string" && typeof value !== "number") return null;
    // No list issues a NUL (PostgreSQL cannot even compare text holding one).
    if (id.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) return null;
    return { value, id };
  } catch {
    return null;
  }
}
