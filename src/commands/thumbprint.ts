import { judgeThumbprint } from "../core/judge-thumbprint.ts";
import type { ThumbprintReport } from "../core/thumbprint-report.ts";
import {
  type GatherOptions,
  gatherThumbprintEvidence,
  type ThumbprintTarget,
} from "../gather/thumbprint-evidence.ts";

/**
 * Options of {@link diagnoseThumbprint}.
 *
 * @example
 * ```ts
 * const o: ThumbprintOptions = { timeoutMs: 10_000, insecure: false, warnDays: 30 };
 * ```
 */
export interface ThumbprintOptions extends GatherOptions {
  /** Warn about certificates expiring within this many days. */
  warnDays: number;
  /** The clock (tests pin it). */
  now?: Date;
}

/**
 * The seed's steps 2-6 in one call: discovery, one TLS probe per distinct
 * host, the thumbprint of the last certificate sent, and findings.
 *
 * @example
 * ```ts
 * const report = await diagnoseThumbprint({ issuer: "https://oidc.eks.us-east-1.amazonaws.com/id/ABC" },
 *   { timeoutMs: 10_000, insecure: false, warnDays: 30 });
 * console.log(report.thumbprint);
 * ```
 */
export async function diagnoseThumbprint(
  target: ThumbprintTarget,
  options: ThumbprintOptions,
): Promise<ThumbprintReport> {
  const evidence = await gatherThumbprintEvidence(target, options);
  return judgeThumbprint(evidence, { now: options.now ?? new Date(), warnDays: options.warnDays });
}
