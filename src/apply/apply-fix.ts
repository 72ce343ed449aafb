import type { AwsGateway } from "../aws/aws-gateway.ts";
import type { OidcProvider } from "../aws/oidc-provider.ts";
import { changesThumbprints, type FixPlan } from "../core/plan-fix.ts";
import { sameList } from "../core/same-list.ts";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";

/**
 * The IAM operations applying a plan needs ({@link AwsGateway} has them).
 *
 * @example
 * ```ts
 * const store: OidcProviderStore = new AwsGateway({ region: "us-east-1" });
 * ```
 */
export type OidcProviderStore = Pick<
  AwsGateway,
  "getOidcProvider" | "replaceThumbprints" | "addClientId" | "removeClientId" | "createOidcProvider"
>;

/**
 * Applies a `create` or `update` plan and reads the provider back.
 *
 * - Just before writing, the provider is read again: if someone changed it
 *   since the plan was made, nothing is written (a thumbprint added
 *   meanwhile would otherwise be lost).
 * - The thumbprint list is written in ONE UpdateOpenIDConnectProviderThumbprint
 *   call holding the whole planned list, never remove-then-add.
 * - Client IDs are added first; if a later call fails they are removed
 *   again, so a failed run leaves the provider as it was (and the error says
 *   so if even that fails).
 * - The result is read back and must equal the plan.
 *
 * @example
 * ```ts
 * const after = await applyFixPlan(plan, new AwsGateway({}));
 * ```
 */
export async function applyFixPlan(
  plan: Extract<FixPlan, { kind: "create" | "update" }>,
  store: OidcProviderStore,
  options: ApplyOptions = {},
): Promise<OidcProvider> {
  const delays = options.readBackDelaysMs ?? READBACK_DELAYS_MS;
  const verifyPlanned = (): Promise<OidcProvider> =>
    plan.kind === "create"
      ? readBackAndVerify(store, arn, plan.thumbprints, plan.clientIds, delays)
      : readBackAndVerify(
          store,
          plan.arn,
          plan.thumbprintsAfter,
          [...plan.clientIdsBefore, ...plan.clientIdsToAdd],
          delays,
        );
  let arn = plan.kind === "create" ? "" : plan.arn;
  if (plan.kind === "create") {
    arn = await store.createOidcProvider(plan.url, plan.clientIds, plan.thumbprints);
    return verifyPlanned();
  }
  const now = await store.getOidcProvider(plan.arn);
  if (
    !sameList(now.thumbprints, plan.thumbprintsBefore) ||
    !sameList(now.clientIds, plan.clientIdsBefore)
  ) {
    throw new IrsaDoctorError(
      "aws",
      "CONCURRENT_CHANGE",
      `IAM provider ${plan.arn} changed since the plan was made (it now holds [${now.thumbprints.join(", ")}]); nothing was written: run fix again`,
    );
  }
  const added: string[] = [];
  try {
    for (const clientId of plan.clientIdsToAdd) {
      await store.addClientId(plan.arn, clientId);
      added.push(clientId);
    }
    if (changesThumbprints(plan)) await store.replaceThumbprints(plan.arn, plan.thumbprintsAfter);
  } catch (error) {
    if (outcomeUnknown(error)) {
      // The call may have reached IAM before it timed out: look before undoing anything.
      const seen = await store.getOidcProvider(plan.arn).catch(() => undefined);
      if (seen && sameList(seen.thumbprints, plan.thumbprintsAfter)) {
        return verifyPlanned();
      }
      if (!seen) {
        throw new IrsaDoctorError(
          "aws",
          "OUTCOME_UNKNOWN",
          `${(error as Error).message}; whether IAM applied the change to ${plan.arn} is unknown: check it with aws iam get-open-id-connect-provider, then run fix again`,
          { cause: error },
        );
      }
    }
    const leftBehind: string[] = [];
    for (const clientId of added.reverse()) {
      await store.removeClientId(plan.arn, clientId).catch(() => leftBehind.push(clientId));
    }
    if (leftBehind.length > 0 && error instanceof IrsaDoctorError) {
      throw new IrsaDoctorError(
        error.kind,
        error.code,
        `${error.message}; and the client ID ${leftBehind.join(", ")} added before it could not be removed again (remove it by hand if unwanted)`,
        { cause: error },
      );
    }
    throw error;
  }
  return verifyPlanned();
}

/** Errors after which a write may or may not have happened. */
function outcomeUnknown(error: unknown): boolean {
  return error instanceof IrsaDoctorError && ["AWS_TIMEOUT", "ABORTED"].includes(error.code);
}

/**
 * Waits between read-back attempts (IAM is eventually consistent): about 8 s in all.
 *
 * @example
 * ```ts
 * await applyFixPlan(plan, store, { readBackDelaysMs: READBACK_DELAYS_MS.slice(0, 2) });
 * ```
 */
export const READBACK_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000];

/**
 * Options of {@link applyFixPlan}.
 *
 * @example
 * ```ts
 * const options: ApplyOptions = { readBackDelaysMs: [100, 200] };
 * ```
 */
export interface ApplyOptions {
  /** Waits between read-back attempts; default {@link READBACK_DELAYS_MS}. */
  readBackDelaysMs?: readonly number[];
}

async function readBackAndVerify(
  store: OidcProviderStore,
  arn: string,
  thumbprints: readonly string[],
  clientIds: readonly string[],
  delays: readonly number[],
): Promise<OidcProvider> {
  const matches = (provider: OidcProvider): boolean =>
    provider.thumbprints.length === thumbprints.length &&
    provider.thumbprints.every((t, i) => t.toLowerCase() === thumbprints[i]?.toLowerCase()) &&
    clientIds.every((id) => provider.clientIds.includes(id));
  let provider: OidcProvider | undefined;
  let lastError: unknown;
  // IAM is eventually consistent: a read right after a write may miss it, so retry with back-off.
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
    try {
      provider = await store.getOidcProvider(arn);
      lastError = undefined;
      if (matches(provider)) return provider;
    } catch (error) {
      lastError = error;
    }
  }
  if (!provider || lastError) {
    const e = lastError instanceof IrsaDoctorError ? lastError : undefined;
    throw new IrsaDoctorError(
      "aws",
      e?.code ?? "READBACK_FAILED",
      `The change to ${arn} was applied, but reading it back failed: ${e?.message ?? String(lastError)}; check it with aws iam get-open-id-connect-provider`,
      { cause: lastError },
    );
  }
  throw new IrsaDoctorError(
    "aws",
    "READBACK_MISMATCH",
    `IAM provider ${arn} reads back ThumbprintList [${provider.thumbprints.join(", ")}] ClientIDList [${provider.clientIds.join(", ")}], not the planned [${thumbprints.join(", ")}] [${clientIds.join(", ")}]; check it with aws iam get-open-id-connect-provider`,
  );
}
