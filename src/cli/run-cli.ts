import { readFileSync } from "node:fs";
import { ExitCode, isIrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import type { CliIo, CliResult } from "./cli-io.ts";

/**
 * The package version, read from package.json.
 *
 * @example
 * ```ts
 * packageVersion(); // "0.1.0"
 * ```
 */
export function packageVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

const defaultIo: CliIo = {
  env: process.env,
  isInteractive: false,
  confirm: async () => false,
};

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Runs the CLI on `argv` (without node and script) and returns what it would
 * print and its exit code. Never throws: every failure becomes one stderr
 * line and a documented exit code.
 *
 * @example
 * ```ts
 * const { exitCode, stdout } = await runCli(["thumbprint", "--host", "example.com", "--json"]);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<CliResult> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    // Fast path: answer without loading the command parser.
    return { exitCode: ExitCode.Healthy, stdout: `${packageVersion()}\n`, stderr: "" };
  }
  const debug = argv.includes("--debug");
  let stdout = "";
  let stderr = "";
  let result: { exitCode: number; stdout: string } | undefined;
  try {
    const { buildProgram } = await import("./program.ts");
    const program = buildProgram(
      packageVersion(),
      io,
      (output) => {
        result = output;
      },
      {
        writeOut: (s) => {
          stdout += s;
        },
        writeErr: (s) => {
          stderr += s;
        },
        outputError: (s, write) =>
          write(
            `irsa-doctor: ${oneLine(s.replace(/^error: /, ""))} (see irsa-doctor --help) [USAGE]\n`,
          ),
      },
    );
    await program.parseAsync([...argv], { from: "user" });
    if (!result) {
      stdout += program.helpInformation();
      return { exitCode: argv.length === 0 ? ExitCode.BadInput : ExitCode.Healthy, stdout, stderr };
    }
    return { exitCode: result.exitCode, stdout: stdout + result.stdout, stderr };
  } catch (error) {
    const commanderCode = (error as { code?: unknown }).code;
    if (typeof commanderCode === "string" && commanderCode.startsWith("commander.")) {
      // commander.help with a non-zero code is the help shown for a missing command.
      const asked =
        commanderCode === "commander.helpDisplayed" ||
        commanderCode === "commander.version" ||
        (commanderCode === "commander.help" && (error as { exitCode?: number }).exitCode === 0);
      const exitCode = asked ? ExitCode.Healthy : ExitCode.BadInput;
      return { exitCode, stdout, stderr };
    }
    if (isIrsaDoctorError(error)) {
      stderr += `irsa-doctor: ${oneLine(error.message)} [${error.code}]\n`;
      if (debug)
        stderr += `${error.stack ?? ""}\n${error.cause instanceof Error ? `Caused by: ${error.cause.stack}\n` : ""}`;
      return { exitCode: error.exitCode, stdout, stderr };
    }
    stderr += `irsa-doctor: internal error: ${oneLine(String((error as Error)?.message ?? error))} (please report it; rerun with --debug for the stack)\n`;
    if (debug) stderr += `${(error as Error)?.stack ?? ""}\n`;
    return { exitCode: ExitCode.CouldNotComplete, stdout, stderr };
  }
}
