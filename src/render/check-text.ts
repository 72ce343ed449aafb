import type { CheckReport } from "../core/check-report.ts";
import { renderFindings } from "./findings-text.ts";
import { renderHost } from "./thumbprint-text.ts";

/**
 * The summary block of a check: issuer, cluster, provider, stored and current thumbprints.
 *
 * @example
 * ```ts
 * renderCheckSummary(report);
 * ```
 */
export function renderCheckSummary(report: CheckReport): string {
  const lines = [`Issuer:    ${report.issuer}`];
  if (report.cluster) lines.push(`Cluster:   ${report.cluster.name} (${report.cluster.arn})`);
  lines.push(`Provider:  ${report.providerArn}${report.provider ? "" : " (MISSING)"}`);
  if (report.provider) {
    lines.push(`  ClientIDList:   ${report.provider.clientIds.join(", ") || "(empty)"}`);
    lines.push(`  ThumbprintList: ${report.provider.thumbprints.join(", ") || "(empty)"}`);
  }
  lines.push(
    `Current thumbprint${report.currentThumbprints.length > 1 ? "s" : ""}: ${report.currentThumbprints.join(", ")}`,
  );
  return lines.join("\n");
}

/**
 * Human output of `irsa-doctor check`.
 *
 * @example
 * ```ts
 * process.stdout.write(renderCheckReport(report));
 * ```
 */
export function renderCheckReport(report: CheckReport): string {
  return `${[renderCheckSummary(report), ...report.hosts.map(renderHost), renderFindings(report.findings)].join("\n\n")}\n`;
}
