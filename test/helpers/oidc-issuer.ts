/**
 * Local HTTPS OIDC issuers: serve a discovery document (and a JWKS) at
 * `<issuer path>/.well-known/openid-configuration` from 127.0.0.1:port,
 * behind a chosen certificate chain in a chosen order.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Handler, type HttpsServerHandle, startHttpsServer } from "./https-server.ts";
import type { Issued } from "./pki.ts";

export interface IssuerOptions {
  /** Host name the issuer URL uses (reached with --connect-to when not 127.0.0.1). */
  hostName?: string;
  /** Issuer path, e.g. `/id/ABC`. */
  path?: string;
  key: Issued;
  chain: Issued[];
  /** Overrides the `jwks_uri` in the document. */
  jwksUri?: string;
  /** Overrides the `issuer` in the document. */
  documentIssuer?: string;
  /** Replaces the handler for the discovery path. */
  discovery?: Handler;
  maxVersion?: "TLSv1.2" | "TLSv1.3";
}

export interface LocalIssuer extends HttpsServerHandle {
  /** The issuer URL (by host name, with the port when it is 127.0.0.1). */
  url: string;
  /** `--connect-to` value mapping the host name's :443 to the local port. */
  connectTo: string;
  requests: string[];
}

/** Starts an issuer. With `hostName`, its URL has no port and needs `connectTo`. */
export async function startIssuer(options: IssuerOptions): Promise<LocalIssuer> {
  const path = options.path ?? "";
  const requests: string[] = [];
  let url = "";
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push(req.url ?? "");
    if (req.url === `${path}/.well-known/openid-configuration`) {
      if (options.discovery) {
        options.discovery(req, res);
        return;
      }
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          issuer: options.documentIssuer ?? url,
          jwks_uri: options.jwksUri ?? `${url}/keys`,
          response_types_supported: ["id_token"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
        }),
      );
      return;
    }
    if (req.url === `${path}/keys`) {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [] }));
      return;
    }
    res.statusCode = 404;
    res.end("not found");
  };
  const server = await startHttpsServer({
    key: options.key,
    chain: options.chain,
    handler,
    ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
  });
  const host = options.hostName ?? "127.0.0.1";
  url = options.hostName ? `https://${host}${path}` : `https://127.0.0.1:${server.port}${path}`;
  return { ...server, url, connectTo: `${host}:443:127.0.0.1:${server.port}`, requests };
}

/** `thumbprint <issuer url> --connect-to ... --ca-file <ca>`: the usual argv against a local issuer. */
export function thumbprintArgv(issuer: LocalIssuer, ca: string): string[] {
  return ["thumbprint", issuer.url, "--connect-to", issuer.connectTo, "--ca-file", ca];
}
