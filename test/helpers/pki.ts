/**
 * PKI factory for tests and benchmarks: root CAs, cross-signed copies of
 * roots, intermediates and leaves, all generated at run time (no key
 * material is committed). ECDSA P-256 keeps generation fast.
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[1]);

const ecdsa = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const rsa = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
} as const;
const DAY = 86_400_000;
let serial = 1;

export interface Validity {
  notBefore?: Date;
  notAfter?: Date;
}

/** A certificate with its key pair. */
export interface Issued {
  name: string;
  cert: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
  pem: string;
  der: Buffer;
  keyPem: string;
}

function validity(v: Validity): { notBefore: Date; notAfter: Date } {
  return {
    notBefore: v.notBefore ?? new Date(Date.now() - DAY),
    notAfter: v.notAfter ?? new Date(Date.now() + 365 * DAY),
  };
}

async function keyPem(keys: webcrypto.CryptoKeyPair): Promise<string> {
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey as webcrypto.CryptoKey);
  const b64 = Buffer.from(pkcs8).toString("base64").replace(/.{64}/g, "$&\n");
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`.replace("\n\n", "\n");
}

async function finish(
  name: string,
  cert: x509.X509Certificate,
  keys: webcrypto.CryptoKeyPair,
): Promise<Issued> {
  return {
    name,
    cert,
    keys,
    pem: `${cert.toString("pem")}\n`,
    der: Buffer.from(cert.rawData),
    keyPem: await keyPem(keys),
  };
}

async function newKeys(algorithm: "ecdsa" | "rsa"): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm === "rsa" ? rsa : ecdsa, true, [
    "sign",
    "verify",
  ])) as unknown as webcrypto.CryptoKeyPair;
}

async function sign(options: {
  subject: string;
  subjectKeys: webcrypto.CryptoKeyPair;
  issuer: string;
  issuerKeys: webcrypto.CryptoKeyPair;
  ca: boolean;
  dnsNames?: string[];
  validity: Validity;
}): Promise<x509.X509Certificate> {
  const { notBefore, notAfter } = validity(options.validity);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.ca, undefined, true),
    new x509.KeyUsagesExtension(
      options.ca
        ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
        : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(options.subjectKeys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(options.issuerKeys.publicKey),
  ];
  if (options.dnsNames) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        options.dnsNames.map((value) => ({ type: /^[\d.]+$/.test(value) ? "ip" : "dns", value })),
      ),
    );
  }
  return x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(8, "0"),
    subject: options.subject,
    issuer: options.issuer,
    notBefore,
    notAfter,
    signingAlgorithm: options.issuerKeys.privateKey.algorithm.name === "ECDSA" ? ecdsa : rsa,
    publicKey: options.subjectKeys.publicKey,
    signingKey: options.issuerKeys.privateKey,
    extensions,
  });
}

/** A self-signed root CA named `CN=<name>`. */
export async function createRoot(name: string, v: Validity = {}): Promise<Issued> {
  const keys = await newKeys("ecdsa");
  const subject = `CN=${name}`;
  const cert = await sign({
    subject,
    subjectKeys: keys,
    issuer: subject,
    issuerKeys: keys,
    ca: true,
    validity: v,
  });
  return finish(name, cert, keys);
}

/** A copy of `subject` (same name, same key) signed by `issuer`: a cross-signed root. */
export async function crossSign(
  subject: Issued,
  issuer: Issued,
  v: Validity = {},
): Promise<Issued> {
  const cert = await sign({
    subject: subject.cert.subject,
    subjectKeys: subject.keys,
    issuer: issuer.cert.subject,
    issuerKeys: issuer.keys,
    ca: true,
    validity: v,
  });
  return finish(`${subject.name} (cross-signed by ${issuer.name})`, cert, subject.keys);
}

/** A self-signed copy of `subject` (same name and key), e.g. a renewed root. */
export async function selfSignAgain(subject: Issued, v: Validity = {}): Promise<Issued> {
  const cert = await sign({
    subject: subject.cert.subject,
    subjectKeys: subject.keys,
    issuer: subject.cert.subject,
    issuerKeys: subject.keys,
    ca: true,
    validity: v,
  });
  return finish(`${subject.name} (self-signed copy)`, cert, subject.keys);
}

/** An intermediate CA named `CN=<name>` issued by `issuer`. */
export async function createIntermediate(
  name: string,
  issuer: Issued,
  v: Validity = {},
): Promise<Issued> {
  const keys = await newKeys("ecdsa");
  const cert = await sign({
    subject: `CN=${name}`,
    subjectKeys: keys,
    issuer: issuer.cert.subject,
    issuerKeys: issuer.keys,
    ca: true,
    validity: v,
  });
  return finish(name, cert, keys);
}

/** A server certificate for `dnsNames` (IPs allowed) issued by `issuer`. */
export async function createLeaf(
  dnsNames: string[],
  issuer: Issued,
  v: Validity & { keyType?: "ecdsa" | "rsa" } = {},
): Promise<Issued> {
  const keys = await newKeys(v.keyType ?? "ecdsa");
  const name = dnsNames[0] ?? "leaf";
  const cert = await sign({
    subject: `CN=${name}`,
    subjectKeys: keys,
    issuer: issuer.cert.subject,
    issuerKeys: issuer.keys,
    ca: false,
    dnsNames,
    validity: v,
  });
  return finish(name, cert, keys);
}

/** Dates relative to now, in days. */
export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * DAY);
}
