/**
 * An IAM OIDC identity provider as plain data.
 *
 * @example
 * ```ts
 * const p: OidcProvider = { arn, url: "oidc.eks.us-east-1.amazonaws.com/id/ABC",
 *   clientIds: ["sts.amazonaws.com"], thumbprints: ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"] };
 * ```
 */
export interface OidcProvider {
  arn: string;
  /** As IAM stores it: host and path, no scheme. */
  url: string;
  clientIds: string[];
  thumbprints: string[];
}

/**
 * Normalises an issuer URL or an IAM provider URL for comparison: no
 * scheme, lowercase host, no `:443`, no trailing slash.
 *
 * @example
 * ```ts
 * providerKey("https://OIDC.example.com:443/id/X/"); // "oidc.example.com/id/X"
 * ```
 */
export function providerKey(url: string): string {
  const bare = url.replace(/^https:\/\//i, "").replace(/\/+$/, "");
  const slash = bare.indexOf("/");
  const host = (slash === -1 ? bare : bare.slice(0, slash)).toLowerCase().replace(/:443$/, "");
  return host + (slash === -1 ? "" : bare.slice(slash));
}

/**
 * The resource part of a provider ARN (`HOST/PATH`), comparable with {@link providerKey}.
 *
 * @example
 * ```ts
 * providerUrlFromArn("arn:aws:iam::1:oidc-provider/oidc.example.com/id/X"); // "oidc.example.com/id/X"
 * ```
 */
export function providerUrlFromArn(arn: string): string {
  const index = arn.indexOf(":oidc-provider/");
  return index === -1 ? "" : arn.slice(index + ":oidc-provider/".length);
}

/**
 * Whether a URL (issuer or provider) names a port.
 *
 * @example
 * ```ts
 * urlHasPort("oidc.example.com:8443/x"); // true
 * ```
 */
export function urlHasPort(url: string): boolean {
  const host = url.replace(/^https:\/\//i, "").split("/")[0] ?? "";
  return /:\d+$/.test(host);
}
