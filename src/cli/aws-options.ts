import type { Command } from "commander";
import type { AwsAccess } from "../aws/aws-access.ts";
import type { CheckOptions } from "../commands/check.ts";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import type { CheckTarget } from "../gather/check-evidence.ts";
import { type NetworkFlags, networkOptions } from "./network-options.ts";

/**
 * Raw values of the AWS and target options of `check` and `fix`.
 *
 * @example
 * ```ts
 * const flags: AwsFlags = { cluster: "prod", region: "eu-west-1" };
 * ```
 */
export interface AwsFlags {
  cluster?: string;
  issuer?: string;
  providerArn?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  audience?: string;
}

/**
 * Adds the target options (`--cluster`, `--issuer`, `--provider-arn`) and
 * the AWS CLI-style access options to a command.
 *
 * @example
 * ```ts
 * addAwsOptions(program.command("check"));
 * ```
 */
export function addAwsOptions(command: Command): Command {
  return command
    .option("--cluster <name>", "EKS cluster whose OIDC issuer to check (EKS DescribeCluster)")
    .option("--issuer <url>", "OIDC issuer URL to check")
    .option("--provider-arn <arn>", "IAM OIDC provider to check")
    .option(
      "--audience <value>",
      "audience that must be in ClientIDList (default sts.amazonaws.com)",
    )
    .option("--region <region>", "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, profile)")
    .option("--profile <name>", "AWS shared-config profile (default: AWS_PROFILE)")
    .option("--endpoint-url <url>", "send AWS requests to this endpoint (e.g. a local emulator)");
}

/**
 * The one target named by the flags, or a usage error.
 *
 * @example
 * ```ts
 * checkTarget({ cluster: "prod" }); // { cluster: "prod" }
 * ```
 */
export function checkTarget(flags: AwsFlags, command: string): CheckTarget {
  const targets: CheckTarget[] = [];
  if (flags.cluster !== undefined) targets.push({ cluster: flags.cluster });
  if (flags.issuer !== undefined) targets.push({ issuer: flags.issuer });
  if (flags.providerArn !== undefined) targets.push({ providerArn: flags.providerArn });
  const [target] = targets;
  for (const [flag, value] of [
    ["--cluster", flags.cluster],
    ["--issuer", flags.issuer],
    ["--provider-arn", flags.providerArn],
  ] as const) {
    if (value !== undefined && value.trim() === "") {
      throw new IrsaDoctorError(
        "usage",
        "EMPTY_VALUE",
        `${flag} needs a value (got an empty string)`,
      );
    }
  }
  if (targets.length !== 1 || !target) {
    throw new IrsaDoctorError(
      "usage",
      "TARGET_REQUIRED",
      `${command} needs exactly one of --cluster NAME, --issuer URL or --provider-arn ARN (see irsa-doctor ${command} --help)`,
    );
  }
  return target;
}

/**
 * AWS access settings from the flags.
 *
 * @example
 * ```ts
 * awsAccess({ region: "eu-west-1" });
 * ```
 */
export function awsAccess(flags: AwsFlags): AwsAccess {
  if (flags.endpointUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(flags.endpointUrl)) {
    throw new IrsaDoctorError(
      "usage",
      "BAD_ENDPOINT_URL",
      `Invalid --endpoint-url "${flags.endpointUrl}" (expected http(s)://HOST[:PORT])`,
    );
  }
  if (flags.region !== undefined && !/^[a-z]{2}(-[a-z0-9]+)+$/.test(flags.region)) {
    throw new IrsaDoctorError(
      "usage",
      "BAD_REGION",
      `Invalid --region "${flags.region}" (expected a region name such as us-east-1)`,
    );
  }
  return { region: flags.region, profile: flags.profile, endpointUrl: flags.endpointUrl };
}

/**
 * The target and options of `check` or `fix`, from their flags.
 *
 * @example
 * ```ts
 * const { target, options } = await checkInputs(flags, "check");
 * ```
 */
export async function checkInputs(
  flags: NetworkFlags & AwsFlags,
  command: string,
): Promise<{ target: CheckTarget; options: CheckOptions }> {
  const target = checkTarget(flags, command);
  const options = {
    ...(await networkOptions(flags)),
    aws: awsAccess(flags),
    audience: flags.audience,
  };
  return { target, options };
}
