import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("has working defaults", () => {
    expect(loadConfig({})).toMatchObject({
      DATABASE_URL: "sqlite:./data/isms.sqlite",
      PORT: 3000,
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ISMS_TRUST_PROXY: false,
    });
  });

  it("names the variable and the problem in one line", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/^invalid configuration: PORT must be a port number \(got "eighty"\)$/);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT must be between 1 and 65535/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be sqlite:<path> or postgres:/);
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL must be one of/);
    expect(() => loadConfig({ ISMS_TRUST_PROXY: "maybe" })).toThrow(/ISMS_TRUST_PROXY must be false, true, a hop count/);
    expect(() => loadConfig({ ISMS_ADMIN_EMAIL: "a@example.com" })).toThrow(/ISMS_ADMIN_PASSWORD must be set/);
  });

  it("never echoes a database URL, which may hold a password", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://user:secret@host" })).not.toThrow(/secret/);
  });

  it("reads proxy trust as a boolean, a hop count or addresses", () => {
    expect(loadConfig({ ISMS_TRUST_PROXY: "true" }).ISMS_TRUST_PROXY).toBe(true);
    expect(loadConfig({ ISMS_TRUST_PROXY: "2" }).ISMS_TRUST_PROXY).toEqual({ hops: 2 });
    expect(loadConfig({ ISMS_TRUST_PROXY: "10.0.0.1, 10.0.0.2" }).ISMS_TRUST_PROXY).toEqual({ addresses: ["10.0.0.1", "10.0.0.2"] });
  });

  it("reads the upload limits, with defaults, refusing a value out of range", () => {
    expect(loadConfig({})).toMatchObject({
      ISMS_UPLOAD_MAX_BYTES: 32 * 1024 * 1024,
      ISMS_UPLOAD_MAX_ROWS: 200_000,
      ISMS_UPLOAD_MAX_COLUMNS: 256,
      ISMS_UPLOAD_MAX_CELL_CHARS: 32_767,
      ISMS_UPLOAD_MAX_CELLS: 5_000_000,
      ISMS_UPLOAD_MAX_ARCHIVE_ENTRIES: 1000,
      ISMS_UPLOAD_MAX_UNCOMPRESSED_BYTES: 256 * 1024 * 1024,
      ISMS_UPLOAD_MAX_COMPRESSION_RATIO: 100,
      ISMS_INPUT_MAX_DEPTH: 64,
    });
    expect(loadConfig({ ISMS_UPLOAD_MAX_ROWS: "1000000" }).ISMS_UPLOAD_MAX_ROWS).toBe(1_000_000);
    expect(() => loadConfig({ ISMS_UPLOAD_MAX_ROWS: "0" })).toThrow(/ISMS_UPLOAD_MAX_ROWS must be between 1 and 10000000 \(got "0"\)/);
    expect(() => loadConfig({ ISMS_UPLOAD_MAX_COLUMNS: "many" })).toThrow(/ISMS_UPLOAD_MAX_COLUMNS must be a whole number/);
    expect(() => loadConfig({ ISMS_INPUT_MAX_DEPTH: "2.5" })).toThrow(/ISMS_INPUT_MAX_DEPTH must be a whole number/);
    expect(() => loadConfig({ ISMS_UPLOAD_MAX_BYTES: "1" })).toThrow(/ISMS_UPLOAD_MAX_BYTES must be between 1024 and/);
  });
});
