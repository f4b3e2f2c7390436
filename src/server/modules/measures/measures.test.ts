import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, addMember, setUpInstance, startTestServer, type TestServer } from "../../../../test/helpers/server.js";

let server: TestServer;
let admin: ApiClient;
let viewer: ApiClient;
let adminId: string;
let orgId: string;
let base: string;

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
const csv = (text: string) => ({ filename: "values.csv", format: "csv", contentBase64: Buffer.from(text).toString("base64") });
const thisMonth = () => `${new Date().toISOString().slice(0, 7)}-01`;
const monthsAgo = (n: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, 1)).toISOString().slice(0, 10);
};

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, orgId, adminId } = await setUpInstance(server));
  base = `/api/v1/orgs/${orgId}`;
  viewer = (await addMember(server, admin, orgId, "v@example.com", "viewer")).client;
});
afterAll(async () => server.close());

const measure = (over: Record<string, unknown>) => ({
  title: "Patched systems",
  kind: "base",
  key: "patched",
  informationNeed: "Are systems patched in time?",
  unit: "systems",
  frequency: "monthly",
  startDate: monthsAgo(12),
  ownerUserId: adminId,
  target: 95,
  ...over,
});

describe("measures", () => {
  let patched: { id: string };
  let total: { id: string };
  let coverage: { id: string };

  it("defines base measures and a derived one; an invalid formula is refused with its position", async () => {
    patched = (await admin.post(`${base}/measures`, measure({}))).body;
    expect(patched).toMatchObject({ ref: "M-01", kind: "base", key: "patched" });
    total = (await admin.post(`${base}/measures`, measure({ title: "Systems", key: "total" }))).body;
    const dup = await admin.post(`${base}/measures`, measure({ title: "Again" }));
    expect(dup.status).toBe(400);
    expect(fields(dup.body)).toEqual(["key"]);

    const bad = await admin.post(
      `${base}/measures`,
      measure({ title: "Coverage", kind: "derived", key: null, formula: "patched / totl * 100" }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: "formula", message: '"totl" is not a base measure of this measure (use patched, total) (at line 1, column 11)' },
    ]);
    const syntax = await admin.post(
      `${base}/measures`,
      measure({ title: "Coverage", kind: "derived", key: null, formula: "patched / (total" }),
    );
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors[0].message).toMatch(/^syntax error: .* \(at line 1, column \d+\)$/);

    const criteria = await admin.post(
      `${base}/measures`,
      measure({ title: "Coverage", kind: "derived", key: null, formula: "patched / total * 100", onTarget: 90, act: 95 }),
    );
    expect(fields(criteria.body)).toEqual(["act"]);
    coverage = (
      await admin.post(
        `${base}/measures`,
        measure({
          title: "Patch coverage",
          kind: "derived",
          key: null,
          formula: "patched / total * 100",
          onTarget: 90,
          act: 75,
          target: 95,
        }),
      )
    ).body;
    expect(coverage).toMatchObject({ ref: "M-03", formula: "patched / total * 100", onTarget: 90, act: 75 });
    expect((await viewer.post(`${base}/measures`, measure({ title: "X", key: "x" }))).status).toBe(403);
  });

  it("takes values per period and shows the derived trend crossing a threshold; zero and missing values give no value with the reason", async () => {
    const enter = (id: string, period: string, value: number | null) => admin.post(`${base}/measures/${id}/values`, { period, value });
    for (const [i, p, t] of [
      [3, 48, 50],
      [2, 46, 50],
      [1, 30, 50],
    ] as const) {
      expect((await enter(patched.id, monthsAgo(i), p)).status).toBe(201);
      expect((await enter(total.id, monthsAgo(i), t)).status).toBe(201);
    }
    // A date inside the period is stored as the period's first day; the period now has its value.
    const again = await enter(patched.id, monthsAgo(1).replace(/-01$/, "-15"), 31);
    expect(again.status).toBe(409);
    expect((await admin.post(`${base}/measures/${coverage.id}/values`, { period: thisMonth(), value: 1 })).status).toBe(409);
    await enter(total.id, thisMonth(), 0);
    await enter(patched.id, thisMonth(), 0);
    const series = (await viewer.get(`${base}/measures/${coverage.id}/series`)).body;
    expect(series.points.map((p: { value: number | null; status: string | null }) => [p.value, p.status])).toEqual([
      [96, "on_target"],
      [92, "on_target"],
      [60, "act"],
      [null, null],
    ]);
    expect(series.points[3].reason).toBe("the formula divides by zero in this period");
    expect(series.crossings).toEqual([{ period: monthsAgo(1), from: "on_target", to: "act" }]);

    // A value changed through PATCH (version checked) changes the trend.
    const value = series.points.length && (await admin.get(`${base}/measures/${patched.id}/series`)).body.points[2];
    const patchedValue = await admin.request("PATCH", `${base}/measures/${patched.id}/values/${value.id}`, {
      value: 40,
      version: value.version,
    });
    expect(patchedValue.body).toMatchObject({ value: 40, version: 2 });
    expect((await admin.request("PATCH", `${base}/measures/${patched.id}/values/${value.id}`, { value: 41, version: 1 })).status).toBe(409);
    const latest = (await admin.get(`${base}/measures/${coverage.id}`)).body.latest;
    expect(latest).toMatchObject({ value: null, reason: "the formula divides by zero in this period" });
  });

  it("imports values from CSV all or nothing, with problems by row and column", async () => {
    const refused = await admin.post(
      `${base}/measure-values/import`,
      csv(`measure,period,value\nM-01,${monthsAgo(5)},40\nnope,2026-13-01,abc\nM-03,${monthsAgo(5)},1\n`),
    );
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(["rows.3.measure", "rows.3.period", "rows.3.value", "rows.4.measure"]);
    expect((await admin.get(`${base}/measures/${patched.id}/series`)).body.points).toHaveLength(4);
    const ok = await admin.post(
      `${base}/measure-values/import`,
      csv(
        `measure,period,value,note\nM-01,${monthsAgo(5)},40,\ntotal,${monthsAgo(5)},50,from CMDB\npatched,${monthsAgo(1)},45,corrected\n`,
      ),
    );
    expect(ok.body).toEqual({ created: 2, updated: 1 });
  });

  it("computes built-in measures on demand, with a reason where there is no value", async () => {
    const builtins = (await viewer.get(`${base}/measures/builtins`)).body.items.map((b: { key: string }) => b.key);
    expect(builtins).toEqual(
      expect.arrayContaining(["controls-implemented", "risks-above-threshold", "training-coverage", "audit-programme-coverage"]),
    );
    const bad = await admin.post(`${base}/measures`, measure({ title: "Nope", kind: "builtin", key: null, builtinKey: "nope" }));
    expect(fields(bad.body)).toEqual(["builtinKey"]);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    for (const [title, days] of [
      ["Old lapse", 40],
      ["Fresh lapse", 5],
    ] as const)
      expect((await admin.post(`${base}/nonconformities`, { title, detectedOn: daysAgo(days) })).status).toBe(201);
    for (const key of ["overdue-reviews", "open-nonconformities-30-days", "audit-programme-coverage"])
      expect(
        (
          await admin.post(
            `${base}/measures`,
            measure({
              title: key,
              kind: "builtin",
              key: null,
              builtinKey: key,
              ...(key === "audit-programme-coverage"
                ? { direction: "higher_is_better", onTarget: 100, act: 50 }
                : { direction: "lower_is_better", onTarget: 0, act: 3 }),
            }),
          )
        ).status,
      ).toBe(201);
    const recompute = await admin.post(`${base}/measures/recompute`);
    expect(recompute.status).toBe(200);
    expect(recompute.body.computed.map((c: { value: number | null; reason: string | null }) => [c.value, c.reason])).toEqual([
      [0, null],
      [1, null],
      [null, "there is no audit programme yet"],
    ]);
    // A programme of the current cycle with one audit over clauses 4–10: the clauses are covered, and no control is included.
    const year = new Date().toISOString().slice(0, 4);
    const programme = await admin.post(`${base}/audit-programmes`, { title: "Cycle", cycleStart: `${year}-01-01` });
    expect(programme.status).toBe(201);
    expect(
      (
        await admin.post(`${base}/audits`, {
          programmeId: programme.body.id,
          title: "Management system",
          scope: { clauses: ["4", "5", "6", "7", "8", "9"] },
          startDate: `${year}-01-02`,
        })
      ).status,
    ).toBe(201);
    const covered = (await admin.post(`${base}/measures/recompute`)).body.computed[2];
    expect(covered.reason).toBeNull();
    // Clause 10 is not in the audit's scope: part, not all, is covered.
    expect(covered.value).toBeGreaterThan(50);
    expect(covered.value).toBeLessThan(100);
    expect((await viewer.post(`${base}/measures/recompute`)).status).toBe(403);
  });

  it("shows overdue collections on the dashboard, in my work and in the calendar feed", async () => {
    const phish = await admin.post(`${base}/measures`, measure({ title: "Phishing reports", key: "phish", startDate: monthsAgo(2) }));
    expect(phish.body.ref).toBe("M-07");
    const dashboard = (await viewer.get(`${base}/measurement/dashboard`)).body;
    expect(dashboard.indicators.length).toBe(7);
    // Two ended months without a value; the base measures with values in every recent period are not overdue.
    expect(dashboard.overdue.map((d: { reference: string; due: string }) => [d.reference, d.due])).toEqual(
      [
        ["M-07", monthsAgo(1)],
        ["M-07", thisMonth()],
      ].filter(([, due]) => (due as string) < new Date().toISOString().slice(0, 10)),
    );
    expect(dashboard.counts).toMatchObject({ act: 0 });
    const mine = (await admin.get(`${base}/my-work?days=60`)).body;
    expect(mine.items.some((i: { kind: string; overdue: boolean }) => i.kind === "measure_collection" && i.overdue)).toBe(true);
    expect((await viewer.get(`${base}/my-work`)).body.items).toEqual([]);

    const token = (await admin.post(`${base}/tokens`, { name: "calendar" })).body.token as string;
    const feed = await fetch(`${server.url}${base}/calendar.ics`, {
      headers: { authorization: `Basic ${Buffer.from(`x:${token}`).toString("base64")}` },
    });
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    const text = await feed.text();
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text).toContain("SUMMARY:M-07: Collect");
    expect((await fetch(`${server.url}${base}/calendar.ics`)).status).toBe(401);
  });

  it("refuses to remove a base measure a formula uses, and counts 9.4a on the roadmap", async () => {
    expect((await admin.delete(`${base}/measures/${patched.id}`)).status).toBe(409);
    const activity = (await admin.get(`${base}/roadmap`)).body;
    const a = JSON.stringify(activity);
    expect(a).toContain("9.4a");
  });
});
