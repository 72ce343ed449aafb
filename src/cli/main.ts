import { runCli } from "./run-cli.ts";

async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } catch {
    // Ctrl-C or Ctrl-D at the prompt: the answer is no.
    process.stderr.write("\n");
    return false;
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
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.stderr.write(
      `irsa-doctor: cannot write output: ${error.code ?? error.message} [OUTPUT_FAILED]\n`,
    );
    process.exit(3);
  });
  const result = await runCli(argv, {
    env: process.env,
    isInteractive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    confirm,
  });
  process.exitCode = result.exitCode;
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
}
