import { isIP, connect as netConnect, type Socket } from "node:net";
import { checkServerIdentity, type TLSSocket, connect as tlsConnect } from "node:tls";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import { type ConnectToRule, resolveConnectTo } from "../net/connect-to.ts";
import { withDeadline } from "../net/deadline.ts";
import { type Endpoint, formatEndpoint } from "../net/endpoint.ts";
import { TapDuplex } from "./tap-duplex.ts";
import type { TrustAnchors } from "./trust-anchors.ts";
import { extractWireChain } from "./wire-chain.ts";

/**
 * Options for opening a TLS connection.
 *
 * @example
 * ```ts
 * const options: TlsConnectOptions = { timeoutMs: 10_000, trust: await loadTrustAnchors(["ca.pem"]) };
 * ```
 */
export interface TlsConnectOptions {
  /** Bounds the TCP connect and, separately, the TLS handshake. */
  timeoutMs: number;
  /** Trust anchors beyond Node's default store (`--ca-file`). */
  trust?: TrustAnchors | undefined;
  /** `--connect-to` rules. */
  connectTo?: readonly ConnectToRule[] | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * What one TLS handshake showed: the chain exactly as sent, and whether it
 * verifies (trust anchors and host name).
 *
 * @example
 * ```ts
 * const { chain, authorized } = await probeTls({ host: "example.com", port: 443 }, { timeoutMs: 5000 });
 * ```
 */
export interface TlsHandshakeResult {
  endpoint: Endpoint;
  /** Where the TCP connection went (differs from `endpoint` under `--connect-to`). */
  address: Endpoint;
  protocol: string;
  /** DER certificates in wire order, index 0 = leaf. */
  chain: Buffer[];
  authorized: boolean;
  authorizationError?: string;
}

/**
 * An open TLS connection and what its handshake showed. The caller owns the
 * socket and must end or destroy it.
 *
 * @example
 * ```ts
 * const { socket, handshake } = await openTls(endpoint, options);
 * socket.destroy();
 * ```
 */
export interface OpenTls {
  socket: TLSSocket;
  handshake: TlsHandshakeResult;
}

const networkCodes: Record<string, { code: string; text: string; next: string }> = {
  ENOTFOUND: {
    code: "DNS_LOOKUP_FAILED",
    text: "Could not resolve host",
    next: "check the host name, or use --connect-to",
  },
  EAI_AGAIN: {
    code: "DNS_LOOKUP_FAILED",
    text: "Could not resolve host",
    next: "check DNS, or use --connect-to",
  },
  ECONNREFUSED: {
    code: "CONNECTION_REFUSED",
    text: "Connection refused by",
    next: "check the host and port",
  },
  EHOSTUNREACH: {
    code: "HOST_UNREACHABLE",
    text: "Host unreachable:",
    next: "check the network path",
  },
  ENETUNREACH: {
    code: "NETWORK_UNREACHABLE",
    text: "Network unreachable for",
    next: "check the network path",
  },
  ECONNRESET: {
    code: "CONNECTION_RESET",
    text: "Connection reset by",
    next: "check the host and port",
  },
};

function connectError(error: unknown, endpoint: Endpoint, address: Endpoint): IrsaDoctorError {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const where =
    address.host === endpoint.host && address.port === endpoint.port
      ? formatEndpoint(endpoint)
      : `${formatEndpoint(address)} (for ${formatEndpoint(endpoint)})`;
  const known = networkCodes[code];
  if (known) {
    return new IrsaDoctorError("network", known.code, `${known.text} ${where} (${known.next})`, {
      cause: error,
    });
  }
  return new IrsaDoctorError(
    "network",
    "CONNECT_FAILED",
    `Could not connect to ${where}: ${(error as Error).message} (check the host and port)`,
    { cause: error },
  );
}

function describeTlsFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { reason?: string };
  if (e.code === "ECONNRESET" || /disconnected before secure TLS/i.test(e.message)) {
    return "the server closed the connection during the handshake";
  }
  return e.reason ?? e.message;
}

/**
 * Opens a TCP connection (through `--connect-to` rules), then a TLS session
 * with SNI set and no session resumption, and records the certificate chain
 * in the order the server sent it. Verification never aborts the handshake:
 * the result says whether it passed.
 *
 * @example
 * ```ts
 * const { socket, handshake } = await openTls({ host: "example.com", port: 443 }, { timeoutMs: 10_000 });
 * ```
 */
export async function openTls(endpoint: Endpoint, options: TlsConnectOptions): Promise<OpenTls> {
  const address = resolveConnectTo(endpoint, options.connectTo ?? []);
  let raw: Socket | undefined;
  await withDeadline<void>(
    (resolve, reject) => {
      raw = netConnect({ host: address.host, port: address.port });
      raw.once("connect", () => resolve());
      raw.once("error", (error) => reject(connectError(error, endpoint, address)));
    },
    {
      ms: options.timeoutMs,
      signal: options.signal,
      cleanup: () => raw?.destroy(),
      onTimeout: () =>
        new IrsaDoctorError(
          "network",
          "CONNECT_TIMEOUT",
          `Timed out after ${options.timeoutMs} ms connecting to ${formatEndpoint(address)} (check the host and port, or raise --timeout)`,
        ),
    },
  );
  const tcp = raw as Socket;
  tcp.removeAllListeners("error");

  const serverBytes: Buffer[] = [];
  const tap = new TapDuplex(tcp, (chunk) => serverBytes.push(chunk));
  let serverHandshakeSecret: Buffer | undefined;
  let socket: TLSSocket | undefined;
  await withDeadline<void>(
    (resolve, reject) => {
      socket = tlsConnect({
        socket: tap,
        host: endpoint.host,
        ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }),
        rejectUnauthorized: false,
        ...(options.trust ? { secureContext: options.trust.secureContext } : {}),
        ALPNProtocols: ["http/1.1"],
        checkServerIdentity: (_name, cert) => checkServerIdentity(endpoint.host, cert),
      });
      socket.on("keylog", (line: Buffer) => {
        const [label, , secret] = line.toString("ascii").trim().split(" ");
        if (label === "SERVER_HANDSHAKE_TRAFFIC_SECRET" && secret) {
          serverHandshakeSecret = Buffer.from(secret, "hex");
        }
      });
      socket.once("secureConnect", () => resolve());
      socket.once("error", (error) =>
        reject(
          new IrsaDoctorError(
            "tls",
            "TLS_HANDSHAKE_FAILED",
            `TLS handshake with ${formatEndpoint(endpoint)} failed: ${describeTlsFailure(error)} (is it an HTTPS server?)`,
            { cause: error },
          ),
        ),
      );
    },
    {
      ms: options.timeoutMs,
      signal: options.signal,
      cleanup: () => {
        socket?.destroy();
        tap.destroy();
      },
      onTimeout: () =>
        new IrsaDoctorError(
          "tls",
          "TLS_TIMEOUT",
          `Timed out after ${options.timeoutMs} ms waiting for the TLS handshake with ${formatEndpoint(endpoint)} (is it an HTTPS server? raise --timeout if it is slow)`,
        ),
    },
  );
  const tls = socket as TLSSocket;
  tap.stopTapping();
  tls.removeAllListeners("keylog");
  tls.removeAllListeners("error");
  // Until the caller attaches its own, an error (e.g. a reset) must not crash the process.
  tls.on("error", () => {});
  const protocol = tls.getProtocol() ?? "unknown";
  let chain: Buffer[];
  try {
    chain = extractWireChain({
      serverBytes: Buffer.concat(serverBytes),
      protocol,
      cipher: tls.getCipher().standardName,
      ...(serverHandshakeSecret ? { serverHandshakeSecret } : {}),
    });
  } catch (error) {
    tls.destroy();
    throw new IrsaDoctorError(
      "tls",
      "CHAIN_UNREADABLE",
      `Could not read the certificate chain sent by ${formatEndpoint(endpoint)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const handshake: TlsHandshakeResult = {
    endpoint,
    address,
    protocol,
    chain,
    authorized: tls.authorized,
  };
  if (!tls.authorized && tls.authorizationError) {
    handshake.authorizationError = String(tls.authorizationError);
  }
  return { socket: tls, handshake };
}

/**
 * {@link openTls}, then closes the connection: the plain `s_client` step.
 *
 * @example
 * ```ts
 * const { chain } = await probeTls({ host: "example.com", port: 443 }, { timeoutMs: 10_000 });
 * ```
 */
export async function probeTls(
  endpoint: Endpoint,
  options: TlsConnectOptions,
): Promise<TlsHandshakeResult> {
  const { socket, handshake } = await openTls(endpoint, options);
  socket.destroy();
  return handshake;
}
