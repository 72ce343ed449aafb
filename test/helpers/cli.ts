/** Drives the CLI in-process (runCli) or as a real process (bin/irsa-doctor.js). */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CliIo, CliResult } from "../../src/cli/cli-io.ts";
import { runCli } from "../../src/cli/run-cli.ts";

export const BIN = fileURLToPath(new URL("../../bin/irsa-doctor.js", import.meta.url));

export function cli(argv: string[], io?: Partial<CliIo>): Promise<CliResult> {
  return runCli(argv, {
    env: process.env,
    isInteractive: false,
    confirm: async () => false,
    ...io,
  });
}

export async function cliJson<T = Record<string, unknown>>(
  argv: string[],
): Promise<CliResult & { json: T }> {
  const result = await cli([...argv, "--json"]);
  let json: T;
  try {
    json = JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.exitCode}): ${result.stdout}\n${result.stderr}`);
  }
  return { ...result, json };
}

/** Runs the built bin as a child process. */
export function spawnCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliResult & { ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...argv], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ exitCode: code ?? -1, stdout, stderr, ms: performance.now() - started }),
    );
  });
}
