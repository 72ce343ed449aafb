import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { CertificateFileReport } from "../src/commands/cert.ts";
import { BIN, cli, cliJson, spawnCli } from "./helpers/cli.ts";
import {
  createIntermediate,
  createLeaf,
  createRoot,
  daysFromNow,
  type Issued,
} from "./helpers/pki.ts";
import { tempDir } from "./helpers/temp.ts";

const SEED_LAST_CERTIFICATE = fileURLToPath(
  new URL("./fixtures/seed-last-certificate.pem", import.meta.url),
);

function openssl(args: string[], input?: string): string {
  return execFileSync("openssl", args, { input, encoding: "utf8" });
}

describe("cert", () => {
  const dir = tempDir();
  let root: Issued;
  let leaf: Issued;
  let expired: Issued;
  before(async () => {
    root = await createRoot("Cert Test Root");
    const intermediate = await createIntermediate("Cert Test Intermediate", root);
    leaf = await createLeaf(["oidc.example.com", "127.0.0.1"], intermediate, { keyType: "rsa" });
    expired = await createLeaf(["old.example.com"], root, {
      notBefore: daysFromNow(-400),
      notAfter: daysFromNow(-5),
    });
  });

  it("reads PEM with text around it, every certificate, with the fields openssl shows", async () => {
    const file = dir.write(
      "chain.pem",
      `Certificate chain\n 0 s:/CN=oidc.example.com\n${leaf.pem}some text\n${root.pem}trailer\n`,
    );
    const { exitCode, json } = await cliJson<{ files: CertificateFileReport[] }>(["cert", file]);
    assert.equal(exitCode, 0);
    const [report] = json.files;
    assert.equal(report?.file, file);
    assert.equal(report?.certificates.length, 2);
    const [l, r] = report?.certificates ?? [];
    assert.ok(l && r);
    const fingerprint = openssl(["x509", "-fingerprint", "-noout"], leaf.pem).trim();
    assert.equal(`SHA1 Fingerprint=${l.sha1Colon}`, fingerprint);
    assert.equal(l.thumbprint, fingerprint.split("=")[1]?.replaceAll(":", "").toLowerCase());
    const sha256 = openssl(["x509", "-fingerprint", "-sha256", "-noout"], leaf.pem).trim();
    assert.equal(l.sha256, sha256.split("=")[1]?.replaceAll(":", "").toLowerCase());
    const serial = openssl(["x509", "-serial", "-noout"], leaf.pem).trim();
    assert.equal(l.serialNumber, serial.split("=")[1]?.toLowerCase());
    const text = openssl(["x509", "-text", "-noout"], leaf.pem);
    assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
    assert.equal(l.signatureAlgorithm, "ECDSA with SHA-256");
    assert.equal(l.keyType, "RSA");
    assert.equal(l.keySize, 2048);
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.deepEqual(l.subjectAltNames, ["DNS:oidc.example.com", "IP Address:127.0.0.1"]);
    assert.deepEqual(l.basicConstraints, { ca: false, pathLength: null });
    assert.equal(l.subject, "CN=oidc.example.com");
    assert.equal(l.issuer, "CN=Cert Test Intermediate");
    assert.equal(l.validNow, true);
    assert.equal(r.selfSigned, true);
    assert.equal(r.isCA, true);
    assert.equal(r.keyType, "EC");
    assert.equal(r.keySize, 256);
    assert.deepEqual(r.basicConstraints, { ca: true, pathLength: null });
  });

  it("prints a human view with both SHA-1 forms and the validity state", async () => {
    const file = dir.write("two.pem", leaf.pem + expired.pem);
    const { exitCode, stdout } = await cli(["cert", file]);
    assert.equal(exitCode, 0);
    const colon = openssl(["x509", "-fingerprint", "-noout"], leaf.pem).trim().split("=")[1] ?? "";
    assert.ok(stdout.includes(`SHA1 Fingerprint:    ${colon}`));
    assert.ok(stdout.includes(`Thumbprint:          ${colon.replaceAll(":", "").toLowerCase()}`));
    assert.match(stdout, /\[1\/2\][\s\S]*\(valid now\)[\s\S]*\[2\/2\][\s\S]*\(EXPIRED\)/);
    assert.match(stdout, /Public key: +RSA 2048 bit/);
    assert.match(stdout, /Subject alt names: +DNS:oidc\.example\.com, IP Address:127\.0\.0\.1/);
  });

  it("reads DER", async () => {
    const file = dir.write("root.der", root.der);
    const { exitCode, json } = await cliJson<{ files: CertificateFileReport[] }>(["cert", file]);
    assert.equal(exitCode, 0);
    const der = openssl(["x509", "-inform", "DER", "-in", file, "-fingerprint", "-noout"]).trim();
    assert.equal(json.files[0]?.certificates[0]?.sha1Colon, der.split("=")[1]);
  });

  it("the seed's altered certificate (base64 ending in EXAMPLE=): one line naming file and index, exit 2", async () => {
    const r = await spawnCli(["cert", SEED_LAST_CERTIFICATE]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /^irsa-doctor: .*seed-last-certificate\.pem: certificate 1 of 1 is damaged: .* \[PEM_DAMAGED\]\n$/,
    );
  });

  it("a damaged certificate after good ones is named by its index", async () => {
    const b64 = leaf.pem.split("\n").slice(1, -2).join("\n");
    const damaged = `-----BEGIN CERTIFICATE-----\n${b64.slice(0, 200)}AAAA${b64.slice(204)}\n-----END CERTIFICATE-----\n`;
    const file = dir.write("bad.pem", root.pem + root.pem + damaged);
    const r = await cli(["cert", file]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /bad\.pem: certificate 3 of 3 is damaged/);
  });

  it("a truncated certificate is named by its index, even when others are whole", async () => {
    const last = await cli(["cert", dir.write("cut-2.pem", root.pem + leaf.pem.slice(0, 200))]);
    assert.match(
      last.stderr,
      /cut-2\.pem: certificate 2 of 2 has no "-----END CERTIFICATE-----" line/,
    );
    const first = await cli(["cert", dir.write("cut-1.pem", leaf.pem.slice(0, 200) + root.pem)]);
    assert.match(
      first.stderr,
      /cut-1\.pem: certificate 1 of 2 has no "-----END CERTIFICATE-----" line/,
    );
  });

  it("a reader that closes the pipe early is not an error", async () => {
    const file = dir.write("many.pem", root.pem.repeat(200));
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync(
      "bash",
      [
        "-c",
        `"${process.execPath}" "${BIN}" cert "${file}" | (exec true); echo "\${PIPESTATUS[0]}"`,
      ],
      {
        encoding: "utf8",
      },
    );
    assert.equal(r.stderr, "");
    assert.equal(r.stdout.trim(), "0");
  });

  it("an output that cannot be written is one line, exit 3", async () => {
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" --version > /dev/full`], {
      encoding: "utf8",
    });
    assert.equal(r.status, 3);
    assert.equal(r.stderr, "irsa-doctor: cannot write output: ENOSPC [OUTPUT_FAILED]\n");
  });

  it("empty file, DER garbage, random bytes, truncated PEM, missing file: one line each, exit 2", async () => {
    const cases: [string, string][] = [
      [dir.write("empty.pem", ""), "EMPTY_FILE"],
      [dir.write("garbage.der", Buffer.from([0x30, 0x82, 0x01, 0x00, 1, 2, 3])), "DER_INVALID"],
      [dir.write("two.der", Buffer.concat([root.der, leaf.der])), "DER_TRAILING_DATA"],
      [dir.write("huge.pem", Buffer.alloc(10 * 1024 * 1024 + 1, 0x41)), "FILE_TOO_LARGE"],
      [dir.path, "FILE_UNREADABLE"],
      [dir.write("random.bin", Buffer.from("hello world, not a certificate")), "NOT_A_CERTIFICATE"],
      [dir.write("cut.pem", root.pem.slice(0, 120)), "PEM_TRUNCATED"],
      [dir.write("cut-last.pem", root.pem + leaf.pem.slice(0, 200)), "PEM_TRUNCATED"],
      [`${dir.path}/missing.pem`, "FILE_UNREADABLE"],
    ];
    for (const [file, code] of cases) {
      const r = await cli(["cert", file]);
      assert.equal(r.exitCode, 2, file);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, new RegExp(`^irsa-doctor: [^\\n]*${code}\\]\\n$`), file);
      assert.ok(r.stderr.includes(file), `names the file: ${r.stderr}`);
    }
  });
});
