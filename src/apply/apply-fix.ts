import type { AwsGateway } from "../aws/aws-gateway.ts";
import type { OidcProvider } from "../aws/oidc-provider.ts";
import { changesThumbprints, type FixPlan } from "../core/plan-fix.ts";
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

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

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
): Promise<OidcProvider> {
  if (plan.kind === "create") {
    const arn = await store.createOidcProvider(plan.url, plan.clientIds, plan.thumbprints);
    return readBackAndVerify(store, arn, plan.thumbprints, plan.clientIds);
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
  return readBackAndVerify(store, plan.arn, plan.thumbprintsAfter, [
    ...plan.clientIdsBefore,
    ...plan.clientIdsToAdd,
  ]);
}

async function readBackAndVerify(
  store: OidcProviderStore,
  arn: string,
  thumbprints: readonly string[],
  clientIds: readonly string[],
): Promise<OidcProvider> {
  let provider: OidcProvider;
  try {
    provider = await store.getOidcProvider(arn);
  } catch (error) {
    const e = error instanceof IrsaDoctorError ? error : undefined;
    throw new IrsaDoctorError(
      "aws",
      e?.code ?? "READBACK_FAILED",
      `The change to ${arn} was applied, but reading it back failed: ${e?.message ?? String(error)}; check it with aws iam get-open-id-connect-provider`,
      { cause: error },
    );
  }
  const sameThumbprints =
    provider.thumbprints.length === thumbprints.length &&
    provider.thumbprints.every((t, i) => t.toLowerCase() === thumbprints[i]?.toLowerCase());
  const hasClientIds = clientIds.every((id) => provider.clientIds.includes(id));
  if (!sameThumbprints || !hasClientIds) {
    throw new IrsaDoctorError(
      "aws",
      "READBACK_MISMATCH",
      `IAM provider ${arn} reads back ThumbprintList [${provider.thumbprints.join(", ")}] ClientIDList [${provider.clientIds.join(", ")}], not the planned [${thumbprints.join(", ")}] [${clientIds.join(", ")}]; check it with aws iam get-open-id-connect-provider`,
    );
  }
  return provider;
}
