import type { Command } from "commander";
import { serve } from "../../server/main.js";
import { type CliIo, readConfig, usageError } from "../context.js";

export function registerServe(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("start the web server, configured by the environment (DATABASE_URL, PORT, HOST, …) like `npm start`")
    .action(async () => {
      const { config, schema } = readConfig(io.env);
      // serve() has no schema option: the server would quietly use another schema than the CLI.
      if (schema) throw usageError("ISMS_DB_SCHEMA is a testing aid for the other commands; `isms serve` does not support it");
      const app = await serve(config);
      // The command lasts as long as the server; serve() ends the process on SIGTERM/SIGINT.
      await new Promise<void>((resolve) => app.server.once("close", () => resolve()));
    });
}
