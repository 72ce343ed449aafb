/**
 * What the CLI may touch besides its argv: lets tests drive it in-process.
 *
 * @example
 * ```ts
 * const io: CliIo = { env: process.env, isInteractive: false, confirm: async () => false };
 * ```
 */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  /** Whether stdin and stdout are a terminal (enables the fix prompt). */
  isInteractive: boolean;
  /** Asks a yes/no question on the terminal. */
  confirm(question: string): Promise<boolean>;
}

/**
 * What one CLI run produced. The entry file prints it and exits.
 *
 * @example
 * ```ts
 * const { exitCode, stdout } = await runCli(["thumbprint", "--host", "example.com"]);
 * ```
 */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}
