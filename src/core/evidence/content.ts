/**
 * What an evidence file is, judged from its first bytes (never from its name), and whether it
 * is accepted. Executables and scripts are refused; markup that a browser would run (HTML, SVG,
 * XML) is kept but only ever served as a download.
 */

/** How many leading bytes the judgement reads. */
export const SNIFF_BYTES = 4100;

/** A type the detector recognised from the bytes (file-type's result). */
export interface Detected {
  ext: string;
  mime: string;
}

const EXECUTABLE_EXTS = new Set(["exe", "elf", "macho", "msi", "dex", "class", "wasm", "deb", "rpm", "apk", "swf", "cab", "dmg", "lnk"]);
/** Names that run when opened on a common desktop, refused even when the bytes look harmless. */
const EXECUTABLE_NAMES = /\.(exe|com|scr|bat|cmd|ps1|psm1|vbs|vbe|js|jse|wsf|wsh|msi|msp|dll|cpl|jar|sh|bash|app|hta|lnk|reg)$/i;

export type Judgement = { ok: true; contentType: string; active: boolean } | { ok: false; reason: string };

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

function looksLikeText(head: Uint8Array): boolean {
  for (const b of head) if (b === 0) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.length === SNIFF_BYTES ? head.subarray(0, head.length - 4) : head);
    return true;
  } catch {
    return false;
  }
}

/** HTML, SVG or XML that a browser would render (and run scripts in) if it were shown inline. */
function activeMarkup(text: string): string | null {
  const t = text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .slice(0, 1000)
    .toLowerCase();
  if (/<svg[\s>]/.test(t)) return "image/svg+xml";
  if (t.startsWith("<!doctype html") || /<(html|script|iframe|body|head)[\s>]/.test(t)) return "text/html";
  if (t.startsWith("<?xml")) return "application/xml";
  return null;
}

/**
 * Accepts or refuses a file from what the detector found in its bytes, its first bytes and its
 * name. `active` marks content a browser would execute: it is served only as an attachment.
 */
export function judgeContent(detected: Detected | undefined, head: Uint8Array, filename: string): Judgement {
  if (detected && EXECUTABLE_EXTS.has(detected.ext))
    return { ok: false, reason: `the file is an executable program (${detected.mime}); executables are not accepted as evidence` };
  if (startsWith(head, [0x4d, 0x5a]))
    return { ok: false, reason: "the file is a Windows executable; executables are not accepted as evidence" };
  if (startsWith(head, [0x23, 0x21]))
    return { ok: false, reason: "the file is a script (it starts with #!); scripts are not accepted as evidence" };
  if (EXECUTABLE_NAMES.test(filename))
    return { ok: false, reason: `the file name "${filename}" is that of a program or script; these are not accepted as evidence` };
  if (detected) {
    const active = detected.mime === "image/svg+xml" || detected.mime === "text/html" || detected.ext === "xml";
    return { ok: true, contentType: detected.mime, active };
  }
  if (head.length > 0 && looksLikeText(head)) {
    const markup = activeMarkup(new TextDecoder().decode(head));
    return markup ? { ok: true, contentType: markup, active: true } : { ok: true, contentType: "text/plain", active: false };
  }
  return { ok: true, contentType: "application/octet-stream", active: false };
}

/** A file name safe to put in a header and on disk: no path, no control characters, bounded. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join("")
    .trim()
    .slice(0, 200);
  return clean === "" || clean === "." || clean === ".." ? "evidence" : clean;
}

/** Content-Disposition for a download: always an attachment, with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/[\\"]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
