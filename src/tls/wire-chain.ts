import {
  ContentType,
  HandshakeType,
  parseCertificateMessage,
  splitHandshakeMessages,
  splitRecords,
} from "./tls-records.ts";
import { decryptRecord, handshakeKeys } from "./tls13-handshake-decrypt.ts";

/**
 * What the tap saw of one handshake, enough to recover the certificate list.
 *
 * @example
 * ```ts
 * extractWireChain({ serverBytes, protocol: "TLSv1.2", cipher: "ECDHE-RSA-AES128-GCM-SHA256" });
 * ```
 */
export interface HandshakeCapture {
  /** Every byte the server sent up to the end of the handshake. */
  serverBytes: Buffer;
  /** `TLSSocket.getProtocol()`. */
  protocol: string;
  /** IANA name of the negotiated suite (`getCipher().standardName`). */
  cipher: string;
  /** SERVER_HANDSHAKE_TRAFFIC_SECRET from the key log (TLS 1.3 only). */
  serverHandshakeSecret?: Buffer;
}

/**
 * Returns the DER certificates of the server's Certificate message in wire
 * order (index 0 = leaf), exactly what `openssl s_client -showcerts` prints.
 * TLS 1.2 sends it in clear; TLS 1.3 encrypts it with the handshake keys,
 * which this decrypts from the key log secret.
 *
 * @example
 * ```ts
 * const ders = extractWireChain(capture);
 * ```
 */
export function extractWireChain(capture: HandshakeCapture): Buffer[] {
  const { records } = splitRecords(capture.serverBytes);
  if (capture.protocol === "TLSv1.3") return extractTls13(records, capture);
  if (
    capture.protocol === "TLSv1.2" ||
    capture.protocol === "TLSv1.1" ||
    capture.protocol === "TLSv1"
  ) {
    const end = records.findIndex((r) => r.type === ContentType.ChangeCipherSpec);
    const clear = end === -1 ? records : records.slice(0, end);
    const handshake = Buffer.concat(
      clear.filter((r) => r.type === ContentType.Handshake).map((r) => r.fragment),
    );
    return certificatesIn(handshake, "TLSv1.2");
  }
  throw new RangeError(`unsupported TLS protocol ${capture.protocol}`);
}

function extractTls13(
  records: ReturnType<typeof splitRecords>["records"],
  capture: HandshakeCapture,
): Buffer[] {
  if (!capture.serverHandshakeSecret)
    throw new RangeError("no TLS 1.3 handshake secret was logged");
  const keys = handshakeKeys(capture.cipher, capture.serverHandshakeSecret);
  if (!keys) throw new RangeError(`cannot read TLS 1.3 handshake encrypted with ${capture.cipher}`);
  const plaintext: Buffer[] = [];
  let sequence = 0;
  for (const record of records) {
    if (record.type !== ContentType.ApplicationData) continue;
    const inner = decryptRecord(keys, sequence++, record.header, record.fragment);
    if (inner.type !== ContentType.Handshake) continue;
    plaintext.push(inner.content);
    const messages = splitHandshakeMessages(Buffer.concat(plaintext));
    if (messages.some((m) => m.type === HandshakeType.Finished)) break;
  }
  return certificatesIn(Buffer.concat(plaintext), "TLSv1.3");
}

function certificatesIn(handshake: Buffer, protocol: "TLSv1.2" | "TLSv1.3"): Buffer[] {
  const message = splitHandshakeMessages(handshake).find(
    (m) => m.type === HandshakeType.Certificate,
  );
  if (!message) throw new RangeError("the server sent no Certificate message");
  return parseCertificateMessage(message.body, protocol);
}
