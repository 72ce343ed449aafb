import { isIP } from "node:net";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import { type Endpoint, parsePort } from "./endpoint.ts";

/**
 * One `--connect-to HOST1:PORT1:HOST2:PORT2` rule with curl's semantics:
 * an empty HOST1 or PORT1 matches any; an empty HOST2 or PORT2 keeps the
 * original. Only the TCP destination changes; the name stays HOST1.
 *
 * @example
 * ```ts
 * const rule = parseConnectTo("oidc.example.com:443:127.0.0.1:8443");
 * ```
 */
export interface ConnectToRule {
  fromHost?: string;
  fromPort?: number;
  toHost?: string;
  toPort?: number;
}

function splitFields(text: string): string[] {
  const fields: string[] = [];
  let rest = text;
  while (fields.length < 3) {
    if (rest.startsWith("[")) {
      const close = rest.indexOf("]");
      // Each of the first three fields is followed by a colon; brackets hold an IPv6 address.
      if (close === -1 || rest[close + 1] !== ":" || isIP(rest.slice(1, close)) !== 6) return [];
      fields.push(rest.slice(1, close));
      rest = rest.slice(close + 2);
    } else {
      const colon = rest.indexOf(":");
      if (colon === -1) return [];
      fields.push(rest.slice(0, colon));
      rest = rest.slice(colon + 1);
    }
  }
  fields.push(rest);
  return fields;
}

/**
 * Parses one `--connect-to` value.
 *
 * @example
 * ```ts
 * parseConnectTo("::127.0.0.1:8443"); // any host, any port -> 127.0.0.1:8443
 * ```
 */
export function parseConnectTo(text: string): ConnectToRule {
  const fields = splitFields(text);
  if (fields.length !== 4) {
    throw new IrsaDoctorError(
      "usage",
      "BAD_CONNECT_TO",
      `Invalid --connect-to "${text}" (expected HOST1:PORT1:HOST2:PORT2, e.g. oidc.example.com:443:127.0.0.1:8443)`,
    );
  }
  const [fromHost, fromPort, toHost, toPort] = fields as [string, string, string, string];
  const rule: ConnectToRule = {};
  if (fromHost) rule.fromHost = fromHost.toLowerCase();
  if (fromPort) rule.fromPort = parsePort(fromPort, "--connect-to");
  if (toHost) rule.toHost = toHost;
  if (toPort) rule.toPort = parsePort(toPort, "--connect-to");
  return rule;
}

/**
 * Where to open the TCP connection for `endpoint`: the first matching rule
 * wins (as in curl), otherwise the endpoint itself.
 *
 * @example
 * ```ts
 * resolveConnectTo({ host: "a", port: 443 }, [parseConnectTo("a:443:127.0.0.1:9")]);
 * // { host: "127.0.0.1", port: 9 }
 * ```
 */
export function resolveConnectTo(endpoint: Endpoint, rules: readonly ConnectToRule[]): Endpoint {
  for (const rule of rules) {
    if (rule.fromHost !== undefined && rule.fromHost !== endpoint.host.toLowerCase()) continue;
    if (rule.fromPort !== undefined && rule.fromPort !== endpoint.port) continue;
    return { host: rule.toHost ?? endpoint.host, port: rule.toPort ?? endpoint.port };
  }
  return endpoint;
}
