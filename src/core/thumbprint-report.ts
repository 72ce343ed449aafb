import type { CertificateInfo } from "../cert/certificate-info.ts";
import type { Finding } from "../findings/finding.ts";
import type { HostRole } from "../gather/thumbprint-evidence.ts";

/**
 * One probed host in a {@link ThumbprintReport}.
 *
 * @example
 * ```ts
 * report.hosts[0]?.thumbprint;
 * ```
 */
export interface HostReport {
  host: string;
  port: number;
  /** Why it was probed: `issuer`, `jwks` (both when the same host), or `host` (--host). */
  roles: HostRole[];
  /** Where the TCP connection went, when `--connect-to` redirected it. */
  connectedTo?: string;
  protocol: string;
  /** SHA-1 of the last certificate sent, 40 lowercase hex characters. */
  thumbprint: string;
  /** The certificate the thumbprint is taken from. */
  certificate: CertificateInfo;
  /** As sent, index 0 = leaf. */
  chain: CertificateInfo[];
  /** Whether the chain verified to a trusted root and matched the host name. */
  trusted: boolean;
  trustError?: string;
}

/**
 * The result of `irsa-doctor thumbprint`, also its `--json` output.
 *
 * @example
 * ```ts
 * const report = judgeThumbprint(evidence, { now: new Date(), warnDays: 30 });
 * report.thumbprint; // "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"
 * ```
 */
export interface ThumbprintReport {
  issuer: string | null;
  jwksUri: string | null;
  /** The thumbprint of the `jwks_uri` host (or of `--host`). */
  thumbprint: string;
  /** Every distinct thumbprint IAM needs (one per probed host). */
  thumbprints: string[];
  certificate: CertificateInfo;
  chain: CertificateInfo[];
  hosts: HostReport[];
  findings: Finding[];
}
