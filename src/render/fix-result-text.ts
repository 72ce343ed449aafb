import type { FixResult } from "../commands/fix.ts";
import { renderCheckSummary } from "./check-text.ts";
import { renderFindings } from "./findings-text.ts";
import { renderFixPlan } from "./fix-text.ts";

/**
 * Human output of `irsa-doctor fix`: the check, the plan, and what happened.
 *
 * @example
 * ```ts
 * renderFixResult(result, { dryRun: false });
 * ```
 */
export function renderFixResult(result: FixResult, options: { dryRun: boolean }): string {
  const parts = [
    renderCheckSummary(result.before),
    renderFindings(result.before.findings),
    renderFixPlan(result.plan),
  ];
  const { plan } = result;
  if (result.applied && result.after) {
    parts.push(
      `Applied and verified: IAM now holds ThumbprintList [${result.after.provider?.thumbprints.join(", ")}] ClientIDList [${result.after.provider?.clientIds.join(", ")}].`,
      renderFindings(result.after.findings),
    );
  } else if (plan.kind === "create" || plan.kind === "update") {
    parts.push(
      options.dryRun
        ? "Dry run: nothing was changed."
        : "Nothing was changed: rerun with --yes to apply this plan (or answer y at the prompt on a terminal).",
    );
  }
  return `${parts.join("\n\n")}\n`;
}
