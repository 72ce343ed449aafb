import type { EKSClient } from "@aws-sdk/client-eks";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { STSClient } from "@aws-sdk/client-sts";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import { type AwsAccess, clientConfig } from "./aws-access.ts";
import { awsError } from "./aws-error.ts";
import type { OidcProvider } from "./oidc-provider.ts";

/** Regions to use for IAM (a global service) when none is configured, by partition default. */
const IAM_DEFAULT_REGION = "us-east-1";

/**
 * The SDK prints a multi-line deprecation warning on Node 20 to stderr,
 * which would break the one-line error contract; irsa-doctor pins SDK
 * versions that support Node 20, so the warning is silenced unless the
 * user set the variable themselves.
 */
function silenceNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}

/**
 * The thin adapter over the AWS SDK v3 clients that irsa-doctor needs. The
 * clients are imported on first use, so commands that never touch AWS
 * never load the SDK.
 *
 * @example
 * ```ts
 * const aws = new AwsGateway({ region: "us-east-1" });
 * const providers = await aws.listOidcProviderArns();
 * ```
 */
export class AwsGateway {
  readonly #access: AwsAccess;
  #iam: Promise<{ client: IAMClient; sdk: typeof import("@aws-sdk/client-iam") }> | undefined;
  #eks: Promise<{ client: EKSClient; sdk: typeof import("@aws-sdk/client-eks") }> | undefined;
  #sts: Promise<{ client: STSClient; sdk: typeof import("@aws-sdk/client-sts") }> | undefined;

  constructor(access: AwsAccess) {
    this.#access = access;
  }

  #iamClient(): Promise<{ client: IAMClient; sdk: typeof import("@aws-sdk/client-iam") }> {
    this.#iam ??= (async () => {
      silenceNodeVersionWarning();
      const sdk = await import("@aws-sdk/client-iam");
      const config = clientConfig(this.#access);
      const probe = new sdk.IAMClient(config);
      // IAM is global: fall back to us-east-1 when no region is configured anywhere.
      const region = await probe.config.region().catch(() => undefined);
      probe.destroy();
      return {
        sdk,
        client: new sdk.IAMClient({ ...config, region: region ?? IAM_DEFAULT_REGION }),
      };
    })();
    return this.#iam;
  }

  #eksClient(): Promise<{ client: EKSClient; sdk: typeof import("@aws-sdk/client-eks") }> {
    silenceNodeVersionWarning();
    this.#eks ??= import("@aws-sdk/client-eks").then((sdk) => ({
      sdk,
      client: new sdk.EKSClient(clientConfig(this.#access)),
    }));
    return this.#eks;
  }

  #stsClient(): Promise<{ client: STSClient; sdk: typeof import("@aws-sdk/client-sts") }> {
    silenceNodeVersionWarning();
    this.#sts ??= import("@aws-sdk/client-sts").then((sdk) => ({
      sdk,
      client: new sdk.STSClient(clientConfig(this.#access)),
    }));
    return this.#sts;
  }

  /** EKS DescribeCluster: the cluster's ARN and OIDC issuer URL. */
  async describeClusterIssuer(name: string): Promise<{ arn: string; issuer: string }> {
    const { client, sdk } = await this.#eksClient();
    let cluster: import("@aws-sdk/client-eks").Cluster | undefined;
    try {
      cluster = (await client.send(new sdk.DescribeClusterCommand({ name }))).cluster;
    } catch (error) {
      throw awsError(error, "EKS DescribeCluster", `cluster "${name}"`);
    }
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
  async callerIdentity(): Promise<{ account: string; arn: string }> {
    const { client, sdk } = await this.#stsClient();
    try {
      const out = await client.send(new sdk.GetCallerIdentityCommand({}));
      return { account: out.Account ?? "", arn: out.Arn ?? "" };
    } catch (error) {
      throw awsError(error, "STS GetCallerIdentity", "the current credentials");
    }
  }

  /** Runs one IAM call; any failure becomes one-line {@link awsError} naming `operation` and `where`. */
  async #iamCall<T>(
    operation: string,
    where: string,
    call: (client: IAMClient, sdk: typeof import("@aws-sdk/client-iam")) => Promise<T>,
  ): Promise<T> {
    const { client, sdk } = await this.#iamClient();
    try {
      return await call(client, sdk);
    } catch (error) {
      throw awsError(error, `IAM ${operation}`, where);
    }
  }

  /** IAM ListOpenIDConnectProviders: every provider ARN in the account. */
  listOidcProviderArns(): Promise<string[]> {
    return this.#iamCall("ListOpenIDConnectProviders", "the account", async (client, sdk) => {
      const out = await client.send(new sdk.ListOpenIDConnectProvidersCommand({}));
      return (out.OpenIDConnectProviderList ?? []).flatMap((p) => (p.Arn ? [p.Arn] : []));
    });
  }

  /** IAM GetOpenIDConnectProvider. */
  getOidcProvider(arn: string): Promise<OidcProvider> {
    return this.#iamCall("GetOpenIDConnectProvider", arn, async (client, sdk) => {
      const out = await client.send(
        new sdk.GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
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
    await this.#iamCall("UpdateOpenIDConnectProviderThumbprint", arn, (client, sdk) =>
      client.send(
        new sdk.UpdateOpenIDConnectProviderThumbprintCommand({
          OpenIDConnectProviderArn: arn,
          ThumbprintList: [...thumbprints],
        }),
      ),
    );
  }

  /** IAM AddClientIDToOpenIDConnectProvider. */
  async addClientId(arn: string, clientId: string): Promise<void> {
    const input = { OpenIDConnectProviderArn: arn, ClientID: clientId };
    await this.#iamCall("AddClientIDToOpenIDConnectProvider", arn, (client, sdk) =>
      client.send(new sdk.AddClientIDToOpenIDConnectProviderCommand(input)),
    );
  }

  /** IAM RemoveClientIDFromOpenIDConnectProvider (used only to undo {@link addClientId}). */
  async removeClientId(arn: string, clientId: string): Promise<void> {
    const input = { OpenIDConnectProviderArn: arn, ClientID: clientId };
    await this.#iamCall("RemoveClientIDFromOpenIDConnectProvider", arn, (client, sdk) =>
      client.send(new sdk.RemoveClientIDFromOpenIDConnectProviderCommand(input)),
    );
  }

  /** IAM CreateOpenIDConnectProvider; returns the new ARN. */
  createOidcProvider(
    url: string,
    clientIds: readonly string[],
    thumbprints: readonly string[],
  ): Promise<string> {
    return this.#iamCall("CreateOpenIDConnectProvider", url, async (client, sdk) => {
      const out = await client.send(
        new sdk.CreateOpenIDConnectProviderCommand({
          Url: url,
          ClientIDList: [...clientIds],
          ThumbprintList: [...thumbprints],
        }),
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
