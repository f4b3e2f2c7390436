import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/db.js";
import { ConfigError, testConfig } from "./config.js";
import { bootstrapAdmin } from "./main.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe("the first administrator from the environment", () => {
  it("refuses a password the rules refuse, naming ISMS_ADMIN_PASSWORD, and creates nobody", async () => {
    for (const [password, reason] of [
      ["password1234", "is too close to a common or breached password"],
      ["my root password", "must not contain your email address or the part before the @"],
    ] as const) {
      const config = testConfig({ ISMS_ADMIN_EMAIL: "root@example.com", ISMS_ADMIN_PASSWORD: password });
      const refused = bootstrapAdmin(database.db, config);
      await expect(refused).rejects.toThrow(ConfigError);
      await expect(bootstrapAdmin(database.db, config)).rejects.toThrow(`invalid configuration: ISMS_ADMIN_PASSWORD ${reason}`);
    }
    expect(await database.db.kysely.selectFrom("users").select("id").execute()).toEqual([]);
  });

  it("creates the administrator with an acceptable password, once", async () => {
    const config = testConfig({ ISMS_ADMIN_EMAIL: "root@example.com", ISMS_ADMIN_PASSWORD: "first start passphrase 9" });
    expect(await bootstrapAdmin(database.db, config)).toBe(true);
    expect(await bootstrapAdmin(database.db, config)).toBe(false);
  });
});
