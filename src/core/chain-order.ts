import { isIssuedBy, type ParsedCertificate } from "../cert/certificate-info.ts";

/**
 * Index of the first certificate that is not followed by its issuer, or -1
 * when every certificate is followed by the one that signed it.
 *
 * @example
 * ```ts
 * firstOutOfOrder([leaf, root, intermediate]); // 0
 * ```
 */
export function firstOutOfOrder(chain: readonly ParsedCertificate[]): number {
  for (let i = 0; i + 1 < chain.length; i++) {
    const cert = chain[i] as ParsedCertificate;
    const next = chain[i + 1] as ParsedCertificate;
    if (!isIssuedBy(cert.x509, next.x509)) return i;
  }
  return -1;
}

/**
 * Walks issuers from the leaf through the certificates the server sent
 * (in any order) and returns the index of the last one reached: the real
 * top of the chain.
 *
 * @example
 * ```ts
 * chainTopIndex([leaf, root, intermediate]); // 1 (root)
 * ```
 */
export function chainTopIndex(chain: readonly ParsedCertificate[]): number {
  if (chain.length === 0) return -1;
  const visited = new Set<number>([0]);
  let current = 0;
  for (;;) {
    const cert = chain[current] as ParsedCertificate;
    if (cert.info.selfSigned) return current;
    const next = chain.findIndex(
      (candidate, i) => !visited.has(i) && isIssuedBy(cert.x509, candidate.x509),
    );
    if (next === -1) return current;
    visited.add(next);
    current = next;
  }
}
