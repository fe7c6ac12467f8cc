import type { Cursor, CursorValue, SortKeyType } from "./types.ts";

// Cursors are opaque to the URL reader but not secret: base64url of a small JSON tuple
// [sort key, desc, value, id, dir]. Decoding validates every part, so a hand-edited cursor is
// either a valid position or ignored (the first page), never an error.

const MAX_CURSOR_LENGTH = 512;

export function encodeCursor(c: Cursor): string {
  return toBase64Url(JSON.stringify([c.sort, c.desc ? 1 : 0, c.value, c.id, c.dir === "prev" ? "p" : "n"]));
}

/** The cursor when it is well-formed and belongs to `sortKeys`; null otherwise. */
export function decodeCursor(raw: string, sortKeys: Readonly<Record<string, SortKeyType>>): Cursor | null {
  if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(raw));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) return null;
  const [sort, desc, value, id, dir] = parsed as unknown[];
  if (typeof sort !== "string" || !Object.hasOwn(sortKeys, sort)) return null;
  if (desc !== 0 && desc !== 1) return null;
  if (typeof id !== "string" || !/^\d{1,19}$/.test(id) || BigInt(id) > 9223372036854775807n) return null;
  if (dir !== "n" && dir !== "p") return null;
  const checked = checkValue(value, sortKeys[sort] as SortKeyType);
  if (checked === null) return null;
  return { sort, desc: desc === 1, value: checked, id, dir: dir === "p" ? "prev" : "next" };
}

function checkValue(value: unknown, type: SortKeyType): CursorValue | null {
  switch (type) {
    case "date":
      // ISO instants only (what the list queries write), so the database parses exactly what we checked.
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && Number.isFinite(Date.parse(value))
        ? value
        : null;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    case "bigint":
      return typeof value === "string" && /^-?\d{1,19}$/.test(value) ? value : null;
    case "text":
      return typeof value === "string" && value.length <= 300 ? value : null;
  }
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(raw: string): string {
  const b64 = raw.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
}
