import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ThumbprintReport } from "../src/core/thumbprint-report.ts";
import { allShapes, type ChainShape, EKS_HOST, sha1Of, trustFile } from "./helpers/chains.ts";
import { cliJson } from "./helpers/cli.ts";
import { type LocalIssuer, startIssuer, thumbprintArgv } from "./helpers/oidc-issuer.ts";
import { opensslThumbprint } from "./helpers/openssl.ts";
import { tempDir } from "./helpers/temp.ts";

/**
 * The seed's own procedure (`openssl s_client -showcerts`, keep the last
 * certificate, `openssl x509 -fingerprint`) and irsa-doctor, run against the
 * same local servers, must print the same thumbprint for every chain shape
 * and TLS version.
 */
describe("differential: irsa-doctor thumbprint == the seed's openssl procedure", () => {
  const dir = tempDir();
  const issuers: LocalIssuer[] = [];
  let shapes: ChainShape[] = [];
  before(async () => {
    shapes = await allShapes();
  });
  after(async () => {
    for (const issuer of issuers) await issuer.close();
  });

  for (const version of ["TLSv1.2", "TLSv1.3"] as const) {
    it(`every chain shape over ${version}`, async () => {
      assert.equal(shapes.length, 4);
      for (const shape of shapes) {
        const issuer = await startIssuer({
          key: shape.key,
          chain: shape.served,
          hostName: EKS_HOST,
          path: "/id/DIFF",
          maxVersion: version,
        });
        issuers.push(issuer);
        const ca = dir.write(`${shape.name}-${version}.pem`, trustFile(shape.trusted));
        const ours = await cliJson<ThumbprintReport>([...thumbprintArgv(issuer, ca)]);
        const theirs = await opensslThumbprint(issuer.port, EKS_HOST);
        assert.equal(ours.json.thumbprint, theirs, `${shape.name} over ${version}`);
        assert.equal(
          ours.json.thumbprint,
          await sha1Of(shape.expected),
          `${shape.name}: expected cert`,
        );
        assert.equal(ours.json.hosts[0]?.protocol, version);
      }
    });
  }
});
