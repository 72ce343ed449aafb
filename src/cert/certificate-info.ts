import { X509Certificate } from "node:crypto";

/**
 * The plain-data view of one X.509 certificate that every command reports.
 * Dates are ISO-8601 strings, fingerprints lowercase hex without colons.
 *
 * @example
 * ```ts
 * const info = describeCertificate(der);
 * info.sha1; // "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"
 * ```
 */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha1: string;
  sha256: string;
  selfSigned: boolean;
  isCA: boolean;
}

/**
 * A parsed certificate: the DER bytes, Node's parsed object and the plain
 * {@link CertificateInfo}.
 *
 * @example
 * ```ts
 * const parsed = parseCertificate(der);
 * parsed.x509.checkIssued(other.x509);
 * ```
 */
export interface ParsedCertificate {
  der: Buffer;
  x509: X509Certificate;
  info: CertificateInfo;
}

/**
 * Hex fingerprint without colons, lowercase, from Node's `AA:BB:...` form.
 *
 * @example
 * ```ts
 * compactFingerprint("9E:99:A4"); // "9e99a4"
 * ```
 */
export function compactFingerprint(colonHex: string): string {
  return colonHex.replaceAll(":", "").toLowerCase();
}

/** Renders an X.509 distinguished name (Node prints one RDN a line) on one line. */
function oneLineName(name: string): string {
  return name
    .split("\n")
    .filter((part) => part.length > 0)
    .join(", ");
}

/**
 * True when the certificate names itself as issuer and its own key verifies
 * its signature.
 *
 * @example
 * ```ts
 * isSelfSigned(new X509Certificate(pem));
 * ```
 */
export function isSelfSigned(cert: X509Certificate): boolean {
  return isIssuedBy(cert, cert);
}

/**
 * True when `issuer` issued `cert`: names match and the signature verifies.
 *
 * @example
 * ```ts
 * isIssuedBy(leaf.x509, intermediate.x509); // true
 * ```
 */
export function isIssuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  if (!cert.checkIssued(issuer)) return false;
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Parses one DER certificate. Throws Node's error on bad DER; callers that
 * take user input wrap it (see `readCertificateFile`).
 *
 * @example
 * ```ts
 * const { info } = parseCertificate(der);
 * ```
 */
export function parseCertificate(der: Buffer): ParsedCertificate {
  const x509 = new X509Certificate(der);
  // Node parses the key lazily: touch it now so damage surfaces here.
  void x509.publicKey;
  return { der, x509, info: describeX509(x509) };
}

/**
 * Plain data for a parsed Node certificate.
 *
 * @example
 * ```ts
 * describeX509(new X509Certificate(pem)).notAfter; // "2038-01-17T00:00:00.000Z"
 * ```
 */
export function describeX509(x509: X509Certificate): CertificateInfo {
  return {
    subject: oneLineName(x509.subject),
    issuer: oneLineName(x509.issuer),
    serialNumber: x509.serialNumber.toLowerCase(),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    sha1: compactFingerprint(x509.fingerprint),
    sha256: compactFingerprint(x509.fingerprint256),
    selfSigned: isSelfSigned(x509),
    isCA: x509.ca,
  };
}

/**
 * Shorthand for {@link parseCertificate}(der).info.
 *
 * @example
 * ```ts
 * describeCertificate(der).subject; // "CN=example.com"
 * ```
 */
export function describeCertificate(der: Buffer): CertificateInfo {
  return parseCertificate(der).info;
}
