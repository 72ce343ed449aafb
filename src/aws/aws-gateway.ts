import type { EKSClient } from "@aws-sdk/client-eks";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { STSClient } from "@aws-sdk/client-sts";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import { type AwsAccess, type ClientConfig, clientConfig } from "./aws-access.ts";
import { awsError } from "./aws-error.ts";
import type { OidcProvider } from "./oidc-provider.ts";

/** Where global services (IAM, STS) are called when no region is configured anywhere. */
const GLOBAL_DEFAULT_REGION = "us-east-1";

/**
 * The SDK prints a multi-line deprecation warning on Node 20 to stderr,
 * which would break the one-line error contract; irsa-doctor pins SDK
 * versions that support Node 20, so the warning is silenced unless the
 * user set the variable themselves.
 */
function silenceNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}

type Loaded<C, S> = { client: C; sdk: S };
type IamSdk = typeof import("@aws-sdk/client-iam");
type EksSdk = typeof import("@aws-sdk/client-eks");
type StsSdk = typeof import("@aws-sdk/client-sts");

/** A client whose region can be resolved the SDK's way (flag, env, profile). */
interface RegionAware {
  config: { region: () => Promise<string> };
  destroy(): void;
}

/**
 * Creates a client; `fallbackRegion` applies when the SDK finds no region
 * in flags, environment or profile (global services only).
 */
async function createClient<C extends RegionAware>(
  make: (config: ClientConfig & { region?: string }) => C,
  config: ClientConfig,
  fallbackRegion?: string,
): Promise<C> {
  if (!fallbackRegion || config.region) return make(config);
  const probe = make(config);
  const region = await probe.config.region().catch(() => undefined);
  if (region) return probe;
  probe.destroy();
  return make({ ...config, region: fallbackRegion });
}

/**
 * The thin adapter over the AWS SDK v3 clients that irsa-doctor needs. The
 * clients are imported on first use, so commands that never touch AWS
 * never load the SDK. {@link abort} cancels every call in flight.
 *
 * @example
 * ```ts
 * const aws = new AwsGateway({ region: "us-east-1" });
 * const providers = await aws.listOidcProviderArns();
 * ```
 */
export class AwsGateway {
  readonly #config: ClientConfig;
  #abort = new AbortController();
  #iam: Promise<Loaded<IAMClient, IamSdk>> | undefined;
  #eks: Promise<Loaded<EKSClient, EksSdk>> | undefined;
  #sts: Promise<Loaded<STSClient, StsSdk>> | undefined;

  constructor(access: AwsAccess) {
    this.#config = clientConfig(access);
  }

  /** Cancels every AWS call in flight; later calls run normally. */
  abort(reason?: unknown): void {
    this.#abort.abort(reason);
    this.#abort = new AbortController();
  }

  #iamClient(): Promise<Loaded<IAMClient, IamSdk>> {
    silenceNodeVersionWarning();
    this.#iam ??= import("@aws-sdk/client-iam").then(async (sdk) => ({
      sdk,
      client: await createClient((c) => new sdk.IAMClient(c), this.#config, GLOBAL_DEFAULT_REGION),
    }));
    return this.#iam;
  }

  #eksClient(): Promise<Loaded<EKSClient, EksSdk>> {
    silenceNodeVersionWarning();
    this.#eks ??= import("@aws-sdk/client-eks").then(async (sdk) => ({
      sdk,
      client: await createClient((c) => new sdk.EKSClient(c), this.#config),
    }));
    return this.#eks;
  }

  #stsClient(): Promise<Loaded<STSClient, StsSdk>> {
    silenceNodeVersionWarning();
    this.#sts ??= import("@aws-sdk/client-sts").then(async (sdk) => ({
      sdk,
      client: await createClient((c) => new sdk.STSClient(c), this.#config, GLOBAL_DEFAULT_REGION),
    }));
    return this.#sts;
  }

  /** Runs one call; any failure becomes a one-line {@link awsError} naming `operation` and `where`. */
  async #call<C, S, T>(
    loaded: Promise<Loaded<C, S>>,
    operation: string,
    where: string,
    call: (client: C, sdk: S, options: { abortSignal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    try {
      const { client, sdk } = await loaded;
      return await call(client, sdk, { abortSignal: this.#abort.signal });
    } catch (error) {
      throw awsError(error, operation, where);
    }
  }

  /** EKS DescribeCluster: the cluster's ARN and OIDC issuer URL. */
  async describeClusterIssuer(name: string): Promise<{ arn: string; issuer: string }> {
    const cluster = await this.#call(
      this.#eksClient(),
      "EKS DescribeCluster",
      `cluster "${name}"`,
      async (client, sdk, options) =>
        (await client.send(new sdk.DescribeClusterCommand({ name }), options)).cluster,
    );
    const issuer = cluster?.identity?.oidc?.issuer;
    if (!cluster?.arn || !issuer) {
      throw new IrsaDoctorError(
        "remote",
        "CLUSTER_HAS_NO_ISSUER",
        `EKS cluster "${name}" reports no OIDC issuer (cluster.identity.oidc.issuer is empty; is the cluster still creating?)`,
      );
    }
    return { arn: cluster.arn, issuer };
  }

  /** STS GetCallerIdentity: the account and partition of the caller. */
  callerIdentity(): Promise<{ account: string; arn: string }> {
    return this.#call(
      this.#stsClient(),
      "STS GetCallerIdentity",
      "the current credentials",
      async (client, sdk, options) => {
        const out = await client.send(new sdk.GetCallerIdentityCommand({}), options);
        return { account: out.Account ?? "", arn: out.Arn ?? "" };
      },
    );
  }

  /** One IAM call, through {@link #call}. */
  #iamCall<T>(
    operation: string,
    where: string,
    call: (client: IAMClient, sdk: IamSdk, options: { abortSignal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    return this.#call(this.#iamClient(), `IAM ${operation}`, where, call);
  }

  /** IAM ListOpenIDConnectProviders: every provider ARN in the account. */
  listOidcProviderArns(): Promise<string[]> {
    return this.#iamCall(
      "ListOpenIDConnectProviders",
      "the account",
      async (client, sdk, options) => {
        const out = await client.send(new sdk.ListOpenIDConnectProvidersCommand({}), options);
        return (out.OpenIDConnectProviderList ?? []).flatMap((p) => (p.Arn ? [p.Arn] : []));
      },
    );
  }

  /** IAM GetOpenIDConnectProvider. */
  getOidcProvider(arn: string): Promise<OidcProvider> {
    return this.#iamCall("GetOpenIDConnectProvider", arn, async (client, sdk, options) => {
      const out = await client.send(
        new sdk.GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
        options,
      );
      return {
        arn,
        url: out.Url ?? "",
        clientIds: out.ClientIDList ?? [],
        thumbprints: out.ThumbprintList ?? [],
      };
    });
  }

  /** IAM UpdateOpenIDConnectProviderThumbprint: replaces the whole list in one call. */
  async replaceThumbprints(arn: string, thumbprints: readonly string[]): Promise<void> {
    await this.#iamCall("UpdateOpenIDConnectProviderThumbprint", arn, (client, sdk, options) =>
      client.send(
        new sdk.UpdateOpenIDConnectProviderThumbprintCommand({
          OpenIDConnectProviderArn: arn,
          ThumbprintList: [...thumbprints],
        }),
        options,
      ),
    );
  }

  /** IAM AddClientIDToOpenIDConnectProvider. */
  async addClientId(arn: string, clientId: string): Promise<void> {
    const input = { OpenIDConnectProviderArn: arn, ClientID: clientId };
    await this.#iamCall("AddClientIDToOpenIDConnectProvider", arn, (client, sdk, options) =>
      client.send(new sdk.AddClientIDToOpenIDConnectProviderCommand(input), options),
    );
  }

  /** IAM RemoveClientIDFromOpenIDConnectProvider (used only to undo {@link addClientId}). */
  async removeClientId(arn: string, clientId: string): Promise<void> {
    const input = { OpenIDConnectProviderArn: arn, ClientID: clientId };
    await this.#iamCall("RemoveClientIDFromOpenIDConnectProvider", arn, (client, sdk, options) =>
      client.send(new sdk.RemoveClientIDFromOpenIDConnectProviderCommand(input), options),
    );
  }

  /** IAM CreateOpenIDConnectProvider; returns the new ARN. */
  createOidcProvider(
    url: string,
    clientIds: readonly string[],
    thumbprints: readonly string[],
  ): Promise<string> {
    return this.#iamCall("CreateOpenIDConnectProvider", url, async (client, sdk, options) => {
      const out = await client.send(
        new sdk.CreateOpenIDConnectProviderCommand({
          Url: url,
          ClientIDList: [...clientIds],
          ThumbprintList: [...thumbprints],
        }),
        options,
      );
      return out.OpenIDConnectProviderArn ?? "";
    });
  }

  /** Closes the clients' sockets. */
  async close(): Promise<void> {
    for (const pending of [this.#iam, this.#eks, this.#sts]) {
      const resolved = await pending?.catch(() => undefined);
      resolved?.client.destroy();
    }
  }
}
