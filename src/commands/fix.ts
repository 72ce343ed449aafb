import { applyFixPlan } from "../apply/apply-fix.ts";
import { type CheckReport, judgeCheck } from "../core/check-report.ts";
import { staleThumbprints } from "../core/judge-provider.ts";
import { type FixPlan, planFix } from "../core/plan-fix.ts";
import type { CheckTarget } from "../gather/check-evidence.ts";
import { type CheckOptions, checkJudgeOptions, checkWithEvidence, withGateway } from "./check.ts";

/**
 * Options of {@link fixProvider}.
 *
 * @example
 * ```ts
 * const o: FixOptions = { ...checkOptions, prune: false, createProvider: false,
 *   confirm: async () => true };
 * ```
 */
export interface FixOptions extends CheckOptions {
  prune: boolean;
  createProvider: boolean;
  /** `--audience` given explicitly: add it to ClientIDList when missing. */
  addAudience?: string | undefined;
  /** Decides whether to apply a plan that changes IAM (--yes, or a prompt). */
  confirm(plan: FixPlan, report: CheckReport): Promise<boolean>;
}

/**
 * What `fix` did.
 *
 * @example
 * ```ts
 * const { plan, applied, after } = await fixProvider({ issuer: url }, options);
 * ```
 */
export interface FixResult {
  /** The check before any change. */
  before: CheckReport;
  plan: FixPlan;
  applied: boolean;
  /** The check re-judged against the provider read back after applying. */
  after: CheckReport | null;
}

/**
 * Checks, plans and (when `confirm` agrees) applies the fix, then verifies
 * it by reading the provider back.
 *
 * @example
 * ```ts
 * const result = await fixProvider({ cluster: "prod" }, { ...options, confirm: async () => true });
 * ```
 */
export function fixProvider(target: CheckTarget, options: FixOptions): Promise<FixResult> {
  return withGateway(options, async (aws) => {
    const { evidence, report } = await checkWithEvidence(target, options, aws);
    const plan = planFix({
      issuer: report.issuer,
      provider: evidence.provider,
      current: report.currentThumbprints,
      stale: evidence.provider ? staleThumbprints(evidence.provider.thumbprints, report.hosts) : [],
      prune: options.prune,
      createProvider: options.createProvider,
      audience: options.addAudience,
      findings: report.findings,
    });
    if (
      (plan.kind !== "create" && plan.kind !== "update") ||
      !(await options.confirm(plan, report))
    ) {
      return { before: report, plan, applied: false, after: null };
    }
    const provider = await applyFixPlan(plan, aws);
    const after = judgeCheck(
      { ...evidence, provider, providerArn: provider.arn },
      checkJudgeOptions(options),
    );
    return { before: report, plan, applied: true, after };
  });
}
