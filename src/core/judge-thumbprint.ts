import { providerKey } from "../aws/oidc-provider.ts";
import type { ParsedCertificate } from "../cert/certificate-info.ts";
import type { Finding } from "../findings/finding.ts";
import type { HostEvidence, ThumbprintEvidence } from "../gather/thumbprint-evidence.ts";
import { formatEndpoint } from "../net/endpoint.ts";
import { judgeChain } from "./judge-chain.ts";
import type { HostReport, ThumbprintReport } from "./thumbprint-report.ts";

/**
 * The certificate whose SHA-1 is the thumbprint: the LAST one the server
 * sent, exactly what `openssl s_client -showcerts` prints last and what AWS's
 * procedure takes, never a root from the local trust store.
 *
 * @example
 * ```ts
 * thumbprintCertificate(chain).info.sha1;
 * ```
 */
export function thumbprintCertificate<T>(chain: readonly T[]): T {
  const last = chain.at(-1);
  if (last === undefined) throw new RangeError("empty certificate chain");
  return last;
}

/**
 * Judging options.
 *
 * @example
 * ```ts
 * const o: JudgeOptions = { now: new Date(), warnDays: 30 };
 * ```
 */
export interface JudgeOptions {
  now: Date;
  warnDays: number;
}

function hostReport(host: HostEvidence): HostReport {
  const { handshake } = host;
  const last = thumbprintCertificate<ParsedCertificate>(host.chain);
  const report: HostReport = {
    host: host.endpoint.host,
    port: host.endpoint.port,
    roles: host.roles,
    protocol: handshake.protocol,
    thumbprint: last.info.sha1,
    certificate: last.info,
    chain: host.chain.map((c) => c.info),
    trusted: handshake.authorized,
  };
  if (formatEndpoint(handshake.address) !== formatEndpoint(handshake.endpoint)) {
    report.connectedTo = formatEndpoint(handshake.address);
  }
  if (handshake.authorizationError) report.trustError = handshake.authorizationError;
  return report;
}

/**
 * Turns gathered evidence into the thumbprint report and its findings. Pure:
 * the same evidence and clock give the same report.
 *
 * @example
 * ```ts
 * const report = judgeThumbprint(evidence, { now: new Date(), warnDays: 30 });
 * ```
 */
export function judgeThumbprint(
  evidence: ThumbprintEvidence,
  options: JudgeOptions,
): ThumbprintReport {
  const findings: Finding[] = [];
  if (evidence.insecure) {
    findings.push({
      id: "tls-insecure",
      severity: "warning",
      message:
        "--insecure: TLS certificates were not verified, so the discovery document may not come from the real issuer.",
    });
  }
  let issuer = evidence.issuer;
  if (issuer !== undefined && evidence.documentIssuer !== issuer) {
    if (
      evidence.documentIssuer !== undefined &&
      providerKey(evidence.documentIssuer) === providerKey(issuer)
    ) {
      // Only a trailing slash, a default port or the host's case differ: what was typed is
      // the same issuer, spelled the way the document (and so every token) spells it.
      findings.push({
        id: "issuer-normalized",
        severity: "warning",
        message: `Using the issuer as the discovery document spells it, "${evidence.documentIssuer}" (you gave "${issuer}"); tokens carry that exact string, so the IAM provider must too.`,
      });
      issuer = evidence.documentIssuer;
    } else {
      findings.push({
        id: "issuer-mismatch",
        severity: "error",
        message: `The discovery document says issuer "${evidence.documentIssuer}", not "${issuer}"; tokens must carry exactly the URL the IAM provider is registered with.`,
      });
    }
  }
  for (const host of evidence.hosts) {
    findings.push(
      ...judgeChain({
        host: formatEndpoint(host.endpoint),
        chain: host.chain,
        authorized: host.handshake.authorized,
        authorizationError: host.handshake.authorizationError,
        now: options.now,
        warnDays: options.warnDays,
      }),
    );
  }
  const hosts = evidence.hosts.map(hostReport);
  const primary = hosts.find((h) => h.roles.includes("jwks")) ?? (hosts[0] as HostReport);
  return {
    issuer: issuer ?? null,
    jwksUri: evidence.jwksUri ?? null,
    thumbprint: primary.thumbprint,
    thumbprints: [...new Set(hosts.map((h) => h.thumbprint))],
    certificate: primary.certificate,
    chain: primary.chain,
    hosts,
    findings,
  };
}
