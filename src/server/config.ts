import { availableParallelism } from "node:os";
import { z } from "zod";
import { parseTrustProxy, type TrustProxy } from "./security/trust-proxy.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
/** Who may read /metrics: nobody, holders of ISMS_METRICS_TOKEN, or whoever reaches a separate listener. */
export const METRICS_MODES = ["off", "token", "port"] as const;
export type MetricsMode = (typeof METRICS_MODES)[number];

/** A whole number in [min, max], `fallback` when unset. */
const limit = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` })
    .default(fallback);

const ConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("sqlite:./data/isms.sqlite")
    .refine((v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
      error: "must be sqlite:<path> or postgres://user@host:port/database",
    }),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be between 1 and 65535" })
    .max(65535, { error: "must be between 1 and 65535" })
    .default(3000),
  HOST: z.string().min(1, { error: "must not be empty" }).default("127.0.0.1"),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  ISMS_TRUST_PROXY: z
    .string()
    .default("false")
    .transform((v, ctx): TrustProxy => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === "object" && "error" in parsed) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed;
    }),
  ISMS_ADMIN_EMAIL: z.email({ error: "must be an email address" }).optional(),
  ISMS_ADMIN_PASSWORD: z.string().min(12, { error: "must be at least 12 characters" }).optional(),
  ISMS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
  ISMS_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  // Bounds on what an upload may expand to; docs/operations.md lists them, src/server/http/limits.ts applies them.
  ISMS_UPLOAD_MAX_BYTES: limit(1024, 1024 ** 3, 32 * 1024 ** 2),
  ISMS_UPLOAD_MAX_ROWS: limit(1, 10_000_000, 200_000),
  ISMS_UPLOAD_MAX_COLUMNS: limit(1, 16_384, 256),
  ISMS_UPLOAD_MAX_CELL_CHARS: limit(1, 10_000_000, 32_767),
  ISMS_UPLOAD_MAX_CELLS: limit(1, 1_000_000_000, 5_000_000),
  ISMS_UPLOAD_MAX_ARCHIVE_ENTRIES: limit(1, 65_535, 1000),
  ISMS_UPLOAD_MAX_UNCOMPRESSED_BYTES: limit(1024, 4 * 1024 ** 3, 256 * 1024 ** 2),
  ISMS_UPLOAD_MAX_COMPRESSION_RATIO: limit(2, 100_000, 100),
  ISMS_INPUT_MAX_DEPTH: limit(8, 10_000, 64),
  /** Bytes of a backup uploaded to restore (docs/operations.md); its expansion is bounded by ISMS_UPLOAD_MAX_COMPRESSION_RATIO. */
  ISMS_RESTORE_MAX_BYTES: limit(1024, 4 * 1024 ** 3, 1024 ** 3),
  /** Bytes of one evidence file (docs/security.md); larger uploads are refused with 413 naming this setting. */
  ISMS_EVIDENCE_MAX_BYTES: limit(1024, 1024 ** 3, 25 * 1024 ** 2),
  /** Worker threads for Monte Carlo simulations; by default one fewer than the cores, from 1 to 4. */
  ISMS_QUANT_WORKERS: z.coerce
    .number()
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be between 1 and 64" })
    .max(64, { error: "must be between 1 and 64" })
    .default(Math.min(4, Math.max(1, availableParallelism() - 1))),
  /** Simulations one organization may have running or waiting at once; beyond that, 429. */
  ISMS_QUANT_PER_ORG: z.coerce
    .number()
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be between 1 and 100" })
    .max(100, { error: "must be between 1 and 100" })
    .default(2),
  // --- metrics and audit integrity (docs/security.md, docs/operations.md) ---
  ISMS_METRICS: z.enum(METRICS_MODES, { error: `must be one of ${METRICS_MODES.join(", ")}` }).optional(),
  ISMS_METRICS_TOKEN: z.string().min(16, { error: "must be at least 16 characters" }).optional(),
  ISMS_METRICS_PORT: z.coerce
    .number({ error: "must be a port number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be between 1 and 65535" })
    .max(65535, { error: "must be between 1 and 65535" })
    .optional(),
  ISMS_METRICS_HOST: z.string().min(1, { error: "must not be empty" }).default("127.0.0.1"),
  ISMS_AUDIT_KEY_FILE: z.string().min(1).optional(),
  ISMS_AUDIT_KEY: z.string().min(1).optional(),
  // --- end of metrics and audit integrity ---
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Reads configuration from the environment. A bad value is one clear line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]));
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${String(i.path[0])} ${i.message}${showValue(picked[String(i.path[0])], String(i.path[0]))}`,
    );
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  if (parsed.data.ISMS_ADMIN_EMAIL && !parsed.data.ISMS_ADMIN_PASSWORD) {
    throw new ConfigError("invalid configuration: ISMS_ADMIN_PASSWORD must be set when ISMS_ADMIN_EMAIL is set");
  }
  checkMetrics(parsed.data);
  return parsed.data;
}

/**
 * /metrics is off unless configured: naming a token or a port is enough to choose that mode,
 * and a mode that lacks what it needs is refused at start rather than left open.
 */
export function metricsMode(config: Config): MetricsMode {
  if (config.ISMS_METRICS) return config.ISMS_METRICS;
  if (config.ISMS_METRICS_TOKEN) return "token";
  if (config.ISMS_METRICS_PORT) return "port";
  return "off";
}

export const DEFAULT_METRICS_PORT = 9464;

function checkMetrics(config: Config): void {
  const mode = metricsMode(config);
  if (mode === "token" && !config.ISMS_METRICS_TOKEN) {
    throw new ConfigError("invalid configuration: ISMS_METRICS_TOKEN must be set when ISMS_METRICS is token");
  }
  if (mode === "port" && (config.ISMS_METRICS_PORT ?? DEFAULT_METRICS_PORT) === config.PORT) {
    throw new ConfigError("invalid configuration: ISMS_METRICS_PORT must differ from PORT");
  }
  if (config.ISMS_AUDIT_KEY && config.ISMS_AUDIT_KEY_FILE) {
    throw new ConfigError("invalid configuration: set ISMS_AUDIT_KEY or ISMS_AUDIT_KEY_FILE, not both");
  }
}

function showValue(value: string | undefined, name: string): string {
  if (value === undefined || /PASSWORD|URL|TOKEN|KEY$/.test(name)) return "";
  return ` (got "${value}")`;
}

export const testConfig = (overrides: Partial<Config> = {}): Config => ({ ...loadConfig({}), ...overrides });
