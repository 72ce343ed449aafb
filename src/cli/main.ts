import { runCli } from "./run-cli.ts";

async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/**
 * The process entry: the only code that reads `process.argv`, writes to
 * stdout/stderr and sets the exit code.
 *
 * @example
 * ```ts
 * await main(process.argv.slice(2));
 * ```
 */
export async function main(argv: readonly string[]): Promise<void> {
  const result = await runCli(argv, {
    env: process.env,
    isInteractive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    confirm,
  });
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
