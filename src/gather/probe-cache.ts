import { type Endpoint, formatEndpoint } from "../net/endpoint.ts";
import {
  probeTls,
  type TlsConnectOptions,
  type TlsHandshakeResult,
} from "../tls/tls-connection.ts";

/**
 * Memoises TLS probes per `host:port`, so each distinct host is probed once
 * however many issuers or providers point at it.
 *
 * @example
 * ```ts
 * const cache = new ProbeCache({ timeoutMs: 10_000 });
 * const a = await cache.probe({ host: "example.com", port: 443 });
 * ```
 */
export class ProbeCache {
  readonly #options: TlsConnectOptions;
  readonly #entries = new Map<string, Promise<TlsHandshakeResult>>();

  constructor(options: TlsConnectOptions) {
    this.#options = options;
  }

  /** Records a handshake made elsewhere (e.g. by the discovery fetch). */
  remember(result: TlsHandshakeResult): void {
    const key = formatEndpoint(result.endpoint);
    if (!this.#entries.has(key)) this.#entries.set(key, Promise.resolve(result));
  }

  /** The handshake with `endpoint`, probing it only the first time. */
  probe(endpoint: Endpoint): Promise<TlsHandshakeResult> {
    const key = formatEndpoint(endpoint);
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = probeTls(endpoint, this.#options);
      this.#entries.set(key, entry);
      // A failed probe is not remembered: a later caller tries again.
      entry.catch(() => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      });
    }
    return entry;
  }
}
