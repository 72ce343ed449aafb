import { readFile, stat } from "node:fs/promises";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import { type ParsedCertificate, parseCertificate } from "./certificate-info.ts";

/** The largest certificate file read (10 MiB): more is not a certificate bundle. */
const MAX_CERTIFICATE_FILE_BYTES = 10 * 1024 * 1024;

const BEGIN = "-----BEGIN CERTIFICATE-----";
const END = "-----END CERTIFICATE-----";

/**
 * The base64 bodies of the PEM certificate blocks in `text`, or the 1-based
 * index of the first block that has no END line before the next BEGIN.
 */
function pemBlocks(text: string): { blocks: string[]; truncated?: number } {
  const blocks: string[] = [];
  let at = text.indexOf(BEGIN);
  while (at !== -1) {
    const bodyStart = at + BEGIN.length;
    const end = text.indexOf(END, bodyStart);
    const nextBegin = text.indexOf(BEGIN, bodyStart);
    if (end === -1 || (nextBegin !== -1 && nextBegin < end))
      return { blocks, truncated: blocks.length + 1 };
    blocks.push(text.slice(bodyStart, end));
    at = text.indexOf(BEGIN, end + END.length);
  }
  return { blocks };
}

/**
 * The complete PEM certificate blocks in `text` (BEGIN to END lines), as
 * text and unparsed; a block cut short is left out.
 *
 * @example
 * ```ts
 * pemCertificates(await readFile(process.env.NODE_EXTRA_CA_CERTS, "utf8")).length; // 144
 * ```
 */
export function pemCertificates(text: string): string[] {
  return pemBlocks(text).blocks.map((body) => `${BEGIN}${body}${END}\n`);
}

/**
 * Parses every certificate in `data`: PEM blocks (any text around them is
 * ignored) or, when there is no PEM block, one DER certificate. `source`
 * names the input in errors. Throws an `input` error naming the source and
 * the 1-based index of a damaged certificate.
 *
 * @example
 * ```ts
 * const certs = parseCertificates(await readFile("chain.pem"), "chain.pem");
 * ```
 */
export function parseCertificates(data: Buffer, source: string): ParsedCertificate[] {
  const text = data.toString("latin1");
  if (text.trim() === "") {
    throw new IrsaDoctorError(
      "input",
      "EMPTY_FILE",
      `${source}: file is empty (expected PEM or DER certificates)`,
    );
  }
  const { blocks, truncated } = pemBlocks(text);
  if (truncated !== undefined) {
    const total = text.split(BEGIN).length - 1;
    throw new IrsaDoctorError(
      "input",
      "PEM_TRUNCATED",
      `${source}: certificate ${truncated} of ${total} has no "${END}" line (the PEM is cut short; copy it again)`,
    );
  }
  if (blocks.length === 0) {
    if (data[0] !== 0x30) {
      throw new IrsaDoctorError(
        "input",
        "NOT_A_CERTIFICATE",
        `${source}: not a PEM or DER certificate (expected "-----BEGIN CERTIFICATE-----" or DER bytes)`,
      );
    }
    let parsed: ParsedCertificate;
    try {
      parsed = parseCertificate(Buffer.from(data));
    } catch (error) {
      throw new IrsaDoctorError(
        "input",
        "DER_INVALID",
        `${source}: not a valid DER certificate (the bytes do not parse as X.509; is it a certificate file?)`,
        { cause: error },
      );
    }
    if (parsed.x509.raw.length !== data.length) {
      throw new IrsaDoctorError(
        "input",
        "DER_TRAILING_DATA",
        `${source}: ${data.length - parsed.x509.raw.length} bytes follow the DER certificate (a DER file holds one certificate; use PEM for several)`,
      );
    }
    return [parsed];
  }
  return blocks.map((block, index) => {
    const base64 = block.replace(/\s+/g, "");
    const label = `${source}: certificate ${index + 1} of ${blocks.length}`;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
      throw new IrsaDoctorError(
        "input",
        "PEM_DAMAGED",
        `${label} is damaged: its base64 is not valid (copy the certificate again, whole)`,
      );
    }
    try {
      return parseCertificate(Buffer.from(base64, "base64"));
    } catch (error) {
      throw new IrsaDoctorError(
        "input",
        "PEM_DAMAGED",
        `${label} is damaged: its content does not parse as X.509 (copy the certificate again, whole)`,
        { cause: error },
      );
    }
  });
}

/**
 * Reads and parses a certificate file (see {@link parseCertificates}).
 *
 * @example
 * ```ts
 * const [first] = await readCertificateFile("root.pem");
 * ```
 */
export async function readCertificateFile(path: string): Promise<ParsedCertificate[]> {
  let data: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new IrsaDoctorError(
        "input",
        "FILE_UNREADABLE",
        `${path}: cannot read file: not a regular file`,
      );
    }
    if (info.size > MAX_CERTIFICATE_FILE_BYTES) {
      throw new IrsaDoctorError(
        "input",
        "FILE_TOO_LARGE",
        `${path}: file is ${info.size} bytes; certificate files over ${MAX_CERTIFICATE_FILE_BYTES} bytes are refused`,
      );
    }
    data = await readFile(path);
  } catch (error) {
    if (error instanceof IrsaDoctorError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : (error as Error).message;
    throw new IrsaDoctorError("input", "FILE_UNREADABLE", `${path}: cannot read file: ${why}`, {
      cause: error,
    });
  }
  return parseCertificates(data, path);
}
