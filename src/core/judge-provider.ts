import type { OidcProvider } from "../aws/oidc-provider.ts";
import { urlHasPort } from "../aws/oidc-provider.ts";
import type { Finding } from "../findings/finding.ts";
import { formatEndpoint } from "../net/endpoint.ts";
import type { HostReport } from "./thumbprint-report.ts";

/**
 * IAM keeps at most this many thumbprints per provider.
 *
 * @example
 * ```ts
 * if (list.length >= MAX_THUMBPRINTS) console.log("full");
 * ```
 */
export const MAX_THUMBPRINTS = 5;
/**
 * The audience EKS pods present to STS.
 *
 * @example
 * ```ts
 * provider.clientIds.includes(DEFAULT_AUDIENCE);
 * ```
 */
export const DEFAULT_AUDIENCE = "sts.amazonaws.com";

/**
 * What the provider judgement looks at.
 *
 * @example
 * ```ts
 * judgeProvider({ issuer, provider, expectedArn, hosts, audience: "sts.amazonaws.com", publicRoot: false });
 * ```
 */
export interface ProviderEvidence {
  issuer: string;
  /** The IAM provider, or null when none matches the issuer. */
  provider: OidcProvider | null;
  /** The provider's ARN, or the one it would get. */
  expectedArn: string;
  /** Probed hosts (from the thumbprint report). */
  hosts: readonly HostReport[];
  audience: string;
  /** Whether the served chain verifies to a public root IAM trusts by itself. */
  publicRoot: boolean;
}

/**
 * Lowercase, de-duplicated, order kept.
 *
 * @example
 * ```ts
 * uniqueLower(["AB", "ab", "cd"]); // ["ab", "cd"]
 * ```
 */
export function uniqueLower(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.toLowerCase()))];
}

/**
 * The thumbprints IAM needs now: one per probed host, lowercase, distinct.
 *
 * @example
 * ```ts
 * currentThumbprints(report.hosts); // ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
 * ```
 */
export function currentThumbprints(hosts: readonly HostReport[]): string[] {
  return uniqueLower(hosts.map((h) => h.thumbprint));
}

/**
 * Stored entries that match no certificate served now (by any probed host,
 * at any depth), in stored order.
 *
 * @example
 * ```ts
 * staleThumbprints(["old", "9e99..."], hosts); // ["old"]
 * ```
 */
export function staleThumbprints(
  stored: readonly string[],
  hosts: readonly HostReport[],
): string[] {
  const served = new Set(hosts.flatMap((h) => h.chain.map((c) => c.sha1)));
  return stored.filter((t) => !served.has(t.toLowerCase()));
}

/**
 * The shell command that creates the missing provider.
 *
 * @example
 * ```ts
 * createProviderCommand("https://oidc.example.com", ["9e99..."]);
 * ```
 */
export function createProviderCommand(issuer: string, thumbprints: readonly string[]): string {
  return `aws iam create-open-id-connect-provider --url ${issuer} --client-id-list ${DEFAULT_AUDIENCE} --thumbprint-list ${thumbprints.join(" ")}`;
}

/**
 * Findings about the IAM OIDC provider against what the issuer serves now.
 * Pure.
 *
 * @example
 * ```ts
 * const findings = judgeProvider(evidence);
 * ```
 */
export function judgeProvider(evidence: ProviderEvidence): Finding[] {
  const findings: Finding[] = [];
  const { provider, issuer } = evidence;
  const current = currentThumbprints(evidence.hosts);
  if (urlHasPort(provider?.url ?? issuer)) {
    findings.push({
      id: "provider-url-has-port",
      severity: "warning",
      message: `The provider URL ${provider ? provider.url : issuer} names a port; IAM expects an issuer URL without one, and tokens' "iss" must match it exactly.`,
    });
  }
  if (!provider) {
    findings.push({
      id: "provider-missing",
      severity: "error",
      message: `No IAM OIDC provider exists for ${issuer} (expected ${evidence.expectedArn}), so STS rejects every token. Fix: irsa-doctor fix --issuer ${issuer} --create-provider --yes  (or: ${createProviderCommand(issuer, current)})`,
    });
    return findings;
  }
  const stored = uniqueLower(provider.thumbprints);
  const missing = evidence.hosts.filter((h) => !stored.includes(h.thumbprint));
  if (missing.length > 0) {
    const what = missing.map((h) => `${h.thumbprint} (${formatEndpoint(h)})`).join(", ");
    findings.push({
      id: "thumbprint-mismatch",
      severity: "error",
      message: `IAM stores [${provider.thumbprints.join(", ") || "none"}] but the issuer now serves ${what}. Fix: irsa-doctor fix --provider-arn ${provider.arn} --yes (keeps the stored ones).`,
    });
  }
  const stale = staleThumbprints(provider.thumbprints, evidence.hosts);
  if (stale.length > 0) {
    findings.push({
      id: "thumbprint-stale",
      severity: "info",
      message: `Stored thumbprint${stale.length > 1 ? "s" : ""} ${stale.join(", ")} match${stale.length > 1 ? "" : "es"} no certificate served now; harmless, and removable with fix --prune once you are sure no other path serves ${stale.length > 1 ? "them" : "it"}.`,
    });
  }
  if (provider.thumbprints.length >= MAX_THUMBPRINTS) {
    findings.push({
      id: "thumbprint-list-full",
      severity: "warning",
      message: `The provider holds ${provider.thumbprints.length} thumbprints, IAM's maximum: there is no room to add one${missing.length > 0 ? "; fix needs --prune to make room" : ""}.`,
    });
  }
  if (!provider.clientIds.includes(evidence.audience)) {
    findings.push({
      id: "audience-missing",
      severity: "error",
      message: `The provider's ClientIDList [${provider.clientIds.join(", ")}] lacks "${evidence.audience}", so STS rejects tokens issued for it. Fix: irsa-doctor fix --provider-arn ${provider.arn} --audience ${evidence.audience} --yes`,
    });
  }
  if (evidence.publicRoot && missing.length === 0) {
    findings.push({
      id: "thumbprint-not-used",
      severity: "info",
      message:
        "The chain verifies to a public root CA, so IAM likely validates it with its own library of trusted roots and uses the thumbprint only as a fallback; keep it right anyway.",
    });
  } else if (evidence.publicRoot) {
    findings.push({
      id: "thumbprint-not-used",
      severity: "info",
      message:
        "The chain verifies to a public root CA, so IAM may validate it with its own trusted roots; the mismatch matters whenever IAM falls back to the thumbprint, so fix it.",
    });
  }
  return findings;
}
