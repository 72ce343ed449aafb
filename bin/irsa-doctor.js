#!/usr/bin/env node
// The installed command: loads the compiled CLI from dist/ and hands it argv.
let cli;
try {
  cli = await import("../dist/cli/main.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
  const root = new URL("..", import.meta.url).pathname;
  process.stderr.write(
    `irsa-doctor: not built: run "npm ci" (or "npm run build") in ${root} [NOT_BUILT]\n`,
  );
  process.exit(2);
}
await cli.main(process.argv.slice(2));
