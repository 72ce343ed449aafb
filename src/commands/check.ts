import type { AwsAccess } from "../aws/aws-access.ts";
import { AwsGateway } from "../aws/aws-gateway.ts";
import { type CheckReport, judgeCheck } from "../core/check-report.ts";
import { DEFAULT_AUDIENCE } from "../core/judge-provider.ts";
import {
  type CheckEvidence,
  type CheckTarget,
  gatherCheckEvidence,
} from "../gather/check-evidence.ts";
import type { ThumbprintOptions } from "./thumbprint.ts";

/**
 * Options of {@link diagnoseProvider} and `fix`.
 *
 * @example
 * ```ts
 * const o: CheckOptions = { timeoutMs: 10_000, insecure: false, warnDays: 30, aws: { region: "us-east-1" } };
 * ```
 */
export interface CheckOptions extends ThumbprintOptions {
  aws: AwsAccess;
  /** The audience that must be in ClientIDList (default `sts.amazonaws.com`). */
  audience?: string | undefined;
}

/**
 * Gathers evidence with a gateway that is closed afterwards.
 *
 * @example
 * ```ts
 * const { evidence, report } = await checkWithEvidence({ cluster: "prod" }, options);
 * ```
 */
export async function checkWithEvidence(
  target: CheckTarget,
  options: CheckOptions,
  aws: AwsGateway,
): Promise<{ evidence: CheckEvidence; report: CheckReport }> {
  const evidence = await gatherCheckEvidence(target, aws, options);
  return { evidence, report: judgeCheck(evidence, checkJudgeOptions(options)) };
}

/**
 * The judging options of a check: clock, warning window and audience.
 *
 * @example
 * ```ts
 * judgeCheck(evidence, checkJudgeOptions(options));
 * ```
 */
export function checkJudgeOptions(options: CheckOptions): Parameters<typeof judgeCheck>[1] {
  return {
    now: options.now ?? new Date(),
    warnDays: options.warnDays,
    audience: options.audience ?? DEFAULT_AUDIENCE,
  };
}

/**
 * Runs `work` with an AWS gateway for `options` (AWS calls bounded by
 * `--timeout` unless the access settings say otherwise), closed afterwards.
 *
 * @example
 * ```ts
 * const report = await withGateway(options, (aws) => checkWithEvidence(target, options, aws));
 * ```
 */
export async function withGateway<T>(
  options: CheckOptions,
  work: (aws: AwsGateway) => Promise<T>,
): Promise<T> {
  const aws = new AwsGateway({
    ...options.aws,
    timeoutMs: options.aws.timeoutMs ?? options.timeoutMs,
  });
  try {
    return await work(aws);
  } finally {
    await aws.close();
  }
}

/**
 * The seed's steps 1-6 against IAM and EKS: find the issuer, probe it,
 * compare with the IAM OIDC provider, and report findings.
 *
 * @example
 * ```ts
 * const report = await diagnoseProvider({ cluster: "prod" },
 *   { timeoutMs: 10_000, insecure: false, warnDays: 30, aws: { region: "us-east-1" } });
 * ```
 */
export async function diagnoseProvider(
  target: CheckTarget,
  options: CheckOptions,
): Promise<CheckReport> {
  return withGateway(
    options,
    async (aws) => (await checkWithEvidence(target, options, aws)).report,
  );
}
