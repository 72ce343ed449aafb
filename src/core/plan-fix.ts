import type { OidcProvider } from "../aws/oidc-provider.ts";
import type { Finding } from "../findings/finding.ts";
import { DEFAULT_AUDIENCE, MAX_THUMBPRINTS } from "./judge-provider.ts";
import { sameList } from "./same-list.ts";

/**
 * What `fix` is asked to do.
 *
 * @example
 * ```ts
 * planFix({ issuer, provider, current: ["9e99..."], stale: [], prune: false, createProvider: false, findings: [] });
 * ```
 */
export interface FixRequest {
  issuer: string;
  provider: OidcProvider | null;
  /** Thumbprints IAM needs now (lowercase). */
  current: readonly string[];
  /** Stored entries that match no certificate served now. */
  stale: readonly string[];
  prune: boolean;
  createProvider: boolean;
  /** `--audience`, when given: added to ClientIDList if missing. */
  audience?: string | undefined;
  /** The check's findings: some forbid writing anything. */
  findings: readonly Finding[];
}

/**
 * One line of the ThumbprintList or ClientIDList diff.
 *
 * @example
 * ```ts
 * const line: DiffLine = { value: "9e99...", change: "add", note: "served now" };
 * ```
 */
export interface DiffLine {
  value: string;
  change: "keep" | "add" | "remove";
  note?: string;
}

/**
 * The change `fix` would make. `blocked` says why nothing can be written.
 *
 * @example
 * ```ts
 * if (plan.kind === "update") console.log(plan.thumbprintsAfter);
 * ```
 */
export type FixPlan =
  | { kind: "noop"; arn: string }
  | {
      kind: "update";
      arn: string;
      thumbprintsBefore: string[];
      thumbprintsAfter: string[];
      thumbprintDiff: DiffLine[];
      clientIdsBefore: string[];
      clientIdsToAdd: string[];
    }
  | { kind: "create"; url: string; clientIds: string[]; thumbprints: string[] }
  | { kind: "blocked"; id: string; reason: string };

const REFUSING_FINDINGS: Record<string, string> = {
  "issuer-mismatch":
    "the discovery document names another issuer, so what it serves is not this provider's",
  "tls-insecure":
    "--insecure: thumbprints learned over an unverified connection could pin an interceptor's certificate; pass --ca-file instead",
  "chain-untrusted":
    "a probed chain does not verify to a trusted root, so it could be an interceptor's; pass --ca-file with the issuer's CA if it is a private one",
};

/**
 * Plans the fix. Keeps every stored thumbprint, adds the current ones
 * (lowercase, once), never exceeds 5; removes only stale entries and only
 * with `--prune`. Pure.
 *
 * @example
 * ```ts
 * const plan = planFix(request);
 * ```
 */
export function planFix(request: FixRequest): FixPlan {
  for (const finding of request.findings) {
    const reason = REFUSING_FINDINGS[finding.id];
    if (reason)
      return { kind: "blocked", id: finding.id, reason: `Refusing to change IAM: ${reason}.` };
  }
  const { provider } = request;
  if (!provider) {
    if (!request.createProvider) {
      return {
        kind: "blocked",
        id: "provider-missing",
        reason: `No IAM OIDC provider exists for ${request.issuer}; pass --create-provider to create it.`,
      };
    }
    const url = request.issuer.replace(/^(https:\/\/[^/]+):443(?=\/|$)/i, "$1");
    if (/^https:\/\/[^/]+:\d+(\/|$)/i.test(url)) {
      return {
        kind: "blocked",
        id: "provider-url-has-port",
        reason: `Not creating a provider for ${request.issuer}: IAM expects an issuer URL without a port, and tokens' "iss" must match it; serve the issuer on 443.`,
      };
    }
    const clientIds = [DEFAULT_AUDIENCE];
    if (request.audience && request.audience !== DEFAULT_AUDIENCE) clientIds.push(request.audience);
    return {
      kind: "create",
      url,
      clientIds,
      thumbprints: [...request.current].slice(0, MAX_THUMBPRINTS),
    };
  }
  const stale = new Set(request.stale.map((t) => t.toLowerCase()));
  const seen = new Set<string>();
  const diff: DiffLine[] = [];
  const after: string[] = [];
  for (const stored of provider.thumbprints) {
    const key = stored.toLowerCase();
    if (seen.has(key) && request.prune) {
      diff.push({ value: stored, change: "remove", note: "duplicate (--prune)" });
      continue;
    }
    seen.add(key);
    if (request.prune && stale.has(key)) {
      diff.push({ value: stored, change: "remove", note: "stale (--prune)" });
      continue;
    }
    diff.push({ value: stored, change: "keep", ...(stale.has(key) ? { note: "stale" } : {}) });
    after.push(stored);
  }
  for (const current of request.current) {
    if (seen.has(current)) continue;
    seen.add(current);
    diff.push({ value: current, change: "add", note: "served now" });
    after.push(current);
  }
  if (after.length > MAX_THUMBPRINTS) {
    const reason = request.prune
      ? `even after removing the stale entries the list would hold ${after.length} thumbprints (IAM allows ${MAX_THUMBPRINTS}); remove entries by hand after checking which paths still serve them.`
      : `the list would hold ${after.length} thumbprints (IAM allows ${MAX_THUMBPRINTS}); rerun with --prune to drop stale entries (${request.stale.length} stale now).`;
    return {
      kind: "blocked",
      id: "thumbprint-list-full",
      reason: `No room for the current thumbprint: ${reason}`,
    };
  }
  const clientIdsToAdd =
    request.audience && !provider.clientIds.includes(request.audience) ? [request.audience] : [];
  const unchanged = sameList(after, provider.thumbprints);
  if (unchanged && clientIdsToAdd.length === 0) return { kind: "noop", arn: provider.arn };
  return {
    kind: "update",
    arn: provider.arn,
    thumbprintsBefore: [...provider.thumbprints],
    thumbprintsAfter: unchanged ? [...provider.thumbprints] : after,
    thumbprintDiff: diff,
    clientIdsBefore: [...provider.clientIds],
    clientIdsToAdd,
  };
}

/**
 * The equivalent AWS CLI command lines for a plan.
 *
 * @example
 * ```ts
 * awsCliCommands(plan); // ["aws iam update-open-id-connect-provider-thumbprint ..."]
 * ```
 */
export function awsCliCommands(plan: FixPlan): string[] {
  if (plan.kind === "create") {
    return [
      `aws iam create-open-id-connect-provider --url ${plan.url} --client-id-list ${plan.clientIds.join(" ")} --thumbprint-list ${plan.thumbprints.join(" ")}`,
    ];
  }
  if (plan.kind !== "update") return [];
  const lines = plan.clientIdsToAdd.map(
    (id) =>
      `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${plan.arn} --client-id ${id}`,
  );
  if (changesThumbprints(plan)) {
    lines.push(
      `aws iam update-open-id-connect-provider-thumbprint --open-id-connect-provider-arn ${plan.arn} --thumbprint-list ${plan.thumbprintsAfter.join(" ")}`,
    );
  }
  return lines;
}

/**
 * Whether an update plan changes the thumbprint list.
 *
 * @example
 * ```ts
 * if (changesThumbprints(plan)) await aws.replaceThumbprints(plan.arn, plan.thumbprintsAfter);
 * ```
 */
export function changesThumbprints(plan: Extract<FixPlan, { kind: "update" }>): boolean {
  return !sameList(plan.thumbprintsAfter, plan.thumbprintsBefore);
}
