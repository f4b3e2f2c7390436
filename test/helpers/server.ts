import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { type Config, testConfig } from "../../src/server/config.js";
import { type Db, openDatabase } from "../../src/server/db/database.js";
import { createTestDatabase, type TestDatabase } from "./db.js";

export interface TestServer {
  app: FastifyInstance;
  db: Db;
  database: TestDatabase;
  url: string;
  close(): Promise<void>;
}

/** The real app on a real database, listening on a free port: tests speak real HTTP to it. */
export async function startTestServer(config: Partial<Config> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const { app, url } = await listenOn(database.db, config);
  return {
    app,
    db: database.db,
    database,
    url,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

async function listenOn(db: Db, config: Partial<Config>): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({ db, config: testConfig(config), logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return { app, url: `http://127.0.0.1:${address.port}` };
}

/**
 * A second app instance over the same database as `server` (the same SQLite file, or the same
 * PostgreSQL schema) through a connection of its own, as another process would have.
 */
export async function startSecondInstance(server: TestServer, config: Partial<Config> = {}) {
  const db = openDatabase(server.database.url, server.database.schema ? { schema: server.database.schema } : {});
  const { app, url } = await listenOn(db, config);
  return {
    app,
    url,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like API client: keeps the session cookie and sends the CSRF token, or uses a bearer token. */
export class ApiClient {
  private cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly bearer: string | null = null,
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    const bytes = body instanceof Uint8Array;
    if (body !== undefined && typeof body !== "string" && !bytes) h["content-type"] = "application/json";
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    else if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && !this.bearer && !["GET", "HEAD"].includes(method)) h["x-csrf-token"] ??= this.csrfToken;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === "string" || bytes ? (body as BodyInit) : JSON.stringify(body),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) {
      const [pair] = setCookie.split(";");
      this.cookie = pair && !pair.endsWith("=") ? pair : null;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    const sessionInfo = parsed as { csrfToken?: string } | null;
    if (sessionInfo && typeof sessionInfo === "object" && typeof sessionInfo.csrfToken === "string" && sessionInfo.csrfToken) {
      this.csrfToken = sessionInfo.csrfToken;
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>("GET", path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>("POST", path, body ?? {});
  patch = <T = any>(path: string, body: unknown) => this.request<T>("PATCH", path, body);
  delete = <T = any>(path: string) => this.request<T>("DELETE", path);

  async login(email: string, password: string): Promise<ApiResponse> {
    return this.post("/api/v1/auth/login", { email, password });
  }
}

export const PASSWORD = "correct horse battery staple";

/** Sets up the instance (first admin) and an organization; returns the admin's client and the org id. */
export async function setUpInstance(server: TestServer, email = "admin@example.com") {
  const admin = new ApiClient(server.url);
  const setup = await admin.post("/api/v1/setup", { email, displayName: "Admin", password: PASSWORD });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const org = await admin.post("/api/v1/orgs", { name: "Acme" });
  if (org.status !== 201) throw new Error(`org failed: ${org.status} ${JSON.stringify(org.body)}`);
  return { admin, orgId: org.body.id as string, adminId: setup.body.user.id as string };
}

/** Invites a user with a role and has them accept; returns their signed-in client. */
export async function addMember(
  server: TestServer,
  admin: ApiClient,
  orgId: string,
  email: string,
  role: string,
  displayName = email.split("@")[0] ?? "user",
) {
  const invite = await admin.post(`/api/v1/orgs/${orgId}/invites`, { email, role });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const client = new ApiClient(server.url);
  const accepted = await client.post(`/api/v1/invites/${invite.body.token}/accept`, { password: PASSWORD, displayName });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { client, userId: accepted.body.user.id as string };
}
