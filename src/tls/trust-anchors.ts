import { readFile } from "node:fs/promises";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import { pemCertificates, readCertificateFile } from "../cert/read-certificates.ts";

/**
 * What to verify TLS against: Node's default store (bundled public roots
 * plus NODE_EXTRA_CA_CERTS), extended with every `--ca-file`.
 *
 * @example
 * ```ts
 * const trust = await loadTrustAnchors(["./my-ca.pem"]);
 * tls.connect({ host, port, secureContext: trust?.secureContext });
 * ```
 */
export interface TrustAnchors {
  /** The `--ca-file` certificates, PEM. */
  extraPems: string[];
  /** A client context trusting the default store plus `extraPems`. */
  secureContext: SecureContext;
}

interface NativeContext {
  addCACert?: (pem: string) => void;
}

/**
 * Builds the trust anchors for the `--ca-file` files, or returns `undefined`
 * when there are none (Node's default context is used unchanged).
 *
 * Node 20 has no public way to add CAs to its default store, and passing
 * `ca: [...tls.rootCertificates, ...extra]` re-parses all ~140 roots on every
 * context (about 20 ms). The default context's native `addCACert` (what
 * Node's own `ca` option calls) extends a copy of the already-built store
 * instead; if a future Node drops it, the slow public path is used.
 *
 * @example
 * ```ts
 * const trust = await loadTrustAnchors(flags.caFile);
 * ```
 */
export async function loadTrustAnchors(
  caFiles: readonly string[],
): Promise<TrustAnchors | undefined> {
  if (caFiles.length === 0) return undefined;
  const extraPems: string[] = [];
  for (const file of caFiles) {
    for (const cert of await readCertificateFile(file)) extraPems.push(cert.x509.toString());
  }
  // Node ignores an unreadable NODE_EXTRA_CA_CERTS (with a warning); so does this.
  const extraFile = process.env.NODE_EXTRA_CA_CERTS;
  const fromEnv = extraFile
    ? pemCertificates(await readFile(extraFile, "utf8").catch(() => ""))
    : [];
  const fast = createSecureContext();
  const native = fast.context as NativeContext | undefined;
  if (typeof native?.addCACert === "function") {
    // The copied store keeps the bundled roots but not NODE_EXTRA_CA_CERTS: add those again.
    for (const pem of [...fromEnv, ...extraPems]) native.addCACert(pem);
    return { extraPems, secureContext: fast };
  }
  return {
    extraPems,
    secureContext: createSecureContext({ ca: [...rootCertificates, ...fromEnv, ...extraPems] }),
  };
}
