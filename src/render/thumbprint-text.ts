import type { CertificateInfo } from "../cert/certificate-info.ts";
import type { HostReport, ThumbprintReport } from "../core/thumbprint-report.ts";
import { formatEndpoint } from "../net/endpoint.ts";
import { renderFindings } from "./findings-text.ts";

function renderCertificate(cert: CertificateInfo, depth: number, marked: boolean): string[] {
  return [
    `  [${depth}] ${cert.subject}${marked ? "   <== thumbprint certificate" : ""}`,
    `      issuer:   ${cert.issuer}${cert.selfSigned ? " (self-signed)" : ""}`,
    `      validity: ${cert.notBefore} to ${cert.notAfter}`,
    `      sha1:     ${cert.sha1}`,
  ];
}

/**
 * Renders one probed host: header line, then each certificate with its depth.
 *
 * @example
 * ```ts
 * renderHost(report.hosts[0]);
 * ```
 */
export function renderHost(host: HostReport): string {
  const via = host.connectedTo ? ` via ${host.connectedTo}` : "";
  const trust = host.trusted
    ? "chain trusted"
    : `chain NOT trusted: ${host.trustError ?? "unknown"}`;
  const lines = [
    `Host ${formatEndpoint(host)} (${host.roles.join(", ")})${via}, ${host.protocol}, ${trust}`,
  ];
  host.chain.forEach((cert, i) => {
    lines.push(...renderCertificate(cert, i, i === host.chain.length - 1));
  });
  lines.push(`  thumbprint: ${host.thumbprint}`);
  return lines.join("\n");
}

/**
 * Human output of `irsa-doctor thumbprint`.
 *
 * @example
 * ```ts
 * process.stdout.write(renderThumbprintReport(report));
 * ```
 */
export function renderThumbprintReport(report: ThumbprintReport): string {
  const parts: string[] = [];
  if (report.issuer) {
    parts.push(`Issuer:   ${report.issuer}\nJWKS URI: ${report.jwksUri ?? "-"}`);
  }
  parts.push(...report.hosts.map(renderHost));
  const label =
    report.thumbprints.length > 1 ? "Thumbprints (IAM needs all of them)" : "Thumbprint";
  parts.push(`${label}: ${report.thumbprints.join(" ")}`);
  parts.push(renderFindings(report.findings));
  return `${parts.join("\n\n")}\n`;
}
