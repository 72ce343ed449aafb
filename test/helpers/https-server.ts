/**
 * Local HTTPS servers on 127.0.0.1, port 0, serving a chosen certificate
 * chain in a chosen order, with a request handler.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { Issued } from "./pki.ts";

export interface ServerHandle {
  port: number;
  close(): Promise<void>;
}

export interface HttpsServerHandle extends ServerHandle {
  /** Serves another key and chain from now on (the issuer's CA changed). */
  setChain(key: Issued, chain: Issued[]): void;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function track(server: { on(event: "connection", cb: (s: Socket) => void): unknown }): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return sockets;
}

/** Starts an HTTPS server whose Certificate message is exactly `chain` (wire order), keyed by `key`. */
export async function startHttpsServer(options: {
  key: Issued;
  chain: Issued[];
  handler: Handler;
  maxVersion?: "TLSv1.2" | "TLSv1.3";
  /** OpenSSL cipher string (TLS 1.3 suites included), e.g. TLS_CHACHA20_POLY1305_SHA256. */
  ciphers?: string;
}): Promise<HttpsServerHandle> {
  const server = createHttpsServer(
    {
      key: options.key.keyPem,
      cert: options.chain.map((c) => c.pem).join(""),
      ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
      ...(options.ciphers ? { ciphers: options.ciphers } : {}),
    },
    options.handler,
  );
  const sockets = track(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    setChain: (key, chain) =>
      server.setSecureContext({
        key: key.keyPem,
        cert: chain.map((c) => c.pem).join(""),
        ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
      }),
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

/** A plain-HTTP server (for the "not TLS" case). */
export async function startPlainHttpServer(handler: Handler): Promise<ServerHandle> {
  const server = createServer(handler);
  const sockets = track(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, "close");
    },
  };
}
