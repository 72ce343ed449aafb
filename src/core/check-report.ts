import type { OidcProvider } from "../aws/oidc-provider.ts";
import type { Finding } from "../findings/finding.ts";
import type { CheckEvidence } from "../gather/check-evidence.ts";
import { currentThumbprints, judgeProvider } from "./judge-provider.ts";
import { type JudgeOptions, judgeThumbprint } from "./judge-thumbprint.ts";
import type { HostReport } from "./thumbprint-report.ts";

/**
 * The result of `irsa-doctor check`, also its `--json` output.
 *
 * @example
 * ```ts
 * const report = judgeCheck(evidence, { now: new Date(), warnDays: 30, audience: "sts.amazonaws.com" });
 * ```
 */
export interface CheckReport {
  issuer: string;
  jwksUri: string | null;
  cluster: { name: string; arn: string } | null;
  providerArn: string;
  /** The provider as IAM has it, or null when missing. */
  provider: Omit<OidcProvider, "arn"> | null;
  audience: string;
  /** What IAM needs now: one thumbprint per probed host. */
  currentThumbprints: string[];
  hosts: HostReport[];
  findings: Finding[];
}

/**
 * Judges the gathered evidence: thumbprint findings plus provider findings.
 * Pure.
 *
 * @example
 * ```ts
 * judgeCheck(evidence, { now: new Date(), warnDays: 30, audience: "sts.amazonaws.com" }).findings;
 * ```
 */
export function judgeCheck(
  evidence: CheckEvidence,
  options: JudgeOptions & { audience: string },
): CheckReport {
  const thumbprint = judgeThumbprint(evidence.thumbprint, options);
  // The thumbprint judgement may have adopted the document's spelling of the issuer.
  const issuer = thumbprint.issuer ?? evidence.issuer;
  const findings = [
    ...thumbprint.findings,
    ...judgeProvider({
      issuer,
      provider: evidence.provider,
      expectedArn: evidence.providerArn,
      hosts: thumbprint.hosts,
      audience: options.audience,
      publicRoot: evidence.publicRoot,
    }),
  ];
  const provider = evidence.provider
    ? {
        url: evidence.provider.url,
        clientIds: evidence.provider.clientIds,
        thumbprints: evidence.provider.thumbprints,
      }
    : null;
  return {
    issuer,
    jwksUri: thumbprint.jwksUri,
    cluster: evidence.cluster,
    providerArn: evidence.providerArn,
    provider,
    audience: options.audience,
    currentThumbprints: currentThumbprints(thumbprint.hosts),
    hosts: thumbprint.hosts,
    findings,
  };
}
