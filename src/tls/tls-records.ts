/**
 * Pure parsers for the few TLS structures needed to read the certificate
 * list a server sent, in the order it sent it (RFC 5246 §7.4.2, RFC 8446 §4.4.2).
 */

/**
 * TLS record content types (RFC 8446 §5.1).
 *
 * @example
 * ```ts
 * record.type === ContentType.Handshake;
 * ```
 */
export const ContentType = {
  ChangeCipherSpec: 20,
  Alert: 21,
  Handshake: 22,
  ApplicationData: 23,
} as const;

/**
 * TLS handshake message types used here.
 *
 * @example
 * ```ts
 * message.type === HandshakeType.Certificate;
 * ```
 */
export const HandshakeType = {
  ServerHello: 2,
  Certificate: 11,
  Finished: 20,
} as const;

/**
 * One TLS record as read from the wire.
 *
 * @example
 * ```ts
 * const { records } = splitRecords(bytes);
 * records[0]?.type; // 22
 * ```
 */
export interface TlsRecord {
  type: number;
  /** The 5-byte record header (the AEAD additional data in TLS 1.3). */
  header: Buffer;
  fragment: Buffer;
}

/**
 * Splits a byte stream into complete TLS records; `rest` is an incomplete tail.
 *
 * @example
 * ```ts
 * splitRecords(Buffer.from([22, 3, 3, 0, 1, 2])).records.length; // 1
 * ```
 */
export function splitRecords(bytes: Buffer): { records: TlsRecord[]; rest: Buffer } {
  const records: TlsRecord[] = [];
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const length = bytes.readUInt16BE(offset + 3);
    if (offset + 5 + length > bytes.length) break;
    records.push({
      type: bytes[offset] as number,
      header: bytes.subarray(offset, offset + 5),
      fragment: bytes.subarray(offset + 5, offset + 5 + length),
    });
    offset += 5 + length;
  }
  return { records, rest: bytes.subarray(offset) };
}

/**
 * One handshake message: its type and body.
 *
 * @example
 * ```ts
 * splitHandshakeMessages(fragments)[0]?.type; // 2 (ServerHello)
 * ```
 */
export interface HandshakeMessage {
  type: number;
  body: Buffer;
}

/**
 * Splits concatenated handshake-record payloads into complete messages
 * (a message may span records; a record may hold several messages).
 *
 * @example
 * ```ts
 * splitHandshakeMessages(Buffer.concat(handshakeFragments));
 * ```
 */
export function splitHandshakeMessages(bytes: Buffer): HandshakeMessage[] {
  const messages: HandshakeMessage[] = [];
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const length = bytes.readUIntBE(offset + 1, 3);
    if (offset + 4 + length > bytes.length) break;
    messages.push({
      type: bytes[offset] as number,
      body: bytes.subarray(offset + 4, offset + 4 + length),
    });
    offset += 4 + length;
  }
  return messages;
}

/**
 * Reads the DER certificates of a Certificate handshake message body, in the
 * order the server put them. TLS 1.3 adds a request context before the list
 * and extensions after each entry.
 *
 * @example
 * ```ts
 * const ders = parseCertificateMessage(body, "TLSv1.3");
 * ```
 */
export function parseCertificateMessage(body: Buffer, protocol: "TLSv1.2" | "TLSv1.3"): Buffer[] {
  let offset = 0;
  const need = (n: number): void => {
    if (offset + n > body.length) throw new RangeError("truncated TLS Certificate message");
  };
  if (protocol === "TLSv1.3") {
    need(1);
    offset += 1 + (body[offset] as number);
  }
  need(3);
  const listEnd = offset + 3 + body.readUIntBE(offset, 3);
  offset += 3;
  if (listEnd > body.length) throw new RangeError("truncated TLS Certificate list");
  const ders: Buffer[] = [];
  while (offset < listEnd) {
    need(3);
    const length = body.readUIntBE(offset, 3);
    offset += 3;
    need(length);
    ders.push(Buffer.from(body.subarray(offset, offset + length)));
    offset += length;
    if (protocol === "TLSv1.3") {
      need(2);
      offset += 2 + body.readUInt16BE(offset);
    }
  }
  return ders;
}
