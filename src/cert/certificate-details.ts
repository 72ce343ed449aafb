import type { CertificateInfo, ParsedCertificate } from "./certificate-info.ts";

/**
 * What `irsa-doctor cert` shows of a certificate: what a person reads off
 * `openssl x509 -text -noout -fingerprint`.
 *
 * @example
 * ```ts
 * const [details] = await describeCertificatesInDetail(certs, new Date());
 * details.thumbprint;
 * ```
 */
export interface CertificateDetails extends CertificateInfo {
  signatureAlgorithm: string;
  /** Whether `now` is within notBefore..notAfter. */
  validNow: boolean;
  /** `expired`, `not-yet-valid` or `valid`. */
  validity: "valid" | "expired" | "not-yet-valid";
  keyType: string;
  /** Bits (RSA modulus, EC curve size). */
  keySize: number | null;
  curve: string | null;
  basicConstraints: { ca: boolean; pathLength: number | null } | null;
  subjectAltNames: string[];
  /** SHA-1 as `AA:BB:...`. */
  sha1Colon: string;
  /** SHA-1 as IAM wants it: 40 lowercase hex characters. */
  thumbprint: string;
}

const curveBits: Record<string, number> = {
  prime256v1: 256,
  "P-256": 256,
  secp384r1: 384,
  "P-384": 384,
  secp521r1: 521,
  "P-521": 521,
};

function keyFacts(
  cert: ParsedCertificate,
): Pick<CertificateDetails, "keyType" | "keySize" | "curve"> {
  const key = cert.x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const type = key.asymmetricKeyType ?? "unknown";
  if (type === "rsa" || type === "rsa-pss") {
    return { keyType: type.toUpperCase(), keySize: details.modulusLength ?? null, curve: null };
  }
  if (type === "ec") {
    const curve = details.namedCurve ?? null;
    return { keyType: "EC", keySize: curve ? (curveBits[curve] ?? null) : null, curve };
  }
  if (type === "ed25519") return { keyType: "Ed25519", keySize: 256, curve: null };
  if (type === "ed448") return { keyType: "Ed448", keySize: 456, curve: null };
  return { keyType: type, keySize: null, curve: null };
}

function algorithmName(algorithm: { name: string; hash?: { name: string } }): string {
  return algorithm.hash ? `${algorithm.name} with ${algorithm.hash.name}` : algorithm.name;
}

/**
 * Adds the fields Node's `X509Certificate` lacks (signature algorithm, basic
 * constraints path length) by reading the certificates with `@peculiar/x509`,
 * loaded on first use.
 *
 * @example
 * ```ts
 * const details = await describeCertificatesInDetail(await readCertificateFile("a.pem"), new Date());
 * ```
 */
export async function describeCertificatesInDetail(
  certs: readonly ParsedCertificate[],
  now: Date,
): Promise<CertificateDetails[]> {
  await import("reflect-metadata");
  const x509 = await import("@peculiar/x509");
  return certs.map((cert) => {
    const peculiar = new x509.X509Certificate(cert.der);
    const constraints = peculiar.getExtension(x509.BasicConstraintsExtension);
    const notBefore = new Date(cert.info.notBefore);
    const notAfter = new Date(cert.info.notAfter);
    const validity =
      now < notBefore ? "not-yet-valid" : now > notAfter ? "expired" : ("valid" as const);
    return {
      ...cert.info,
      signatureAlgorithm: algorithmName(
        peculiar.signatureAlgorithm as { name: string; hash?: { name: string } },
      ),
      validNow: validity === "valid",
      validity,
      ...keyFacts(cert),
      basicConstraints: constraints
        ? { ca: constraints.ca, pathLength: constraints.pathLength ?? null }
        : null,
      subjectAltNames: (cert.x509.subjectAltName ?? "").split(", ").filter((s) => s.length > 0),
      sha1Colon: cert.x509.fingerprint.toUpperCase(),
      thumbprint: cert.info.sha1,
    };
  });
}
