import { request } from "node:http";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import { withDeadline } from "../net/deadline.ts";
import { endpointOfUrl, formatEndpoint } from "../net/endpoint.ts";
import {
  type OpenTls,
  openTls,
  type TlsConnectOptions,
  type TlsHandshakeResult,
} from "../tls/tls-connection.ts";

/**
 * The most bytes a response body may have (1 MiB); larger ones are refused unread.
 *
 * @example
 * ```ts
 * if (size > MAX_RESPONSE_BYTES) res.destroy();
 * ```
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/**
 * The most redirects followed.
 *
 * @example
 * ```ts
 * if (redirects >= MAX_REDIRECTS) throw tooMany();
 * ```
 */
export const MAX_REDIRECTS = 5;

/**
 * Options for {@link httpsGet}.
 *
 * @example
 * ```ts
 * const options: HttpsGetOptions = { timeoutMs: 10_000, insecure: false };
 * ```
 */
export interface HttpsGetOptions extends TlsConnectOptions {
  /** Skip certificate verification (the request is still sent over TLS). */
  insecure: boolean;
  userAgent?: string;
}

/**
 * A successful GET: the final URL after redirects, its body, and the TLS
 * handshake of every connection made on the way (first = the URL asked for).
 *
 * @example
 * ```ts
 * const { body, handshakes } = await httpsGet(new URL("https://example.com/"), options);
 * ```
 */
export interface HttpsGetResult {
  url: URL;
  body: Buffer;
  handshakes: TlsHandshakeResult[];
}

function verifyOrThrow(open: OpenTls, insecure: boolean): void {
  const { handshake } = open;
  if (insecure || handshake.authorized) return;
  open.socket.destroy();
  throw new IrsaDoctorError(
    "tls",
    "TLS_VERIFY_FAILED",
    `TLS verification of ${formatEndpoint(handshake.endpoint)} failed: ${handshake.authorizationError ?? "not trusted"} (pass --ca-file with the issuing CA, or --insecure to skip verification)`,
  );
}

function exchange(
  open: OpenTls,
  url: URL,
  options: HttpsGetOptions,
): Promise<{ status: number; location?: string; body: Buffer }> {
  const { socket } = open;
  const target = `GET ${url.href}`;
  return withDeadline(
    (resolve, reject) => {
      const req = request({
        createConnection: () => socket,
        method: "GET",
        path: `${url.pathname}${url.search}`,
        headers: {
          Host: url.host,
          Accept: "application/json",
          "User-Agent": options.userAgent ?? "irsa-doctor",
          Connection: "close",
        },
      });
      req.once("error", (error) =>
        reject(
          new IrsaDoctorError(
            "remote",
            "HTTP_FAILED",
            `Request failed: ${target}: ${error.message}`,
            {
              cause: error,
            },
          ),
        ),
      );
      req.once("response", (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        const declared = Number(res.headers["content-length"] ?? "0");
        const tooLarge = (): IrsaDoctorError =>
          new IrsaDoctorError(
            "remote",
            "RESPONSE_TOO_LARGE",
            `Response too large: ${target} sent more than ${MAX_RESPONSE_BYTES} bytes (refused; is this an OIDC discovery URL?)`,
          );
        if (declared > MAX_RESPONSE_BYTES) {
          res.destroy();
          reject(tooLarge());
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            res.destroy();
            reject(tooLarge());
            return;
          }
          chunks.push(chunk);
        });
        res.once("end", () =>
          resolve({ status, ...(location ? { location } : {}), body: Buffer.concat(chunks) }),
        );
        res.once("error", (error) =>
          reject(
            new IrsaDoctorError(
              "remote",
              "HTTP_FAILED",
              `Request failed: ${target}: ${error.message}`,
            ),
          ),
        );
      });
      req.end();
    },
    {
      ms: options.timeoutMs,
      signal: options.signal,
      cleanup: () => socket.destroy(),
      onTimeout: () =>
        new IrsaDoctorError(
          "remote",
          "HTTP_TIMEOUT",
          `Timed out after ${options.timeoutMs} ms waiting for the response to ${target} (raise --timeout if the server is slow)`,
        ),
    },
  );
}

/**
 * GETs an https URL over connections opened with {@link openTls} (so the
 * chain of each one is recorded), verifying TLS unless `insecure`, following
 * at most {@link MAX_REDIRECTS} https redirects and refusing bodies over
 * {@link MAX_RESPONSE_BYTES}. A non-2xx final status is an error.
 *
 * @example
 * ```ts
 * const { body } = await httpsGet(new URL("https://issuer/.well-known/openid-configuration"), {
 *   timeoutMs: 10_000, insecure: false });
 * ```
 */
export async function httpsGet(url: URL, options: HttpsGetOptions): Promise<HttpsGetResult> {
  const handshakes: TlsHandshakeResult[] = [];
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const open = await openTls(endpointOfUrl(current), options);
    handshakes.push(open.handshake);
    verifyOrThrow(open, options.insecure);
    const response = await exchange(open, current, options);
    open.socket.destroy();
    if (response.status >= 300 && response.status < 400 && response.location) {
      if (redirects >= MAX_REDIRECTS) {
        throw new IrsaDoctorError(
          "remote",
          "TOO_MANY_REDIRECTS",
          `Too many redirects: GET ${url.href} was redirected more than ${MAX_REDIRECTS} times (check the issuer URL)`,
        );
      }
      let next: URL;
      try {
        next = new URL(response.location, current);
      } catch (error) {
        throw new IrsaDoctorError(
          "remote",
          "REDIRECT_INVALID",
          `Refused redirect: GET ${current.href} redirects to an invalid URL "${response.location}"`,
          { cause: error },
        );
      }
      if (next.protocol !== "https:") {
        throw new IrsaDoctorError(
          "remote",
          "REDIRECT_NOT_HTTPS",
          `Refused redirect: GET ${current.href} redirects to non-https ${next.href} (OIDC discovery must stay on https)`,
        );
      }
      current = next;
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      throw new IrsaDoctorError(
        "remote",
        "HTTP_STATUS",
        `Request failed with status ${response.status}: GET ${current.href} (check the issuer URL, and that the issuer is serving)`,
      );
    }
    return { url: current, body: response.body, handshakes };
  }
}
