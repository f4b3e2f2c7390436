/**
 * Layering and module boundaries, checked in .ci/run (`npm run lint:deps`):
 * - src/core is pure: it imports nothing from the server, the web app or the CLI;
 * - src/contracts imports only core (and zod);
 * - the web app never imports the server;
 * - a server module uses another module only through its public surface,
 *   src/server/modules/<other>/index.ts, never its other files (*.repo.ts and the rest);
 * - a module's routes never import kysely: their queries live in the module's repository;
 * - no cycles between module folders.
 * Violations that predate these rules are listed in .dependency-cruiser-known-violations.json
 * (`npm run lint:deps:baseline` rewrites it); anything new fails the check.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment: "src/core holds pure domain logic: no server, web or CLI imports",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/(server|web|cli)/" },
    },
    {
      name: "contracts-import-core-only",
      comment: "contracts describe the API for the server, the web app and the CLI: they import only core and zod",
      severity: "error",
      from: { path: "^src/contracts/" },
      to: { path: "^src/(server|web|cli)/" },
    },
    {
      name: "web-never-imports-server",
      severity: "error",
      from: { path: "^src/web/" },
      to: { path: "^src/(server|cli)/" },
    },
    {
      name: "cross-module-via-index",
      comment: "a server module uses another module only through src/server/modules/<other>/index.ts",
      severity: "error",
      from: { path: "^src/server/modules/([^/]+)/" },
      to: {
        path: "^src/server/modules/([^/]+)/",
        pathNot: ["^src/server/modules/$1/", "^src/server/modules/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "outside-modules-via-index",
      comment:
        "the rest of the server (imports, app wiring, workers) uses modules through their public surface; the CLI and tests are exempt",
      severity: "error",
      from: { path: "^src/server/", pathNot: ["^src/server/modules/", "^src/server/app\\.ts$"] },
      to: { path: "^src/server/modules/[^/]+/", pathNot: "^src/server/modules/[^/]+/index\\.ts$" },
    },
    {
      name: "routes-do-not-query",
      comment:
        "a module's routes keep to HTTP (parsing, access, status codes, presenting): queries live in its repository, so routes never import kysely",
      severity: "error",
      from: { path: "^src/server/modules/[^/]+/[^/]+\\.routes\\.ts$" },
      to: { path: "(^|/)node_modules/kysely/" },
    },
    {
      name: "no-module-folder-cycles",
      comment: "no cycle between server module folders",
      severity: "error",
      from: { path: "^src/server/modules/([^/]+)/" },
      to: { path: "^src/server/modules/", circular: true, viaOnly: { pathNot: "^src/server/modules/$1/" } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test\\.tsx?$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js"] },
  },
};
