import { type Finding, sortFindings } from "../findings/finding.ts";

/**
 * Renders findings, errors first, one per line: `SEVERITY id: message`.
 * An empty list renders as a single "No problems found." line.
 *
 * @example
 * ```ts
 * renderFindings([{ id: "chain-leaf-only", severity: "warning", message: "..." }]);
 * // "Findings:\n  warning  chain-leaf-only: ..."
 * ```
 */
export function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return "No problems found.";
  const lines = sortFindings(findings).map(
    (f) => `  ${f.severity.padEnd(7)}  ${f.id}: ${f.message}`,
  );
  return ["Findings:", ...lines].join("\n");
}
