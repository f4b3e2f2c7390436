import { Lexer, Parser } from "yaml";

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found by one pass over the text
 * before it is parsed: a parser or a walk that recurses would overflow the stack on input that
 * nests thousands deep, and a parser that does not would build it all first.
 */
export function jsonNestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Whether a YAML text nests collections deeper than `max`. The yaml package's document composer
 * recurses, and nesting a few thousand deep takes the process down (not only the request), so
 * the text is first run through its concrete-syntax parser, which keeps an explicit stack, and
 * given up on as soon as that stack is deeper than the limit (it holds one entry a collection,
 * give or take one for a list of scalars written inline).
 */
export function yamlNestingExceeds(text: string, max: number): boolean {
  const parser = new Parser();
  // The stack holds the document and the token being read besides one entry per collection.
  const deepest = max + 2;
  for (const lexeme of new Lexer().lex(text)) {
    for (const _ of parser.next(lexeme));
    if (parser.stack.length > deepest) return true;
  }
  for (const _ of parser.end());
  return false;
}

/**
 * The first string in a value, by its path, that `test` picks out: a walk with its own stack, so
 * that no nesting can overflow the call stack. Keys are tested too.
 */
export function findString(value: unknown, test: (text: string) => boolean): string | null {
  const pending: [unknown, string][] = [[value, ""]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === "string") {
      if (test(item)) return path;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push([item[i], `${path}[${i}]`]);
    } else if (item && typeof item === "object") {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i] as [string, unknown];
        pending.push([inner, path ? `${path}.${key}` : key]);
        // A key is tested before its value, under the path of the object that holds it.
        pending.push([key, path]);
      }
    }
  }
  return null;
}
