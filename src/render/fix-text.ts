import { awsCliCommands, type FixPlan } from "../core/plan-fix.ts";

const mark = { keep: " ", add: "+", remove: "-" } as const;

/**
 * Renders a fix plan as a diff of ThumbprintList (and ClientIDList), with
 * the equivalent AWS CLI command lines.
 *
 * @example
 * ```ts
 * renderFixPlan(plan);
 * ```
 */
export function renderFixPlan(plan: FixPlan): string {
  switch (plan.kind) {
    case "noop":
      return `Nothing to change on ${plan.arn}: it already holds every current thumbprint.`;
    case "blocked":
      return `Cannot fix (${plan.id}): ${plan.reason}`;
    case "create":
      return [
        `Plan: create the IAM OIDC provider for ${plan.url}`,
        "ClientIDList:",
        ...plan.clientIds.map((id) => `  + ${id}`),
        "ThumbprintList:",
        ...plan.thumbprints.map((t) => `  + ${t}`),
        "Equivalent AWS CLI:",
        ...awsCliCommands(plan).map((c) => `  ${c}`),
      ].join("\n");
    case "update": {
      const lines = [`Plan: update ${plan.arn}`, "ThumbprintList:"];
      for (const line of plan.thumbprintDiff) {
        lines.push(`  ${mark[line.change]} ${line.value}${line.note ? `  (${line.note})` : ""}`);
      }
      if (plan.clientIdsToAdd.length > 0) {
        lines.push("ClientIDList:");
        for (const id of plan.clientIdsBefore) lines.push(`    ${id}`);
        for (const id of plan.clientIdsToAdd) lines.push(`  + ${id}`);
      }
      lines.push("Equivalent AWS CLI:", ...awsCliCommands(plan).map((c) => `  ${c}`));
      return lines.join("\n");
    }
  }
}
