import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { probeTls } from "../src/tls/tls-connection.ts";
import {
  parseCertificateMessage,
  splitHandshakeMessages,
  splitRecords,
} from "../src/tls/tls-records.ts";
import { sha1Of } from "./helpers/chains.ts";
import { startHttpsServer } from "./helpers/https-server.ts";
import { opensslShowcerts } from "./helpers/openssl.ts";
import { createIntermediate, createLeaf, createRoot } from "./helpers/pki.ts";

function u24(n: number): Buffer {
  return Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

describe("TLS record parsing (pure)", () => {
  it("reads TLS 1.2 and TLS 1.3 Certificate messages in the order given", () => {
    const a = Buffer.from("first-cert");
    const b = Buffer.from("second");
    const list12 = Buffer.concat([u24(a.length), a, u24(b.length), b]);
    const body12 = Buffer.concat([u24(list12.length), list12]);
    assert.deepEqual(parseCertificateMessage(body12, "TLSv1.2"), [a, b]);
    const ext = Buffer.from([0, 2, 9, 9]);
    const list13 = Buffer.concat([u24(a.length), a, ext, u24(b.length), b, Buffer.from([0, 0])]);
    const body13 = Buffer.concat([Buffer.from([1, 7]), u24(list13.length), list13]);
    assert.deepEqual(parseCertificateMessage(body13, "TLSv1.3"), [a, b]);
    assert.throws(() => parseCertificateMessage(body12.subarray(0, 8), "TLSv1.2"), /truncated/);
  });

  it("joins a handshake message split across records and keeps a partial record aside", () => {
    const message = Buffer.concat([Buffer.from([11]), u24(5), Buffer.from("hello")]);
    const record = (payload: Buffer): Buffer =>
      Buffer.concat([Buffer.from([22, 3, 3, payload.length >> 8, payload.length & 0xff]), payload]);
    const stream = Buffer.concat([
      record(message.subarray(0, 3)),
      record(message.subarray(3)),
      Buffer.from([22, 3, 3]),
    ]);
    const { records, rest } = splitRecords(stream);
    assert.equal(records.length, 2);
    assert.equal(rest.length, 3);
    const messages = splitHandshakeMessages(Buffer.concat(records.map((r) => r.fragment)));
    assert.deepEqual(
      messages.map((m) => [m.type, m.body.toString()]),
      [[11, "hello"]],
    );
  });
});

describe("wire-order chain capture against real servers", () => {
  it("every TLS 1.3 cipher suite Node offers, and TLS 1.2, give openssl's chain", async () => {
    const root = await createRoot("Suite Root");
    const intermediate = await createIntermediate("Suite Intermediate", root);
    const leaf = await createLeaf(["suite.example.com"], intermediate);
    const served = [leaf, root, intermediate];
    const cases: { ciphers?: string; maxVersion?: "TLSv1.2"; protocol: string }[] = [
      { ciphers: "TLS_AES_128_GCM_SHA256", protocol: "TLSv1.3" },
      { ciphers: "TLS_AES_256_GCM_SHA384", protocol: "TLSv1.3" },
      { ciphers: "TLS_CHACHA20_POLY1305_SHA256", protocol: "TLSv1.3" },
      { maxVersion: "TLSv1.2", protocol: "TLSv1.2" },
    ];
    const expected = await Promise.all(served.map(sha1Of));
    for (const c of cases) {
      const server = await startHttpsServer({
        key: leaf,
        chain: served,
        handler: (_q, r) => r.end(),
        ...c,
      });
      try {
        const result = await probeTls(
          { host: "suite.example.com", port: 443 },
          {
            timeoutMs: 5000,
            connectTo: [{ toHost: "127.0.0.1", toPort: server.port }],
          },
        );
        assert.equal(result.protocol, c.protocol);
        const { createHash } = await import("node:crypto");
        assert.deepEqual(
          result.chain.map((der) => createHash("sha1").update(der).digest("hex")),
          expected,
          `${c.ciphers ?? c.maxVersion}: chain as sent`,
        );
        assert.equal((await opensslShowcerts(server.port, "suite.example.com")).length, 3);
      } finally {
        await server.close();
      }
    }
  });

  it("a Certificate message larger than one TLS record (16 KiB) is reassembled", async () => {
    const root = await createRoot("Big Root");
    const names = Array.from(
      { length: 900 },
      (_, i) => `host-${i}.a-rather-long-subdomain.example.com`,
    );
    const leaf = await createLeaf(names, root);
    assert.ok(leaf.der.length > 16_384, `leaf is ${leaf.der.length} bytes`);
    for (const maxVersion of ["TLSv1.2", "TLSv1.3"] as const) {
      const server = await startHttpsServer({
        key: leaf,
        chain: [leaf, root],
        handler: (_q, r) => r.end(),
        maxVersion,
      });
      try {
        const result = await probeTls(
          { host: "127.0.0.1", port: server.port },
          { timeoutMs: 5000 },
        );
        assert.equal(result.protocol, maxVersion);
        assert.deepEqual(result.chain, [leaf.der, root.der]);
      } finally {
        await server.close();
      }
    }
  });
});
