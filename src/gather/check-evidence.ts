import { X509Certificate } from "node:crypto";
import { rootCertificates } from "node:tls";
import { oidcProviderArn, parseArn, parseOidcProviderArn } from "../aws/arn.ts";
import type { AwsGateway } from "../aws/aws-gateway.ts";
import { type OidcProvider, providerKey, providerUrlFromArn } from "../aws/oidc-provider.ts";
import { anchoredIn } from "../core/public-root.ts";
import { parseIssuerUrl } from "../discovery/issuer-url.ts";
import {
  type GatherOptions,
  gatherThumbprintEvidence,
  type ThumbprintEvidence,
} from "./thumbprint-evidence.ts";

/**
 * Exactly one way to name what to check.
 *
 * @example
 * ```ts
 * const t: CheckTarget = { cluster: "prod" };
 * ```
 */
export type CheckTarget = { cluster: string } | { issuer: string } | { providerArn: string };

/**
 * Everything `check` and `fix` judge: the issuer's TLS evidence and the IAM
 * provider as it is now.
 *
 * @example
 * ```ts
 * const evidence = await gatherCheckEvidence({ cluster: "prod" }, aws, options);
 * ```
 */
export interface CheckEvidence {
  issuer: string;
  cluster: { name: string; arn: string } | null;
  provider: OidcProvider | null;
  /** The provider's ARN, or the one it would get when missing. */
  providerArn: string;
  thumbprint: ThumbprintEvidence;
  /** Whether the jwks host's chain verifies to one of Node's bundled public roots. */
  publicRoot: boolean;
}

let publicRoots: X509Certificate[] | undefined;

/** Node's bundled public roots, parsed once. */
function bundledRoots(): X509Certificate[] {
  publicRoots ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return publicRoots;
}

async function resolveIssuer(
  target: CheckTarget,
  aws: AwsGateway,
): Promise<{ issuer: string; cluster: CheckEvidence["cluster"]; provider?: OidcProvider }> {
  if ("cluster" in target) {
    const { arn, issuer } = await aws.describeClusterIssuer(target.cluster);
    return { issuer, cluster: { name: target.cluster, arn } };
  }
  if ("issuer" in target) {
    parseIssuerUrl(target.issuer);
    return { issuer: target.issuer, cluster: null };
  }
  parseOidcProviderArn(target.providerArn);
  const provider = await aws.getOidcProvider(target.providerArn);
  return { issuer: `https://${provider.url}`, cluster: null, provider };
}

async function findProvider(
  issuer: string,
  cluster: CheckEvidence["cluster"],
  aws: AwsGateway,
): Promise<{ provider: OidcProvider | null; providerArn: string }> {
  const key = providerKey(issuer);
  const arns = await aws.listOidcProviderArns();
  const arn = arns.find((candidate) => providerKey(providerUrlFromArn(candidate)) === key);
  if (arn) return { provider: await aws.getOidcProvider(arn), providerArn: arn };
  if (cluster) {
    const parsed = parseArn(cluster.arn, "cluster ARN");
    return {
      provider: null,
      providerArn: oidcProviderArn(parsed.partition, parsed.account, issuer),
    };
  }
  const identity = await aws.callerIdentity();
  const partition = parseArn(identity.arn, "caller ARN").partition;
  return { provider: null, providerArn: oidcProviderArn(partition, identity.account, issuer) };
}

/**
 * Gathers the evidence for `check` and `fix`: finds the issuer (EKS, the
 * URL given, or the provider), then probes it and reads the IAM provider
 * in parallel. I/O only.
 *
 * @example
 * ```ts
 * const evidence = await gatherCheckEvidence({ issuer: url }, new AwsGateway({}), options);
 * ```
 */
export async function gatherCheckEvidence(
  target: CheckTarget,
  aws: AwsGateway,
  options: GatherOptions,
): Promise<CheckEvidence> {
  const resolved = await resolveIssuer(target, aws);
  // Probe and AWS lookups run side by side; when one fails, the other is cancelled.
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const cancelOthers = (error: unknown): never => {
    controller.abort(error);
    aws.abort(error);
    throw error;
  };
  const [thumbprint, found] = await Promise.all([
    gatherThumbprintEvidence({ issuer: resolved.issuer }, { ...options, signal }).catch(
      cancelOthers,
    ),
    (resolved.provider
      ? Promise.resolve({ provider: resolved.provider, providerArn: resolved.provider.arn })
      : findProvider(resolved.issuer, resolved.cluster, aws)
    ).catch(cancelOthers),
  ]);
  const jwksHost = thumbprint.hosts.find((h) => h.roles.includes("jwks")) ?? thumbprint.hosts[0];
  const publicRoot = Boolean(
    jwksHost?.handshake.authorized && anchoredIn(jwksHost.chain, bundledRoots()),
  );
  return { issuer: resolved.issuer, cluster: resolved.cluster, ...found, thumbprint, publicRoot };
}
