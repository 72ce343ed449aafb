import type { Socket } from "node:net";
import { Duplex } from "node:stream";

/**
 * A duplex stream over a TCP socket that hands every byte read to `onRead`
 * before TLS sees it. Node's TLS layer hides the certificate list as sent
 * (`getPeerCertificate(true)` rebuilds and reorders it, and appends roots from
 * the local trust store), so irsa-doctor reads the handshake bytes itself.
 *
 * @example
 * ```ts
 * const tap = new TapDuplex(net.connect(443, host), (chunk) => seen.push(chunk));
 * tls.connect({ socket: tap, servername: host });
 * ```
 */
export class TapDuplex extends Duplex {
  readonly #raw: Socket;
  #onRead: ((chunk: Buffer) => void) | undefined;

  constructor(raw: Socket, onRead: (chunk: Buffer) => void) {
    super();
    this.#raw = raw;
    this.#onRead = onRead;
    raw.on("data", (chunk: Buffer) => {
      this.#onRead?.(chunk);
      if (!this.push(chunk)) raw.pause();
    });
    raw.on("end", () => this.push(null));
    raw.on("error", (error) => this.destroy(error));
    raw.on("close", () => {
      if (!this.destroyed) this.destroy();
    });
  }

  /** Stops handing bytes to `onRead` (after the handshake). */
  stopTapping(): void {
    this.#onRead = undefined;
  }

  override _read(): void {
    this.#raw.resume();
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.#raw.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#raw.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#raw.destroy();
    callback(error);
  }
}
