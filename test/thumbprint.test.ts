import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ThumbprintReport } from "../src/core/thumbprint-report.ts";
import {
  type ChainShape,
  EKS_HOST,
  eksShape,
  expiredLastShape,
  leafAndRootShape,
  leafOnlyShape,
  outOfOrderShape,
  sha1Of,
  trustFile,
} from "./helpers/chains.ts";
import { cli, cliJson, spawnCli } from "./helpers/cli.ts";
import { type LocalIssuer, startIssuer, thumbprintArgv } from "./helpers/oidc-issuer.ts";
import { opensslThumbprint } from "./helpers/openssl.ts";
import { createLeaf, createRoot, daysFromNow } from "./helpers/pki.ts";
import { tempDir } from "./helpers/temp.ts";

const ISSUER_PATH = "/id/1111222233334444555566667777888F";

async function serve(shape: ChainShape, maxVersion?: "TLSv1.2" | "TLSv1.3"): Promise<LocalIssuer> {
  return startIssuer({
    key: shape.key,
    chain: shape.served,
    hostName: EKS_HOST,
    path: ISSUER_PATH,
    ...(maxVersion ? { maxVersion } : {}),
  });
}

function ids(report: ThumbprintReport): string[] {
  return report.findings.map((f) => f.id).sort();
}

describe("thumbprint: the EKS shape under a real-looking host name via --connect-to", () => {
  const dir = tempDir();
  let shape: ChainShape;
  const issuers: LocalIssuer[] = [];
  before(async () => {
    shape = await eksShape();
  });
  after(async () => {
    for (const i of issuers) await i.close();
  });

  for (const version of ["TLSv1.3", "TLSv1.2"] as const) {
    it(`takes root B's cross-signed copy (last sent), not root C from the trust file (${version})`, async () => {
      const issuer = await serve(shape, version);
      issuers.push(issuer);
      const ca = dir.write(`eks-${version}.pem`, trustFile(shape.trusted));
      const { exitCode, json, stderr } = await cliJson<ThumbprintReport>([
        ...thumbprintArgv(issuer, ca),
      ]);
      assert.equal(exitCode, 0, stderr);
      assert.equal(json.thumbprint, await sha1Of(shape.expected));
      for (const wrong of shape.notExpected) assert.notEqual(json.thumbprint, await sha1Of(wrong));
      assert.match(json.thumbprint, /^[0-9a-f]{40}$/);
      assert.equal(json.issuer, `https://${EKS_HOST}${ISSUER_PATH}`);
      assert.equal(json.jwksUri, `https://${EKS_HOST}${ISSUER_PATH}/keys`);
      assert.deepEqual(
        json.chain.map((c) => c.sha1),
        await Promise.all(shape.served.map(sha1Of)),
        "chain is reported exactly as sent",
      );
      assert.equal(json.hosts.length, 1);
      assert.deepEqual(json.hosts[0]?.roles, ["issuer", "jwks"]);
      assert.equal(json.hosts[0]?.host, EKS_HOST);
      assert.equal(json.hosts[0]?.protocol, version);
      assert.equal(json.hosts[0]?.trusted, true);
      assert.deepEqual(json.findings, []);
      const last = json.certificate;
      assert.equal(last.sha1, json.thumbprint);
      assert.equal(last.isCA, true);
      assert.equal(last.selfSigned, false);
      assert.match(last.notAfter, /^\d{4}-\d\d-\d\dT/);
      assert.match(last.sha256, /^[0-9a-f]{64}$/);
      assert.deepEqual(issuer.requests, [`${ISSUER_PATH}/.well-known/openid-configuration`]);
    });
  }

  it("agrees with the seed's openssl procedure on the same server", async () => {
    const issuer = await serve(shape);
    issuers.push(issuer);
    assert.equal(await opensslThumbprint(issuer.port, EKS_HOST), await sha1Of(shape.expected));
  });

  it("prints depth, subject, issuer, validity and SHA-1, marks the thumbprint certificate", async () => {
    const issuer = await serve(shape);
    issuers.push(issuer);
    const ca = dir.write("eks-text.pem", trustFile(shape.trusted));
    const { exitCode, stdout } = await cli(thumbprintArgv(issuer, ca));
    assert.equal(exitCode, 0);
    const expected = await sha1Of(shape.expected);
    assert.match(stdout, /\[0\] CN=oidc\.eks\.us-east-1\.amazonaws\.com/);
    assert.match(stdout, /\[3\] CN=Test Starfield Services Root G2 +<== thumbprint certificate/);
    assert.match(stdout, /issuer: +CN=Test Starfield Class 2 CA/);
    assert.match(stdout, /validity: \d{4}-.* to \d{4}-/);
    assert.match(stdout, new RegExp(`^Thumbprint: ${expected}$`, "m"));
    assert.match(stdout, /No problems found\./);
  });

  it("runs from the built bin as a real process", async () => {
    const issuer = await serve(shape);
    issuers.push(issuer);
    const ca = dir.write("eks-bin.pem", trustFile(shape.trusted));
    const r = await spawnCli([...thumbprintArgv(issuer, ca), "--json"]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).thumbprint, await sha1Of(shape.expected));
  });

  it("--host skips discovery and probes the host directly", async () => {
    const issuer = await serve(shape);
    issuers.push(issuer);
    const ca = dir.write("eks-host.pem", trustFile(shape.trusted));
    const { exitCode, json } = await cliJson<ThumbprintReport>([
      "thumbprint",
      "--host",
      EKS_HOST,
      "--connect-to",
      issuer.connectTo,
      "--ca-file",
      ca,
    ]);
    assert.equal(exitCode, 0);
    assert.equal(json.thumbprint, await sha1Of(shape.expected));
    assert.equal(json.issuer, null);
    assert.deepEqual(json.hosts[0]?.roles, ["host"]);
    assert.deepEqual(issuer.requests, [], "no HTTP request is made with --host");
  });
});

describe("thumbprint: other chain shapes", () => {
  const dir = tempDir();
  const issuers: LocalIssuer[] = [];
  after(async () => {
    for (const i of issuers) await i.close();
  });

  async function run(
    shape: ChainShape,
    extra: string[] = [],
  ): Promise<{ exitCode: number; json: ThumbprintReport }> {
    const issuer = await serve(shape);
    issuers.push(issuer);
    const ca = dir.write(`${shape.name}.pem`, trustFile(shape.trusted));
    const r = await cliJson<ThumbprintReport>([...thumbprintArgv(issuer, ca), ...extra]);
    assert.equal(r.json.thumbprint, await sha1Of(shape.expected), `${shape.name}: thumbprint`);
    assert.equal(
      await opensslThumbprint(issuer.port, EKS_HOST),
      r.json.thumbprint,
      `${shape.name}: openssl agrees`,
    );
    return r;
  }

  it("leaf only: pins the leaf and warns chain-leaf-only", async () => {
    const { exitCode, json } = await run(await leafOnlyShape());
    assert.equal(exitCode, 0);
    assert.deepEqual(ids(json), ["chain-leaf-only"]);
    assert.equal(json.findings[0]?.severity, "warning");
  });

  it("out of order: takes the last sent and names the real top of the chain", async () => {
    const { exitCode, json } = await run(await outOfOrderShape());
    assert.equal(exitCode, 0);
    assert.deepEqual(ids(json), ["chain-out-of-order"]);
    assert.match(
      json.findings[0]?.message ?? "",
      /real top of the chain is certificate 1 "CN=Out-of-order Root"/,
    );
  });

  it("last certificate expired while the chain verifies through a trusted self-signed copy", async () => {
    const { exitCode, json } = await run(await expiredLastShape());
    assert.equal(exitCode, 1);
    assert.equal(json.hosts[0]?.trusted, true, "Node still verifies the chain");
    assert.deepEqual(ids(json), ["cert-expired"]);
    const finding = json.findings[0];
    assert.equal(finding?.severity, "error");
    assert.match(finding?.message ?? "", /must renew/);
    assert.match(finding?.message ?? "", /new thumbprint alone will not help/);
  });

  it("warns cert-expiring-soon within --warn-days and not outside it", async () => {
    const root = await createRoot("Soon Root", { notAfter: daysFromNow(20) });
    const leaf = await createLeaf([EKS_HOST], root, { notAfter: daysFromNow(10) });
    const shape = leafAndRootShape("soon", leaf, root);
    const near = await run(shape);
    assert.deepEqual(ids(near.json), ["cert-expiring-soon", "cert-expiring-soon"]);
    assert.equal(near.exitCode, 0);
    const far = await run(shape, ["--warn-days", "5"]);
    assert.deepEqual(ids(far.json), []);
  });

  it("reports cert-not-yet-valid as an error", async () => {
    const root = await createRoot("Future Root");
    const leaf = await createLeaf([EKS_HOST], root, {
      notBefore: daysFromNow(2),
      notAfter: daysFromNow(300),
    });
    const shape = leafAndRootShape("future", leaf, root);
    const issuer = await serve(shape);
    issuers.push(issuer);
    // Node refuses a not-yet-valid leaf, so discovery needs --insecure; --host probes without it.
    const ca = dir.write("future.pem", trustFile(shape.trusted));
    const r = await cliJson<ThumbprintReport>([
      "thumbprint",
      "--host",
      EKS_HOST,
      "--connect-to",
      issuer.connectTo,
      "--ca-file",
      ca,
    ]);
    assert.equal(r.exitCode, 1);
    assert.ok(ids(r.json).includes("cert-not-yet-valid"));
    assert.ok(ids(r.json).includes("chain-untrusted"));
  });
});

describe("thumbprint: jwks_uri on another host with another chain", () => {
  it("probes both hosts and reports both thumbprints", async (t) => {
    const dir = tempDir(t);
    const keysShape = await eksShape(["keys.example.com"]);
    const issuerShape = await outOfOrderShape(["issuer.example.com"]);
    const keys = await startIssuer({
      key: keysShape.key,
      chain: keysShape.served,
      hostName: "keys.example.com",
    });
    const issuer = await startIssuer({
      key: issuerShape.key,
      chain: issuerShape.served,
      hostName: "issuer.example.com",
      jwksUri: "https://keys.example.com/keys",
    });
    t.after(() => Promise.all([keys.close(), issuer.close()]));
    const ca = dir.write("both.pem", trustFile([...keysShape.trusted, ...issuerShape.trusted]));
    const { exitCode, json } = await cliJson<ThumbprintReport>([
      "thumbprint",
      issuer.url,
      "--connect-to",
      issuer.connectTo,
      "--connect-to",
      keys.connectTo,
      "--ca-file",
      ca,
    ]);
    assert.equal(exitCode, 0);
    const keysThumb = await sha1Of(keysShape.expected);
    const issuerThumb = await sha1Of(issuerShape.expected);
    assert.equal(json.thumbprint, keysThumb, "the top-level thumbprint is the jwks_uri host's");
    assert.deepEqual(json.thumbprints, [issuerThumb, keysThumb]);
    assert.deepEqual(
      json.hosts.map((h) => [h.host, h.roles, h.thumbprint]),
      [
        ["issuer.example.com", ["issuer"], issuerThumb],
        ["keys.example.com", ["jwks"], keysThumb],
      ],
    );
    assert.deepEqual(keys.requests, [], "the jwks host is probed with TLS only");
    assert.equal(await opensslThumbprint(keys.port, "keys.example.com"), keysThumb);
    assert.equal(await opensslThumbprint(issuer.port, "issuer.example.com"), issuerThumb);
  });
});

describe("thumbprint: trust and issuer findings", () => {
  it("a trailing slash, :443 or host case typed by the user: the document's spelling is used, with a warning", async (t) => {
    const dir = tempDir(t);
    const shape = await eksShape();
    const issuer = await serve(shape);
    t.after(() => issuer.close());
    const ca = dir.write("ca.pem", trustFile(shape.trusted));
    const typed = `https://OIDC.eks.us-east-1.amazonaws.com:443${ISSUER_PATH}/`;
    const { exitCode, json } = await cliJson<ThumbprintReport>([
      "thumbprint",
      typed,
      "--connect-to",
      issuer.connectTo,
      "--ca-file",
      ca,
    ]);
    assert.equal(exitCode, 0);
    assert.deepEqual(ids(json), ["issuer-normalized"]);
    assert.equal(json.issuer, issuer.url);
  });

  it("issuer-mismatch when the document names another issuer", async (t) => {
    const dir = tempDir(t);
    const shape = await eksShape();
    const issuer = await startIssuer({
      key: shape.key,
      chain: shape.served,
      hostName: EKS_HOST,
      path: ISSUER_PATH,
      documentIssuer: "https://elsewhere.example.com",
    });
    t.after(() => issuer.close());
    const ca = dir.write("ca.pem", trustFile(shape.trusted));
    const { exitCode, json } = await cliJson<ThumbprintReport>([...thumbprintArgv(issuer, ca)]);
    assert.equal(exitCode, 1);
    assert.deepEqual(ids(json), ["issuer-mismatch"]);
  });

  it("untrusted chain: discovery refuses it (exit 3); --insecure proceeds with warnings; --host reports chain-untrusted", async (t) => {
    const shape = await eksShape();
    const issuer = await serve(shape);
    t.after(() => issuer.close());
    const refused = await cli(["thumbprint", issuer.url, "--connect-to", issuer.connectTo]);
    assert.equal(refused.exitCode, 3);
    assert.match(
      refused.stderr,
      /^irsa-doctor: TLS verification of oidc\.eks\.us-east-1\.amazonaws\.com:443 failed: .*--ca-file.*\[TLS_VERIFY_FAILED\]\n$/,
    );
    const insecure = await cliJson<ThumbprintReport>([
      "thumbprint",
      issuer.url,
      "--connect-to",
      issuer.connectTo,
      "--insecure",
    ]);
    assert.equal(insecure.exitCode, 0);
    assert.deepEqual(ids(insecure.json), ["chain-untrusted", "tls-insecure"]);
    assert.equal(insecure.json.thumbprint, await sha1Of(shape.expected));
    const host = await cliJson<ThumbprintReport>([
      "thumbprint",
      "--host",
      EKS_HOST,
      "--connect-to",
      issuer.connectTo,
    ]);
    assert.equal(host.exitCode, 0);
    assert.deepEqual(ids(host.json), ["chain-untrusted"]);
  });

  it("honours NODE_EXTRA_CA_CERTS alongside --ca-file", async (t) => {
    const dir = tempDir(t);
    const shape = await eksShape();
    const other = await leafOnlyShape();
    const issuer = await serve(shape);
    t.after(() => issuer.close());
    const extra = dir.write("extra.pem", trustFile(shape.trusted));
    const unrelated = dir.write("unrelated.pem", trustFile(other.trusted));
    const r = await spawnCli(
      [
        "thumbprint",
        issuer.url,
        "--connect-to",
        issuer.connectTo,
        "--ca-file",
        unrelated,
        "--json",
      ],
      { ...process.env, NODE_EXTRA_CA_CERTS: extra },
    );
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).hosts[0].trusted, true);
  });
});
