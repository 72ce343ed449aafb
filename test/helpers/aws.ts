/**
 * Sets up IAM and EKS state in moto with the real AWS SDK, and reads it back
 * independently with the AWS CLI.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CreateClusterCommand, EKSClient } from "@aws-sdk/client-eks";
import {
  CreateOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient,
} from "@aws-sdk/client-iam";
import type { Moto } from "./moto.ts";

const run = promisify(execFile);

export function iam(moto: Moto): IAMClient {
  return new IAMClient({ region: "us-east-1", endpoint: moto.endpoint });
}

export async function createProvider(
  moto: Moto,
  url: string,
  thumbprints: string[],
  clientIds: string[] = ["sts.amazonaws.com"],
): Promise<string> {
  const client = iam(moto);
  const out = await client.send(
    new CreateOpenIDConnectProviderCommand({
      Url: url,
      ThumbprintList: thumbprints,
      ClientIDList: clientIds,
    }),
  );
  client.destroy();
  return out.OpenIDConnectProviderArn ?? "";
}

export async function readProviderSdk(moto: Moto, arn: string) {
  const client = iam(moto);
  const out = await client.send(
    new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
  );
  client.destroy();
  return {
    thumbprints: out.ThumbprintList ?? [],
    clientIds: out.ClientIDList ?? [],
    url: out.Url ?? "",
  };
}

/** Reads the provider back with the AWS CLI, independently of the SDK. */
export async function readProviderCli(
  moto: Moto,
  arn: string,
): Promise<{ ThumbprintList: string[]; ClientIDList: string[]; Url: string }> {
  const { stdout } = await run(
    "aws",
    [
      "--endpoint-url",
      moto.endpoint,
      "iam",
      "get-open-id-connect-provider",
      "--open-id-connect-provider-arn",
      arn,
      "--output",
      "json",
    ],
    { env: { ...process.env, ...moto.env } },
  );
  return JSON.parse(stdout);
}

export async function createCluster(moto: Moto, name: string, region = "us-east-1") {
  const client = new EKSClient({ region, endpoint: moto.endpoint });
  const out = await client.send(
    new CreateClusterCommand({
      name,
      roleArn: "arn:aws:iam::123456789012:role/eks-cluster",
      resourcesVpcConfig: {},
    }),
  );
  client.destroy();
  return { arn: out.cluster?.arn ?? "", issuer: out.cluster?.identity?.oidc?.issuer ?? "" };
}
