import type { AwsGateway } from "../aws/aws-gateway.ts";
import type { OidcProvider } from "../aws/oidc-provider.ts";
import { changesThumbprints, type FixPlan } from "../core/plan-fix.ts";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";

/**
 * Applies a `create` or `update` plan and reads the provider back. The
 * thumbprint list is written in ONE UpdateOpenIDConnectProviderThumbprint
 * call holding the whole planned list (never remove-then-add). Client IDs
 * are added first; if the thumbprint call then fails they are removed again,
 * so a failed run leaves the provider as it was.
 *
 * @example
 * ```ts
 * const after = await applyFixPlan(plan, aws);
 * ```
 */
export async function applyFixPlan(
  plan: Extract<FixPlan, { kind: "create" | "update" }>,
  aws: AwsGateway,
): Promise<OidcProvider> {
  if (plan.kind === "create") {
    const arn = await aws.createOidcProvider(plan.url, plan.clientIds, plan.thumbprints);
    const readBack = await aws.getOidcProvider(arn);
    verify(readBack, plan.thumbprints, plan.clientIds);
    return readBack;
  }
  const added: string[] = [];
  try {
    for (const clientId of plan.clientIdsToAdd) {
      await aws.addClientId(plan.arn, clientId);
      added.push(clientId);
    }
    if (changesThumbprints(plan)) await aws.replaceThumbprints(plan.arn, plan.thumbprintsAfter);
  } catch (error) {
    for (const clientId of added.reverse()) {
      await aws.removeClientId(plan.arn, clientId).catch(() => undefined);
    }
    throw error;
  }
  const readBack = await aws.getOidcProvider(plan.arn);
  verify(readBack, plan.thumbprintsAfter, [...plan.clientIdsBefore, ...plan.clientIdsToAdd]);
  return readBack;
}

function verify(
  provider: OidcProvider,
  thumbprints: readonly string[],
  clientIds: readonly string[],
): void {
  const sameThumbprints =
    provider.thumbprints.length === thumbprints.length &&
    provider.thumbprints.every((t, i) => t.toLowerCase() === thumbprints[i]?.toLowerCase());
  const hasClientIds = clientIds.every((id) => provider.clientIds.includes(id));
  if (!sameThumbprints || !hasClientIds) {
    throw new IrsaDoctorError(
      "aws",
      "READBACK_MISMATCH",
      `IAM provider ${provider.arn} reads back ThumbprintList [${provider.thumbprints.join(", ")}] ClientIDList [${provider.clientIds.join(", ")}], not the planned [${thumbprints.join(", ")}] [${clientIds.join(", ")}]; check it with aws iam get-open-id-connect-provider`,
    );
  }
}
