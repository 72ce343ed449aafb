import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import { providerKey } from "./oidc-provider.ts";

/**
 * The parts of an ARN.
 *
 * @example
 * ```ts
 * parseArn("arn:aws:eks:us-east-1:111122223333:cluster/prod").partition; // "aws"
 * ```
 */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/**
 * Parses an ARN or throws an `input` error naming `what`.
 *
 * @example
 * ```ts
 * parseArn("arn:aws-cn:iam::111122223333:oidc-provider/oidc.example.com").account;
 * ```
 */
export function parseArn(text: string, what = "ARN"): Arn {
  const match =
    /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/.exec(
      text,
    );
  if (!match) {
    throw new IrsaDoctorError(
      "input",
      "ARN_INVALID",
      `Invalid ${what} "${text}" (expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)`,
    );
  }
  const [, partition, service, region, account, resource] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { partition, service, region, account, resource };
}

/**
 * Parses an IAM OIDC provider ARN (`arn:P:iam::ACCOUNT:oidc-provider/HOST/PATH`).
 *
 * @example
 * ```ts
 * parseOidcProviderArn(arn).resource; // "oidc-provider/oidc.eks.../id/ABC"
 * ```
 */
export function parseOidcProviderArn(text: string): Arn {
  const arn = parseArn(text, "--provider-arn");
  if (arn.service !== "iam" || !arn.resource.startsWith("oidc-provider/")) {
    throw new IrsaDoctorError(
      "input",
      "ARN_NOT_OIDC_PROVIDER",
      `--provider-arn "${text}" is not an IAM OIDC provider ARN (expected arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH)`,
    );
  }
  return arn;
}

/**
 * The ARN IAM gives the OIDC provider of `issuer` in `account`.
 *
 * @example
 * ```ts
 * oidcProviderArn("aws", "111122223333", "https://oidc.eks.us-east-1.amazonaws.com/id/ABC");
 * // "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"
 * ```
 */
export function oidcProviderArn(partition: string, account: string, issuer: string): string {
  return `arn:${partition}:iam::${account}:oidc-provider/${providerKey(issuer)}`;
}
