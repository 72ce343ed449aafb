import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";

/**
 * The fields of an OpenID Provider discovery document irsa-doctor uses.
 *
 * @example
 * ```ts
 * const doc = parseDiscoveryDocument(body, url);
 * doc.jwks_uri;
 * ```
 */
export interface DiscoveryDocument {
  issuer: string;
  jwks_uri: string;
  [field: string]: unknown;
}

/**
 * Parses and validates a discovery document body: JSON object, string
 * `issuer`, https `jwks_uri`. Throws a `remote` error naming the URL.
 *
 * @example
 * ```ts
 * parseDiscoveryDocument(Buffer.from('{"issuer":"https://a","jwks_uri":"https://a/keys"}'), url);
 * ```
 */
export function parseDiscoveryDocument(body: Buffer, url: URL): DiscoveryDocument {
  const where = `GET ${url.href}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new IrsaDoctorError(
      "remote",
      "DISCOVERY_NOT_JSON",
      `Discovery document is not JSON: ${where} (is this the issuer URL?)`,
      { cause: error },
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new IrsaDoctorError(
      "remote",
      "DISCOVERY_INVALID",
      `Discovery document is not a JSON object: ${where}`,
    );
  }
  const doc = parsed as Record<string, unknown>;
  if (typeof doc.issuer !== "string") {
    throw new IrsaDoctorError(
      "remote",
      "DISCOVERY_NO_ISSUER",
      `Discovery document has no "issuer": ${where}`,
    );
  }
  if (typeof doc.jwks_uri !== "string" || doc.jwks_uri === "") {
    throw new IrsaDoctorError(
      "remote",
      "DISCOVERY_NO_JWKS_URI",
      `Discovery document has no "jwks_uri": ${where} (the issuer must publish its signing keys)`,
    );
  }
  let jwks: URL;
  try {
    jwks = new URL(doc.jwks_uri);
  } catch {
    throw new IrsaDoctorError(
      "remote",
      "JWKS_URI_INVALID",
      `Discovery document has an invalid "jwks_uri" "${doc.jwks_uri}": ${where}`,
    );
  }
  if (jwks.protocol !== "https:") {
    throw new IrsaDoctorError(
      "remote",
      "JWKS_URI_NOT_HTTPS",
      `Discovery document's "jwks_uri" is not https: ${doc.jwks_uri} (from ${where}; IAM only fetches keys over https)`,
    );
  }
  return doc as DiscoveryDocument;
}
