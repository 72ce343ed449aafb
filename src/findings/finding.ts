/**
 * How bad a finding is. Any `error` makes a command exit 1.
 *
 * @example
 * ```ts
 * const s: Severity = "warning";
 * ```
 */
export type Severity = "error" | "warning" | "info";

/**
 * One thing a check noticed. `id` is stable across releases (scripts and
 * dashboards key on it); `message` is for people.
 *
 * @example
 * ```ts
 * const f: Finding = { id: "chain-leaf-only", severity: "warning", message: "..." };
 * ```
 */
export interface Finding {
  /** Stable identifier, e.g. `cert-expired`. */
  id: string;
  severity: Severity;
  message: string;
  /** Host the finding is about, when it is about one. */
  host?: string;
}

/**
 * True when any finding is an error.
 *
 * @example
 * ```ts
 * hasErrors([{ id: "x", severity: "error", message: "m" }]); // true
 * ```
 */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Returns findings sorted by severity (errors first), stable within a severity.
 *
 * @example
 * ```ts
 * sortFindings(findings)[0]?.severity; // "error" if there is one
 * ```
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}
