import { type ParsedCertificate, parseCertificate } from "../cert/certificate-info.ts";
import { parseDiscoveryDocument } from "../discovery/discovery-document.ts";
import { discoveryUrl, parseIssuerUrl } from "../discovery/issuer-url.ts";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import { httpsGet } from "../http/https-get.ts";
import type { ConnectToRule } from "../net/connect-to.ts";
import { type Endpoint, endpointOfUrl, formatEndpoint } from "../net/endpoint.ts";
import type { TlsHandshakeResult } from "../tls/tls-connection.ts";
import type { TrustAnchors } from "../tls/trust-anchors.ts";
import { ProbeCache } from "./probe-cache.ts";

/**
 * Where to look: an issuer URL (full discovery) or a bare host (the plain
 * `openssl s_client` step).
 *
 * @example
 * ```ts
 * const t: ThumbprintTarget = { issuer: "https://oidc.eks.us-east-1.amazonaws.com/id/ABC" };
 * ```
 */
export type ThumbprintTarget = { issuer: string } | { host: Endpoint };

/**
 * Network options for gathering.
 *
 * @example
 * ```ts
 * const o: GatherOptions = { timeoutMs: 10_000, insecure: false };
 * ```
 */
export interface GatherOptions {
  timeoutMs: number;
  insecure: boolean;
  /** Trust anchors beyond Node's default store (`--ca-file`). */
  trust?: TrustAnchors | undefined;
  connectTo?: readonly ConnectToRule[] | undefined;
  signal?: AbortSignal | undefined;
  /** Share probes across calls (e.g. a scan). */
  cache?: ProbeCache | undefined;
}

/**
 * Why a host was probed.
 *
 * @example
 * ```ts
 * const roles: HostRole[] = ["issuer", "jwks"];
 * ```
 */
export type HostRole = "issuer" | "jwks" | "host";

/**
 * One probed host and the chain it served.
 *
 * @example
 * ```ts
 * evidence.hosts[0]?.chain.at(-1)?.info.sha1;
 * ```
 */
export interface HostEvidence {
  endpoint: Endpoint;
  roles: HostRole[];
  handshake: TlsHandshakeResult;
  chain: ParsedCertificate[];
}

/**
 * Everything the thumbprint judgement needs, gathered over the network.
 *
 * @example
 * ```ts
 * const evidence = await gatherThumbprintEvidence({ issuer: url }, options);
 * ```
 */
export interface ThumbprintEvidence {
  /** The issuer URL as given. */
  issuer?: string;
  /** The discovery document's `issuer` field. */
  documentIssuer?: string;
  jwksUri?: string;
  insecure: boolean;
  hosts: HostEvidence[];
}

function toHostEvidence(handshake: TlsHandshakeResult, roles: HostRole[]): HostEvidence {
  if (handshake.chain.length === 0) {
    throw new IrsaDoctorError(
      "tls",
      "CHAIN_EMPTY",
      `TLS server ${formatEndpoint(handshake.endpoint)} sent no certificate (it cannot be an OIDC issuer)`,
    );
  }
  return {
    endpoint: handshake.endpoint,
    roles,
    handshake,
    chain: handshake.chain.map(parseCertificate),
  };
}

/**
 * Gathers the evidence for `irsa-doctor thumbprint`: fetches the discovery
 * document (recording the issuer host's chain on that same connection),
 * then probes the `jwks_uri` host if it is another host. I/O only; no
 * judgement.
 *
 * @example
 * ```ts
 * const evidence = await gatherThumbprintEvidence({ host: { host: "example.com", port: 443 } },
 *   { timeoutMs: 10_000, insecure: false });
 * ```
 */
export async function gatherThumbprintEvidence(
  target: ThumbprintTarget,
  options: GatherOptions,
): Promise<ThumbprintEvidence> {
  const cache = options.cache ?? new ProbeCache(options);
  if ("host" in target) {
    const handshake = await cache.probe(target.host);
    return { insecure: options.insecure, hosts: [toHostEvidence(handshake, ["host"])] };
  }
  const issuerUrl = parseIssuerUrl(target.issuer);
  const url = discoveryUrl(issuerUrl);
  const response = await httpsGet(url, options);
  const issuerHandshake = response.handshakes[0] as TlsHandshakeResult;
  for (const handshake of response.handshakes) cache.remember(handshake);
  const document = parseDiscoveryDocument(response.body, response.url);
  const issuerEndpoint = endpointOfUrl(issuerUrl);
  const jwksEndpoint = endpointOfUrl(new URL(document.jwks_uri));
  const sameHost = formatEndpoint(issuerEndpoint) === formatEndpoint(jwksEndpoint);
  const hosts: HostEvidence[] = [];
  if (sameHost) {
    hosts.push(toHostEvidence(issuerHandshake, ["issuer", "jwks"]));
  } else {
    hosts.push(toHostEvidence(issuerHandshake, ["issuer"]));
    hosts.push(toHostEvidence(await cache.probe(jwksEndpoint), ["jwks"]));
  }
  return {
    issuer: target.issuer,
    documentIssuer: document.issuer,
    jwksUri: document.jwks_uri,
    insecure: options.insecure,
    hosts,
  };
}
