import {
  type CertificateDetails,
  describeCertificatesInDetail,
} from "../cert/certificate-details.ts";
import { readCertificateFile } from "../cert/read-certificates.ts";

/**
 * The certificates of one file, in detail.
 *
 * @example
 * ```ts
 * const [{ file, certificates }] = await inspectCertificateFiles(["root.pem"]);
 * ```
 */
export interface CertificateFileReport {
  file: string;
  certificates: CertificateDetails[];
}

/**
 * Reads PEM or DER files and describes every certificate in them. Throws an
 * `input` error (exit 2) naming the file and the damaged certificate.
 *
 * @example
 * ```ts
 * const reports = await inspectCertificateFiles(["chain.pem"], new Date());
 * ```
 */
export async function inspectCertificateFiles(
  files: readonly string[],
  now: Date = new Date(),
): Promise<CertificateFileReport[]> {
  const reports: CertificateFileReport[] = [];
  for (const file of files) {
    const certs = await readCertificateFile(file);
    reports.push({ file, certificates: await describeCertificatesInDetail(certs, now) });
  }
  return reports;
}
