import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { type ChainShape, EKS_HOST, eksShape, trustFile } from "./helpers/chains.ts";
import { cli } from "./helpers/cli.ts";
import {
  type Handler,
  type ServerHandle,
  startHttpsServer,
  startPlainHttpServer,
} from "./helpers/https-server.ts";
import { startIssuer } from "./helpers/oidc-issuer.ts";
import { tempDir, UNRESOLVABLE_HOST } from "./helpers/temp.ts";

/** One stderr line, `irsa-doctor: ... [CODE]`, and nothing on stdout. */
function assertOneLineError(r: { stdout: string; stderr: string }, code: string): void {
  assert.equal(r.stdout, "");
  assert.match(r.stderr, new RegExp(`^irsa-doctor: [^\\n]+ \\[${code}\\]\\n$`), r.stderr);
}

describe("thumbprint: bad issuer URLs (exit 2)", () => {
  const cases: [string, string][] = [
    ["http://oidc.example.com/id/X", "URL_NOT_HTTPS"],
    ["https://oidc.example.com/id/X?a=b", "URL_HAS_QUERY"],
    ["https://oidc.example.com/id/X#frag", "URL_HAS_FRAGMENT"],
    ["not a url", "URL_INVALID"],
    ["https://", "URL_INVALID"],
  ];
  for (const [url, code] of cases) {
    it(`${JSON.stringify(url)} -> ${code}`, async () => {
      const r = await cli(["thumbprint", url]);
      assert.equal(r.exitCode, 2);
      assertOneLineError(r, code);
    });
  }

  it("usage errors: no target, two targets, bad --timeout, bad --connect-to, unknown option", async () => {
    for (const argv of [
      ["thumbprint"],
      ["thumbprint", "https://a.example.com", "--host", "a.example.com"],
      ["thumbprint", "--host", "a.example.com", "--timeout", "soon"],
      ["thumbprint", "--host", "a.example.com", "--connect-to", "a:b"],
      ["thumbprint", "--host", "a.example.com:99999"],
      ["thumbprint", "--frobnicate"],
      ["thumbprint", "--host", "a.example.com", "--timeout", "0.0001"],
      [],
    ]) {
      const r = await cli(argv);
      assert.equal(r.exitCode, 2, argv.join(" "));
      if (argv.length > 0)
        assert.match(r.stderr, /^irsa-doctor: [^\n]+ \[[A-Z_]+\]\n$/, argv.join(" "));
      else assert.match(r.stderr, /^Usage: irsa-doctor /, "no command: the help, on stderr");
    }
  });
});

describe("thumbprint: network and TLS failures (exit 3)", () => {
  let shape: ChainShape;
  const dir = tempDir();
  let ca = "";
  const servers: ServerHandle[] = [];
  before(async () => {
    shape = await eksShape();
    ca = dir.write("ca.pem", trustFile(shape.trusted));
  });
  after(async () => {
    for (const s of servers) await s.close();
  });

  async function https(handler: Handler): Promise<ServerHandle> {
    const server = await startHttpsServer({ key: shape.key, chain: shape.served, handler });
    servers.push(server);
    return server;
  }

  async function thumbprintVia(port: number, ...extra: string[]) {
    return cli([
      "thumbprint",
      `https://${EKS_HOST}/id/X`,
      "--connect-to",
      `${EKS_HOST}:443:127.0.0.1:${port}`,
      "--ca-file",
      ca,
      ...extra,
    ]);
  }

  it("host that does not resolve", async () => {
    const r = await cli(["thumbprint", `https://${UNRESOLVABLE_HOST}/id/X`]);
    assert.equal(r.exitCode, 3);
    assertOneLineError(r, "DNS_LOOKUP_FAILED");
    assert.match(r.stderr, /Could not resolve host a+\.invalid:443/);
  });

  it("refused port", async () => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1");
    await once(probe, "listening");
    const port = (probe.address() as { port: number }).port;
    probe.close();
    await once(probe, "close");
    const r = await cli(["thumbprint", "--host", `127.0.0.1:${port}`]);
    assert.equal(r.exitCode, 3);
    assertOneLineError(r, "CONNECTION_REFUSED");
    assert.match(r.stderr, new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  it("--debug adds the stack after the one-line error", async () => {
    const r = await cli(["thumbprint", `https://${UNRESOLVABLE_HOST}/id/X`, "--debug"]);
    assert.equal(r.exitCode, 3);
    const [first, ...rest] = r.stderr.trimEnd().split("\n");
    assert.match(first ?? "", /^irsa-doctor: Could not resolve host .* \[DNS_LOOKUP_FAILED\]$/);
    assert.ok(
      rest.some((line) => /^\s+at /.test(line)),
      "a stack follows",
    );
    assert.ok(
      rest.some((line) => /^Caused by: Error: getaddrinfo ENOTFOUND/.test(line)),
      "and its cause",
    );
  });

  it("a server that is not TLS", async () => {
    const plain = await startPlainHttpServer((_req, res) => res.end("hello"));
    servers.push(plain);
    const r = await cli(["thumbprint", "--host", `127.0.0.1:${plain.port}`]);
    assert.equal(r.exitCode, 3);
    assertOneLineError(r, "TLS_HANDSHAKE_FAILED");
  });

  it("TLS handshake failure (no protocol version in common)", async () => {
    const old = await startHttpsServer({
      key: shape.key,
      chain: shape.served,
      handler: (_q, s) => s.end(),
      maxVersion: "TLSv1.2",
    });
    servers.push(old);
    const r = await cli(["thumbprint", "--host", `127.0.0.1:${old.port}`]);
    assert.equal(r.exitCode, 0, "sanity: TLS 1.2 works");
    // A server that answers the ClientHello with a fatal handshake_failure alert.
    const alerting: Server = createServer((socket: Socket) => {
      socket.once("data", () => socket.end(Buffer.from([21, 3, 3, 0, 2, 2, 40])));
    });
    alerting.listen(0, "127.0.0.1");
    await once(alerting, "listening");
    servers.push({ port: 0, close: async () => void alerting.close() });
    const port = (alerting.address() as { port: number }).port;
    const failed = await cli(["thumbprint", "--host", `127.0.0.1:${port}`]);
    assert.equal(failed.exitCode, 3);
    assertOneLineError(failed, "TLS_HANDSHAKE_FAILED");
    assert.match(failed.stderr, /handshake failure/i);
  });

  it("a server that accepts and never answers ends within the timeout plus one second", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    servers.push({
      port: 0,
      close: async () => {
        for (const s of sockets) s.destroy();
        silent.close();
      },
    });
    const port = (silent.address() as { port: number }).port;
    const started = performance.now();
    const r = await thumbprintVia(port, "--timeout", "1");
    const elapsed = performance.now() - started;
    assert.equal(r.exitCode, 3);
    assertOneLineError(r, "TLS_TIMEOUT");
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    assert.ok(elapsed >= 950, `gave up too early: ${elapsed} ms`);
  });

  it("an HTTPS server that never sends its response also times out", async () => {
    const server = await https(() => {
      /* never answers */
    });
    const started = performance.now();
    const r = await thumbprintVia(server.port, "--timeout", "1");
    assert.equal(r.exitCode, 3);
    assertOneLineError(r, "HTTP_TIMEOUT");
    assert.ok(performance.now() - started < 2000);
  });

  for (const status of [404, 500]) {
    it(`discovery ${status}`, async () => {
      const server = await https((_req, res) => {
        res.statusCode = status;
        res.end("nope");
      });
      const r = await thumbprintVia(server.port);
      assert.equal(r.exitCode, 3);
      assertOneLineError(r, "HTTP_STATUS");
      assert.match(
        r.stderr,
        new RegExp(
          `status ${status}: GET https://${EKS_HOST.replaceAll(".", "\\.")}/id/X/\\.well-known/openid-configuration`,
        ),
      );
    });
  }

  const documents: [string, string, string][] = [
    ["discovery that is not JSON", "<html>hello</html>", "DISCOVERY_NOT_JSON"],
    [
      "JSON without jwks_uri",
      JSON.stringify({ issuer: `https://${EKS_HOST}/id/X` }),
      "DISCOVERY_NO_JWKS_URI",
    ],
    [
      "a non-https jwks_uri",
      JSON.stringify({ issuer: `https://${EKS_HOST}/id/X`, jwks_uri: `http://${EKS_HOST}/keys` }),
      "JWKS_URI_NOT_HTTPS",
    ],
    ["a JSON array", "[]", "DISCOVERY_INVALID"],
  ];

  it("a discovery document that starts with a UTF-8 byte order mark is read", async () => {
    const server = await https((_req, res) =>
      res.end(
        `\uFEFF${JSON.stringify({ issuer: `https://${EKS_HOST}/id/X`, jwks_uri: `https://${EKS_HOST}/id/X/keys` })}`,
      ),
    );
    const r = await thumbprintVia(server.port);
    assert.equal(r.exitCode, 0, r.stderr);
  });
  for (const [name, body, code] of documents) {
    it(name, async () => {
      const server = await https((_req, res) => res.end(body));
      const r = await thumbprintVia(server.port);
      assert.equal(r.exitCode, 3);
      assertOneLineError(r, code);
    });
  }

  it("a response over 1 MiB is refused, not buffered (declared and streamed)", async () => {
    const declared = await https((_req, res) => {
      res.setHeader("content-length", String(50 * 1024 * 1024));
      res.write("{");
    });
    const r1 = await thumbprintVia(declared.port);
    assert.equal(r1.exitCode, 3);
    assertOneLineError(r1, "RESPONSE_TOO_LARGE");

    let written = 0;
    let closedEarly = false;
    const streamed = await https((_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once("drain", pump);
            return;
          }
        }
        res.end();
      };
      res.on("close", () => {
        closedEarly = written < 64 * 1024 * 1024;
      });
      pump();
    });
    const r2 = await thumbprintVia(streamed.port);
    assert.equal(r2.exitCode, 3);
    assertOneLineError(r2, "RESPONSE_TOO_LARGE");
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(closedEarly, `the client hung up early (server wrote ${written} bytes)`);
    assert.ok(written < 16 * 1024 * 1024, `server wrote ${written} bytes`);
  });

  it("redirects: up to 5 https hops are followed, a 6th is refused, http is refused", async () => {
    const shapeHosts = await eksShape([EKS_HOST, "127.0.0.1"]);
    const target = await startIssuer({
      key: shapeHosts.key,
      chain: shapeHosts.served,
      hostName: EKS_HOST,
      path: "/id/X",
    });
    servers.push(target);
    const caAll = dir.write("redirect-ca.pem", trustFile(shapeHosts.trusted));
    const hopServer = (hops: number, scheme = "https") =>
      startHttpsServer({
        key: shapeHosts.key,
        chain: shapeHosts.served,
        handler: (req, res) => {
          const n = Number(/\/hop\/(\d+)/.exec(req.url ?? "")?.[1] ?? "0");
          res.statusCode = 302;
          const next =
            n + 1 < hops
              ? `/hop/${n + 1}`
              : `${scheme}://127.0.0.1:${target.port}/id/X/.well-known/openid-configuration`;
          res.setHeader("location", req.url?.startsWith("/hop/") || n === 0 ? next : next);
          res.end();
        },
      });
    const run = async (hops: number, scheme?: string) => {
      const server = await hopServer(hops, scheme);
      servers.push(server);
      return cli([
        "thumbprint",
        `https://${EKS_HOST}/id/X`,
        "--connect-to",
        `${EKS_HOST}:443:127.0.0.1:${server.port}`,
        "--ca-file",
        caAll,
        "--json",
      ]);
    };
    const five = await run(5);
    assert.equal(five.exitCode, 0, five.stderr);
    assert.match(five.stdout, /"thumbprint"/);
    const six = await run(6);
    assert.equal(six.exitCode, 3);
    assertOneLineError(six, "TOO_MANY_REDIRECTS");
    const http = await run(1, "http");
    assert.equal(http.exitCode, 3);
    assertOneLineError(http, "REDIRECT_NOT_HTTPS");
    const invalid = await https((_req, res) => {
      res.statusCode = 302;
      res.setHeader("location", "https://[zz/x");
      res.end();
    });
    const bad = await thumbprintVia(invalid.port);
    assert.equal(bad.exitCode, 3);
    assertOneLineError(bad, "REDIRECT_INVALID");
  });
});
