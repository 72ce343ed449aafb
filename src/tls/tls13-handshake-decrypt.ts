import { createDecipheriv, createHmac } from "node:crypto";

/**
 * What is needed to decrypt the server's TLS 1.3 handshake records:
 * the cipher suite and SERVER_HANDSHAKE_TRAFFIC_SECRET from the key log.
 *
 * @example
 * ```ts
 * const keys = handshakeKeys("TLS_AES_128_GCM_SHA256", secret);
 * ```
 */
export interface Tls13Keys {
  algorithm: "aes-128-gcm" | "aes-256-gcm" | "chacha20-poly1305";
  key: Buffer;
  iv: Buffer;
}

const suites: Record<
  string,
  { algorithm: Tls13Keys["algorithm"]; keyLength: number; hash: string }
> = {
  TLS_AES_128_GCM_SHA256: { algorithm: "aes-128-gcm", keyLength: 16, hash: "sha256" },
  TLS_AES_256_GCM_SHA384: { algorithm: "aes-256-gcm", keyLength: 32, hash: "sha384" },
  TLS_CHACHA20_POLY1305_SHA256: { algorithm: "chacha20-poly1305", keyLength: 32, hash: "sha256" },
};

/** HKDF-Expand (RFC 5869 §2.3). */
function hkdfExpand(hash: string, prk: Buffer, info: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(blocks).length < length; i++) {
    previous = createHmac(hash, prk)
      .update(Buffer.concat([previous, info, Buffer.from([i])]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** HKDF-Expand-Label (RFC 8446 §7.1) with an empty context. */
function expandLabel(hash: string, secret: Buffer, label: string, length: number): Buffer {
  const fullLabel = Buffer.from(`tls13 ${label}`, "ascii");
  const info = Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, fullLabel.length]),
    fullLabel,
    Buffer.from([0]),
  ]);
  return hkdfExpand(hash, secret, info, length);
}

/**
 * Derives the server handshake key and IV for a TLS 1.3 cipher suite, or
 * `undefined` for a suite this reader does not decrypt (the CCM suites).
 *
 * @example
 * ```ts
 * handshakeKeys("TLS_AES_256_GCM_SHA384", Buffer.from(hex, "hex"));
 * ```
 */
export function handshakeKeys(suite: string, trafficSecret: Buffer): Tls13Keys | undefined {
  const params = suites[suite];
  if (!params) return undefined;
  return {
    algorithm: params.algorithm,
    key: expandLabel(params.hash, trafficSecret, "key", params.keyLength),
    iv: expandLabel(params.hash, trafficSecret, "iv", 12),
  };
}

/**
 * Decrypts one TLS 1.3 record protected with the handshake keys and returns
 * the inner content type and plaintext (padding removed).
 *
 * @example
 * ```ts
 * const { type, content } = decryptRecord(keys, 0, record.header, record.fragment);
 * ```
 */
export function decryptRecord(
  keys: Tls13Keys,
  sequence: number,
  header: Buffer,
  fragment: Buffer,
): { type: number; content: Buffer } {
  const nonce = Buffer.from(keys.iv);
  const seq = Buffer.alloc(8);
  seq.writeBigUInt64BE(BigInt(sequence));
  for (let i = 0; i < 8; i++) nonce[4 + i] = (nonce[4 + i] as number) ^ (seq[i] as number);
  const tag = fragment.subarray(fragment.length - 16);
  const ciphertext = fragment.subarray(0, fragment.length - 16);
  // The cast picks the AEAD overload; chacha20-poly1305 takes the same options.
  const decipher = createDecipheriv(keys.algorithm as "aes-128-gcm", keys.key, nonce, {
    authTagLength: 16,
  });
  decipher.setAAD(header, { plaintextLength: ciphertext.length });
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  let end = plain.length;
  while (end > 0 && plain[end - 1] === 0) end--;
  if (end === 0) throw new RangeError("TLS 1.3 record has no content type");
  return { type: plain[end - 1] as number, content: plain.subarray(0, end - 1) };
}
