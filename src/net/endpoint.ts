import { isIP } from "node:net";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";

/**
 * A TLS endpoint by name: the host used for SNI, the Host header and
 * certificate checks, and its port.
 *
 * @example
 * ```ts
 * const e: Endpoint = { host: "oidc.eks.us-east-1.amazonaws.com", port: 443 };
 * ```
 */
export interface Endpoint {
  host: string;
  port: number;
}

/**
 * `host:port` with IPv6 hosts bracketed.
 *
 * @example
 * ```ts
 * formatEndpoint({ host: "::1", port: 8443 }); // "[::1]:8443"
 * ```
 */
export function formatEndpoint(endpoint: Endpoint): string {
  const host = isIP(endpoint.host) === 6 ? `[${endpoint.host}]` : endpoint.host;
  return `${host}:${endpoint.port}`;
}

/**
 * The endpoint an https URL names: its host (IPv6 without brackets,
 * lowercase) and port (443 when none is given).
 *
 * @example
 * ```ts
 * endpointOfUrl(new URL("https://[::1]:8443/x")); // { host: "::1", port: 8443 }
 * ```
 */
export function endpointOfUrl(url: URL): Endpoint {
  return {
    host: url.hostname.replace(/^\[|\]$/g, "").toLowerCase(),
    port: url.port ? Number(url.port) : 443,
  };
}

/**
 * Parses a port number (1-65535), or throws a usage error naming `what`.
 *
 * @example
 * ```ts
 * parsePort("8443", "--host"); // 8443
 * ```
 */
export function parsePort(text: string, what: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new IrsaDoctorError(
      "usage",
      "BAD_PORT",
      `Invalid port "${text}" in ${what} (use 1-65535)`,
    );
  }
  return port;
}

/**
 * Parses `HOST[:PORT]` (IPv6 as `[::1]:443`); the port defaults to 443.
 *
 * @example
 * ```ts
 * parseHostPort("example.com:8443"); // { host: "example.com", port: 8443 }
 * ```
 */
export function parseHostPort(text: string, what = "--host"): Endpoint {
  if (text.includes("://")) {
    throw new IrsaDoctorError(
      "usage",
      "BAD_HOST",
      `Invalid ${what} "${text}": it takes HOST or HOST:PORT, not a URL (pass an issuer URL as the argument instead)`,
    );
  }
  const match = /^(?:\[([^\]]+)\]|([^:[\]/\s]+))(?::([^:]*))?$/.exec(text.trim());
  if (!match) {
    throw new IrsaDoctorError(
      "usage",
      "BAD_HOST",
      `Invalid ${what} "${text}" (expected HOST or HOST:PORT)`,
    );
  }
  const host = (match[1] ?? match[2] ?? "").toLowerCase();
  if (match[1] !== undefined && isIP(host) !== 6) {
    throw new IrsaDoctorError(
      "usage",
      "BAD_HOST",
      `Invalid ${what} "${text}": brackets hold an IPv6 address, e.g. [::1]:443`,
    );
  }
  const port = match[3] === undefined ? 443 : parsePort(match[3], what);
  return { host, port };
}
