import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";

/**
 * Validates an OIDC issuer URL the way IAM and the OIDC spec want it: https,
 * a host, no query, no fragment, no credentials. Returns the parsed URL.
 *
 * @example
 * ```ts
 * parseIssuerUrl("https://oidc.eks.us-east-1.amazonaws.com/id/ABC").hostname;
 * ```
 */
export function parseIssuerUrl(text: string, what = "issuer URL"): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new IrsaDoctorError(
      "input",
      "URL_INVALID",
      `Invalid ${what} "${text}": not a URL (expected https://HOST/PATH)`,
      { cause: error },
    );
  }
  const fail = (code: string, why: string): never => {
    throw new IrsaDoctorError("input", code, `Invalid ${what} "${text}": ${why}`);
  };
  if (url.protocol !== "https:")
    fail("URL_NOT_HTTPS", "it must use https:// (IAM only trusts https issuers)");
  if (!url.hostname) fail("URL_INVALID", "it has no host");
  if (url.search || text.includes("?"))
    fail("URL_HAS_QUERY", "an issuer URL cannot have a query (?...)");
  if (url.hash || text.includes("#"))
    fail("URL_HAS_FRAGMENT", "an issuer URL cannot have a fragment (#...)");
  if (url.username || url.password)
    fail("URL_HAS_CREDENTIALS", "an issuer URL cannot carry credentials");
  return url;
}

/**
 * The discovery document URL for an issuer: the issuer with any trailing
 * slash removed, then `/.well-known/openid-configuration`.
 *
 * @example
 * ```ts
 * discoveryUrl(new URL("https://example.com/id/X")).href;
 * // "https://example.com/id/X/.well-known/openid-configuration"
 * ```
 */
export function discoveryUrl(issuer: URL): URL {
  const base = issuer.href.replace(/\/+$/, "");
  return new URL(`${base}/.well-known/openid-configuration`);
}
