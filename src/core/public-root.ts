import type { X509Certificate } from "node:crypto";
import { isIssuedBy, type ParsedCertificate } from "../cert/certificate-info.ts";
import { chainTopIndex } from "./chain-order.ts";

/**
 * Whether the served chain ends in (or is signed by) one of `roots`: the
 * public CAs IAM also trusts on its own. Pure.
 *
 * @example
 * ```ts
 * anchoredIn(chain, publicRoots); // true for a chain to a well-known CA
 * ```
 */
export function anchoredIn(
  chain: readonly ParsedCertificate[],
  roots: readonly X509Certificate[],
): boolean {
  const top = chain[chainTopIndex(chain)];
  if (!top) return false;
  return roots.some(
    (root) => root.fingerprint256 === top.x509.fingerprint256 || isIssuedBy(top.x509, root),
  );
}
