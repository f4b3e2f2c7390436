import { config } from "zod";

/**
 * Zod compiles fast parsers with `new Function` when it can, and finds out by trying. The CSP
 * forbids eval, and even the failed try is reported as a violation, so it is switched off
 * before any schema is defined: main.tsx imports this module first.
 */
config({ jitless: true });
