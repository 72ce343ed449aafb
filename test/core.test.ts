import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { before, describe, it } from "node:test";
import { parseArn } from "../src/aws/arn.ts";
import { providerKey } from "../src/aws/oidc-provider.ts";
import { parseCertificate } from "../src/cert/certificate-info.ts";
import { judgeProvider } from "../src/core/judge-provider.ts";
import { awsCliCommands, type FixRequest, planFix } from "../src/core/plan-fix.ts";
import { anchoredIn } from "../src/core/public-root.ts";
import type { HostReport } from "../src/core/thumbprint-report.ts";
import { IrsaDoctorError } from "../src/errors/irsa-doctor-error.ts";
import { parseConnectTo, resolveConnectTo } from "../src/net/connect-to.ts";
import { parseHostPort } from "../src/net/endpoint.ts";
import { renderHost } from "../src/render/thumbprint-text.ts";
import { createIntermediate, createLeaf, createRoot, type Issued } from "./helpers/pki.ts";

const T = (c: string): string => c.repeat(40);
const ARN = "arn:aws:iam::111122223333:oidc-provider/oidc.example.com/id/X";

function request(overrides: Partial<FixRequest>): FixRequest {
  return {
    issuer: "https://oidc.example.com/id/X",
    provider: {
      arn: ARN,
      url: "oidc.example.com/id/X",
      clientIds: ["sts.amazonaws.com"],
      thumbprints: [],
    },
    current: [T("c")],
    stale: [],
    prune: false,
    createProvider: false,
    findings: [],
    ...overrides,
  };
}

function provider(thumbprints: string[], clientIds = ["sts.amazonaws.com"]) {
  return { arn: ARN, url: "oidc.example.com/id/X", clientIds, thumbprints };
}

describe("planFix (pure)", () => {
  it("keeps every stored thumbprint and appends the current one, lowercase, once", () => {
    const plan = planFix(
      request({ provider: provider([T("a"), T("B")]), current: [T("c")], stale: [T("a"), T("B")] }),
    );
    assert.equal(plan.kind, "update");
    if (plan.kind !== "update") return;
    assert.deepEqual(plan.thumbprintsAfter, [T("a"), T("B"), T("c")]);
    assert.deepEqual(
      plan.thumbprintDiff.map((d) => d.change),
      ["keep", "keep", "add"],
    );
    assert.deepEqual(awsCliCommands(plan), [
      `aws iam update-open-id-connect-provider-thumbprint --open-id-connect-provider-arn ${ARN} --thumbprint-list ${T("a")} ${T("B")} ${T("c")}`,
    ]);
  });

  it("is a no-op when a stored entry already matches, whatever its case", () => {
    assert.deepEqual(planFix(request({ provider: provider([T("C")]) })), {
      kind: "noop",
      arn: ARN,
    });
  });

  it("keeps duplicate stored entries unless --prune", () => {
    const kept = planFix(request({ provider: provider([T("a"), T("A")]) }));
    assert.equal(kept.kind, "update");
    if (kept.kind === "update") assert.deepEqual(kept.thumbprintsAfter, [T("a"), T("A"), T("c")]);
    const pruned = planFix(request({ provider: provider([T("a"), T("A")]), prune: true }));
    if (pruned.kind === "update") assert.deepEqual(pruned.thumbprintsAfter, [T("a"), T("c")]);
    const full = planFix(request({ provider: provider([T("1"), T("2"), T("3"), T("4"), T("4")]) }));
    assert.equal(full.kind, "blocked", "a duplicate is not silently dropped to make room");
  });

  it("never exceeds 5: blocked without --prune, stale entries pruned with it", () => {
    const stored = [T("1"), T("2"), T("3"), T("4"), T("5")];
    const blocked = planFix(request({ provider: provider(stored), stale: [T("2"), T("4")] }));
    assert.equal(blocked.kind, "blocked");
    if (blocked.kind === "blocked") {
      assert.equal(blocked.id, "thumbprint-list-full");
      assert.match(blocked.reason, /--prune/);
    }
    const pruned = planFix(
      request({ provider: provider(stored), stale: [T("2"), T("4")], prune: true }),
    );
    assert.equal(pruned.kind, "update");
    if (pruned.kind === "update") {
      assert.deepEqual(pruned.thumbprintsAfter, [T("1"), T("3"), T("5"), T("c")]);
      assert.deepEqual(
        pruned.thumbprintDiff.filter((d) => d.change === "remove").map((d) => d.value),
        [T("2"), T("4")],
        "stale ones, oldest position first",
      );
    }
    const none = planFix(request({ provider: provider(stored), stale: [], prune: true }));
    assert.equal(none.kind, "blocked");
  });

  it("--prune removes stale entries only, even when there is room", () => {
    const plan = planFix(
      request({ provider: provider([T("a"), T("c")]), stale: [T("a")], prune: true }),
    );
    assert.equal(plan.kind, "update");
    if (plan.kind === "update") assert.deepEqual(plan.thumbprintsAfter, [T("c")]);
  });

  it("creates a missing provider only with --create-provider, without a :443", () => {
    assert.equal(planFix(request({ provider: null })).kind, "blocked");
    const plan = planFix(
      request({
        provider: null,
        createProvider: true,
        issuer: "https://oidc.example.com:443/id/X",
        audience: "extra",
      }),
    );
    assert.deepEqual(plan, {
      kind: "create",
      url: "https://oidc.example.com/id/X",
      clientIds: ["sts.amazonaws.com", "extra"],
      thumbprints: [T("c")],
    });
  });

  it("will not create a provider whose URL has a port other than 443", () => {
    const plan = planFix(
      request({
        provider: null,
        createProvider: true,
        issuer: "https://oidc.example.com:8443/id/X",
      }),
    );
    assert.equal(plan.kind, "blocked");
    if (plan.kind === "blocked") assert.equal(plan.id, "provider-url-has-port");
  });

  it("adds an --audience that is missing, and refuses after issuer-mismatch or --insecure", () => {
    const plan = planFix(
      request({ provider: provider([T("c")], ["other"]), audience: "sts.amazonaws.com" }),
    );
    assert.equal(plan.kind, "update");
    if (plan.kind === "update") {
      assert.deepEqual(plan.clientIdsToAdd, ["sts.amazonaws.com"]);
      assert.equal(awsCliCommands(plan).length, 1, "no thumbprint call when the list is unchanged");
    }
    for (const id of ["issuer-mismatch", "tls-insecure", "chain-untrusted"]) {
      const refused = planFix(request({ findings: [{ id, severity: "warning", message: "" }] }));
      assert.equal(refused.kind, "blocked");
    }
  });
});

describe("judgeProvider (pure)", () => {
  const host = (h: string, thumbprint: string, served: string[] = [thumbprint]): HostReport => ({
    host: h,
    port: 443,
    roles: ["jwks"],
    protocol: "TLSv1.3",
    thumbprint,
    certificate: {} as HostReport["certificate"],
    chain: served.map((sha1) => ({ sha1 }) as HostReport["chain"][number]),
    trusted: true,
  });
  const base = {
    issuer: "https://oidc.example.com/id/X",
    expectedArn: ARN,
    audience: "sts.amazonaws.com",
    publicRoot: false,
  };
  const ids = (f: { id: string }[]) => f.map((x) => x.id).sort();

  it("thumbprint-mismatch names each host whose thumbprint IAM lacks", () => {
    const findings = judgeProvider({
      ...base,
      provider: provider([T("a")]),
      hosts: [host("issuer.example.com", T("a")), host("keys.example.com", T("b"))],
    });
    assert.deepEqual(ids(findings), ["thumbprint-mismatch"]);
    assert.match(
      findings[0]?.message ?? "",
      new RegExp(`${T("b")} \\(keys\\.example\\.com:443\\)`),
    );
    assert.doesNotMatch(findings[0]?.message ?? "", /issuer\.example\.com:443/);
  });

  it("thumbprint-not-used when the chain verifies to a public root", () => {
    const findings = judgeProvider({
      ...base,
      publicRoot: true,
      provider: provider([T("a")]),
      hosts: [host("h", T("a"))],
    });
    assert.deepEqual(ids(findings), ["thumbprint-not-used"]);
    assert.equal(findings[0]?.severity, "info");
  });

  it("provider-missing carries the command that fixes it", () => {
    const findings = judgeProvider({ ...base, provider: null, hosts: [host("h", T("a"))] });
    assert.deepEqual(ids(findings), ["provider-missing"]);
    assert.match(
      findings[0]?.message ?? "",
      /irsa-doctor fix --issuer https:\/\/oidc\.example\.com\/id\/X --create-provider --yes/,
    );
    assert.match(
      findings[0]?.message ?? "",
      /aws iam create-open-id-connect-provider --url https:\/\/oidc\.example\.com\/id\/X --client-id-list sts\.amazonaws\.com --thumbprint-list a{40}/,
    );
  });
});

describe("anchoredIn (pure)", () => {
  let root: Issued;
  let other: Issued;
  let chain: ReturnType<typeof parseCertificate>[];
  before(async () => {
    root = await createRoot("Pretend Public Root");
    other = await createRoot("Unrelated Root");
    const intermediate = await createIntermediate("Pretend Intermediate", root);
    const leaf = await createLeaf(["x.example.com"], intermediate);
    chain = [leaf, intermediate].map((c) => parseCertificate(c.der));
  });
  it("is true when a listed root signed the top of the chain, false otherwise", () => {
    assert.equal(
      anchoredIn(chain, [new X509Certificate(other.der), new X509Certificate(root.der)]),
      true,
    );
    assert.equal(anchoredIn(chain, [new X509Certificate(other.der)]), false);
  });
});

describe("rendering", () => {
  it("prints IPv6 hosts in brackets", () => {
    const text = renderHost({
      host: "::1",
      port: 8443,
      roles: ["host"],
      protocol: "TLSv1.3",
      thumbprint: T("a"),
      certificate: {} as HostReport["certificate"],
      chain: [],
      trusted: true,
    });
    assert.match(text, /^Host \[::1\]:8443 \(host\)/);
  });
});

describe("argument parsers", () => {
  it("--connect-to follows curl: empty fields match any / keep the original", () => {
    const rules = [parseConnectTo("a.example.com:443:127.0.0.1:8443"), parseConnectTo("::[::1]:")];
    assert.deepEqual(resolveConnectTo({ host: "a.example.com", port: 443 }, rules), {
      host: "127.0.0.1",
      port: 8443,
    });
    assert.deepEqual(resolveConnectTo({ host: "b.example.com", port: 444 }, rules), {
      host: "::1",
      port: 444,
    });
    assert.deepEqual(resolveConnectTo({ host: "c", port: 1 }, []), { host: "c", port: 1 });
    for (const bad of ["a:443:b", "a:x:b:1", "a:443:b:99999", "a:443:[::1]", "a:443:[name]:1"]) {
      assert.throws(
        () => parseConnectTo(bad),
        (e: unknown) => e instanceof IrsaDoctorError && e.exitCode === 2,
      );
    }
  });

  it("--host accepts HOST, HOST:PORT and [IPv6]:PORT", () => {
    assert.deepEqual(parseHostPort("Example.com"), { host: "example.com", port: 443 });
    assert.deepEqual(parseHostPort("example.com:8443"), { host: "example.com", port: 8443 });
    assert.deepEqual(parseHostPort("[::1]:9443"), { host: "::1", port: 9443 });
    assert.throws(() => parseHostPort("https://example.com"), /Invalid --host/);
    assert.throws(() => parseHostPort("[example.com]:443"), /brackets hold an IPv6 address/);
    assert.throws(() => parseHostPort("[ ]"), /Invalid --host/);
  });

  it("ARNs and provider URLs", () => {
    assert.equal(
      parseArn("arn:aws-us-gov:eks:us-gov-west-1:111122223333:cluster/a").partition,
      "aws-us-gov",
    );
    assert.equal(parseArn("arn:aws-cn:iam::111122223333:oidc-provider/x").partition, "aws-cn");
    assert.throws(() => parseArn("nope"), /Invalid ARN/);
    assert.equal(providerKey("https://OIDC.Example.com:443/id/X/"), "oidc.example.com/id/X");
    assert.notEqual(
      providerKey("https://oidc.example.com/id/x"),
      providerKey("https://oidc.example.com/id/X"),
    );
  });
});
