import type { CertificateDetails } from "../cert/certificate-details.ts";

/**
 * Human output of `irsa-doctor cert` for one file.
 *
 * @example
 * ```ts
 * renderCertificateDetails("root.pem", details);
 * ```
 */
export function renderCertificateDetails(
  file: string,
  certs: readonly CertificateDetails[],
): string {
  const blocks = certs.map((c, i) => {
    const key = `${c.keyType}${c.keySize ? ` ${c.keySize} bit` : ""}${c.curve ? ` (${c.curve})` : ""}`;
    const bc = c.basicConstraints
      ? `CA:${c.basicConstraints.ca ? "TRUE" : "FALSE"}${c.basicConstraints.pathLength !== null ? `, pathlen:${c.basicConstraints.pathLength}` : ""}`
      : "(none)";
    const state = { valid: "valid now", expired: "EXPIRED", "not-yet-valid": "NOT YET VALID" }[
      c.validity
    ];
    return [
      `${file} [${i + 1}/${certs.length}]`,
      `  Subject:             ${c.subject}`,
      `  Issuer:              ${c.issuer}${c.selfSigned ? " (self-signed)" : ""}`,
      `  Serial:              ${c.serialNumber}`,
      `  Signature algorithm: ${c.signatureAlgorithm}`,
      `  Not Before:          ${c.notBefore}`,
      `  Not After:           ${c.notAfter} (${state})`,
      `  Public key:          ${key}`,
      `  Basic constraints:   ${bc}`,
      `  Subject alt names:   ${c.subjectAltNames.length ? c.subjectAltNames.join(", ") : "(none)"}`,
      `  SHA1 Fingerprint:    ${c.sha1Colon}`,
      `  Thumbprint:          ${c.thumbprint}`,
      `  SHA256 Fingerprint:  ${(c.sha256.match(/../g) ?? []).join(":").toUpperCase()}`,
    ].join("\n");
  });
  return `${blocks.join("\n\n")}\n`;
}
