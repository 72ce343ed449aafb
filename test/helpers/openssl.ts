/**
 * The seed's own manual procedure, run for real: `openssl s_client
 * -showcerts`, keep the LAST certificate printed, then `openssl x509
 * -fingerprint -noout | sed s/://g`.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function opensslShowcerts(port: number, servername: string): Promise<string[]> {
  const child = execFile("openssl", [
    "s_client",
    "-connect",
    `127.0.0.1:${port}`,
    "-servername",
    servername,
    "-showcerts",
  ]);
  child.stdin?.end();
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  await new Promise((resolve) => child.on("close", resolve));
  return out.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/g) ?? [];
}

export async function opensslFingerprint(pem: string): Promise<string> {
  const child = execFile("openssl", ["x509", "-fingerprint", "-noout"]);
  child.stdin?.end(pem);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  await new Promise((resolve) => child.on("close", resolve));
  const match = /SHA1 Fingerprint=([0-9A-F:]+)/.exec(out);
  if (!match?.[1]) throw new Error(`openssl x509 printed no fingerprint: ${out}`);
  return match[1].replaceAll(":", "").toLowerCase();
}

/** The thumbprint a person following the seed would paste into IAM. */
export async function opensslThumbprint(port: number, servername: string): Promise<string> {
  const certs = await opensslShowcerts(port, servername);
  const last = certs.at(-1);
  if (!last) throw new Error("openssl s_client printed no certificate");
  return opensslFingerprint(last);
}

export async function opensslVersion(): Promise<string> {
  return (await run("openssl", ["version"])).stdout.trim();
}
