import type { FixResult } from "../commands/fix.ts";
import { awsCliCommands } from "../core/plan-fix.ts";
import { ExitCode } from "../errors/irsa-doctor-error.ts";
import { hasErrors } from "../findings/finding.ts";

/**
 * The exit code of `fix`: 0 when the provider is healthy at the end (nothing
 * to do, or applied and verified with no error left); 1 otherwise (plan not
 * applied, blocked, or errors a thumbprint cannot fix).
 *
 * @example
 * ```ts
 * fixExitCode(result); // 0
 * ```
 */
export function fixExitCode(result: FixResult): number {
  if (result.applied)
    return result.after && !hasErrors(result.after.findings)
      ? ExitCode.Healthy
      : ExitCode.ProblemsFound;
  if (result.plan.kind === "noop")
    return hasErrors(result.before.findings) ? ExitCode.ProblemsFound : ExitCode.Healthy;
  return ExitCode.ProblemsFound;
}

/**
 * The `--json` document of `fix`.
 *
 * @example
 * ```ts
 * JSON.stringify(fixJson(result));
 * ```
 */
export function fixJson(result: FixResult): Record<string, unknown> {
  return {
    applied: result.applied,
    plan: result.plan,
    commands: awsCliCommands(result.plan),
    before: result.before,
    after: result.after,
  };
}
