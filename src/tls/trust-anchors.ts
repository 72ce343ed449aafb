import { readFile } from "node:fs/promises";
import { rootCertificates } from "node:tls";
import { readCertificateFile } from "../cert/read-certificates.ts";

/**
 * The trust anchors to verify against: Node's bundled public roots, the
 * certificates in NODE_EXTRA_CA_CERTS, and every `--ca-file`. Returns
 * `undefined` when there is no `--ca-file`, so Node's own default store
 * (which already includes NODE_EXTRA_CA_CERTS) is used unchanged.
 *
 * @example
 * ```ts
 * const ca = await loadTrustAnchors(["./my-ca.pem"]);
 * ```
 */
export async function loadTrustAnchors(caFiles: readonly string[]): Promise<string[] | undefined> {
  if (caFiles.length === 0) return undefined;
  const anchors = [...rootCertificates];
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  if (extra) {
    // Node ignores an unreadable NODE_EXTRA_CA_CERTS with a warning; do the same.
    const text = await readFile(extra, "utf8").catch(() => "");
    anchors.push(
      ...(text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []),
    );
  }
  for (const file of caFiles) {
    for (const cert of await readCertificateFile(file)) anchors.push(cert.x509.toString());
  }
  return anchors;
}
