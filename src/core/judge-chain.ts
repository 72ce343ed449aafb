import type { ParsedCertificate } from "../cert/certificate-info.ts";
import type { Finding } from "../findings/finding.ts";
import { chainTopIndex, firstOutOfOrder } from "./chain-order.ts";

const DAY_MS = 86_400_000;

/**
 * What a TLS chain is judged on.
 *
 * @example
 * ```ts
 * judgeChain({ host: "a:443", chain, authorized: true, now: new Date(), warnDays: 30 });
 * ```
 */
export interface ChainEvidence {
  /** `host:port`, for messages. */
  host: string;
  /** As sent, index 0 = leaf. */
  chain: readonly ParsedCertificate[];
  /** Whether the chain verified to a trusted root (and the name matched). */
  authorized: boolean;
  authorizationError?: string | undefined;
  now: Date;
  warnDays: number;
}

function label(chain: readonly ParsedCertificate[], index: number): string {
  return `certificate ${index} "${chain[index]?.info.subject}"`;
}

/**
 * Findings about one served chain: validity of every certificate, order,
 * leaf-only chains and trust. Pure.
 *
 * @example
 * ```ts
 * const findings = judgeChain(evidence);
 * findings.map((f) => f.id); // ["cert-expired", ...]
 * ```
 */
export function judgeChain(evidence: ChainEvidence): Finding[] {
  const { chain, host, now } = evidence;
  const findings: Finding[] = [];
  const add = (id: string, severity: Finding["severity"], message: string): void => {
    findings.push({ id, severity, message, host });
  };
  chain.forEach((cert, index) => {
    const notBefore = new Date(cert.info.notBefore);
    const notAfter = new Date(cert.info.notAfter);
    const isLast = index === chain.length - 1;
    if (notAfter.getTime() < now.getTime()) {
      add(
        "cert-expired",
        "error",
        `${host}: ${label(chain, index)} expired on ${cert.info.notAfter}${isLast ? " (it is the thumbprint certificate)" : ""}. Whoever runs the issuer must renew it; a new thumbprint alone will not help until then.`,
      );
    } else if (notBefore.getTime() > now.getTime()) {
      add(
        "cert-not-yet-valid",
        "error",
        `${host}: ${label(chain, index)} is not valid until ${cert.info.notBefore}.`,
      );
    } else if (notAfter.getTime() - now.getTime() <= evidence.warnDays * DAY_MS) {
      const days = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
      add(
        "cert-expiring-soon",
        "warning",
        `${host}: ${label(chain, index)} expires on ${cert.info.notAfter} (in ${days} day${days === 1 ? "" : "s"}).`,
      );
    }
  });
  if (chain.length === 1) {
    add(
      "chain-leaf-only",
      "warning",
      `${host}: the server sent only its own certificate, so the thumbprint pins the leaf and breaks when it is renewed; serve the intermediate CA certificates too.`,
    );
  }
  const broken = firstOutOfOrder(chain);
  if (broken !== -1) {
    const top = chainTopIndex(chain);
    add(
      "chain-out-of-order",
      "warning",
      `${host}: ${label(chain, broken)} is not followed by its issuer; the real top of the chain is ${label(chain, top)}, but IAM and openssl take the last certificate sent (${chain.length - 1}). Fix the order on the server.`,
    );
  }
  if (!evidence.authorized) {
    add(
      "chain-untrusted",
      "warning",
      `${host}: the chain does not verify to a trusted root (${evidence.authorizationError ?? "unknown reason"}); pass --ca-file if it is a private CA.`,
    );
  }
  return findings;
}
