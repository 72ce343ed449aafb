/**
 * applyFixPlan against an in-memory provider store. This is the one place
 * the AWS side is not moto: moto 5 does not implement the client-ID calls
 * (Add/RemoveClientIDToOpenIDConnectProvider) and cannot be told to fail one
 * chosen call, to change a provider between two calls, or to read back
 * something other than what was written; those paths are exercised here.
 * Everything else runs against moto in check-fix.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyFixPlan, type OidcProviderStore } from "../src/apply/apply-fix.ts";
import type { OidcProvider } from "../src/aws/oidc-provider.ts";
import { type FixPlan, planFix } from "../src/core/plan-fix.ts";
import { IrsaDoctorError } from "../src/errors/irsa-doctor-error.ts";

const ARN = "arn:aws:iam::111122223333:oidc-provider/oidc.example.com/id/X";
const FAST = { readBackDelaysMs: [1, 1, 1] };
const T = (c: string): string => c.repeat(40);

class MemoryStore implements OidcProviderStore {
  calls: string[] = [];
  provider: OidcProvider;
  failOn = new Set<string>();
  /** Error code thrown by failing calls (AWS_TIMEOUT: the outcome is unknown to the caller). */
  failCode = "AWS_REQUEST_FAILED";
  /** Whether a failing write still takes effect (a timeout after IAM applied it). */
  writeThenFail = false;
  /** Reads that return the state from before the last write (eventual consistency). */
  staleReads = 0;
  /** Changes the provider right after the named call (someone else writing). */
  onCall: (name: string) => void = () => {};
  ignoreWrites = false;
  #previous: OidcProvider | undefined;

  constructor(provider: OidcProvider) {
    this.provider = structuredClone(provider);
  }

  #enter(name: string): void {
    this.calls.push(name);
    if (this.failOn.has(name)) {
      throw new IrsaDoctorError(
        "aws",
        this.failCode,
        `IAM ${name} failed for ${ARN}: ServiceFailure: boom`,
      );
    }
  }

  async getOidcProvider(): Promise<OidcProvider> {
    this.#enter("Get");
    let source = this.provider;
    if (this.staleReads > 0 && this.#previous) {
      source = this.#previous;
      this.staleReads--;
    }
    const copy = structuredClone(source);
    this.onCall("Get");
    return copy;
  }
  async replaceThumbprints(_arn: string, thumbprints: readonly string[]): Promise<void> {
    this.#previous = structuredClone(this.provider);
    if (this.writeThenFail) this.provider.thumbprints = [...thumbprints];
    this.#enter("UpdateThumbprint");
    if (!this.ignoreWrites) this.provider.thumbprints = [...thumbprints];
  }
  async addClientId(_arn: string, id: string): Promise<void> {
    this.#enter("AddClientID");
    if (!this.ignoreWrites) this.provider.clientIds.push(id);
  }
  async removeClientId(_arn: string, id: string): Promise<void> {
    this.#enter("RemoveClientID");
    this.provider.clientIds = this.provider.clientIds.filter((c) => c !== id);
  }
  async createOidcProvider(
    url: string,
    clientIds: readonly string[],
    thumbprints: readonly string[],
  ) {
    this.#enter("Create");
    this.provider = { arn: ARN, url, clientIds: [...clientIds], thumbprints: [...thumbprints] };
    return ARN;
  }
}

function updatePlan(
  provider: OidcProvider,
  audience?: string,
): Extract<FixPlan, { kind: "update" }> {
  const plan = planFix({
    issuer: "https://oidc.example.com/id/X",
    provider,
    current: [T("c")],
    stale: [],
    prune: false,
    createProvider: false,
    audience,
    findings: [],
  });
  assert.equal(plan.kind, "update");
  return plan as Extract<FixPlan, { kind: "update" }>;
}

const start = (): OidcProvider => ({
  arn: ARN,
  url: "oidc.example.com/id/X",
  clientIds: ["other"],
  thumbprints: [T("a"), T("b")],
});

describe("applyFixPlan", () => {
  it("writes the whole list in one UpdateOpenIDConnectProviderThumbprint call, then reads back", async () => {
    const store = new MemoryStore(start());
    const after = await applyFixPlan(updatePlan(start()), store);
    assert.deepEqual(store.calls, ["Get", "UpdateThumbprint", "Get"]);
    assert.deepEqual(after.thumbprints, [T("a"), T("b"), T("c")]);
  });

  it("adds a missing audience, then the thumbprints, and verifies both", async () => {
    const store = new MemoryStore(start());
    const after = await applyFixPlan(updatePlan(start(), "sts.amazonaws.com"), store);
    assert.deepEqual(store.calls, ["Get", "AddClientID", "UpdateThumbprint", "Get"]);
    assert.deepEqual(after.clientIds, ["other", "sts.amazonaws.com"]);
  });

  it("writes nothing when the provider changed after the plan was made", async () => {
    const plan = updatePlan(start());
    const changed = { ...start(), thumbprints: [T("a"), T("b"), T("d")] };
    const store = new MemoryStore(changed);
    await assert.rejects(applyFixPlan(plan, store), (e: unknown) => {
      assert.ok(e instanceof IrsaDoctorError);
      assert.equal(e.code, "CONCURRENT_CHANGE");
      assert.equal(e.exitCode, 3);
      return true;
    });
    assert.deepEqual(store.calls, ["Get"]);
    assert.deepEqual(
      store.provider.thumbprints,
      [T("a"), T("b"), T("d")],
      "the other writer's thumbprint survives",
    );
  });

  it("a failed thumbprint call removes the client ID it added: the provider is as it was", async () => {
    const store = new MemoryStore(start());
    store.failOn.add("UpdateThumbprint");
    await assert.rejects(
      applyFixPlan(updatePlan(start(), "sts.amazonaws.com"), store),
      /ServiceFailure: boom$/,
    );
    assert.deepEqual(store.calls, ["Get", "AddClientID", "UpdateThumbprint", "RemoveClientID"]);
    assert.deepEqual(store.provider, start());
  });

  it("says so when even the undo fails", async () => {
    const store = new MemoryStore(start());
    store.failOn.add("UpdateThumbprint");
    store.failOn.add("RemoveClientID");
    await assert.rejects(
      applyFixPlan(updatePlan(start(), "sts.amazonaws.com"), store),
      /and the client ID sts\.amazonaws\.com added before it could not be removed again/,
    );
  });

  it("a read-back that differs from the plan is an error (exit 3), after retrying", async () => {
    const store = new MemoryStore(start());
    store.ignoreWrites = true;
    await assert.rejects(applyFixPlan(updatePlan(start()), store, FAST), (e: unknown) => {
      assert.ok(e instanceof IrsaDoctorError);
      assert.equal(e.code, "READBACK_MISMATCH");
      assert.equal(e.exitCode, 3);
      return true;
    });
  });

  it("a failed read-back says the change was applied", async () => {
    const store = new MemoryStore(start());
    let gets = 0;
    store.onCall = (name) => {
      if (name === "Get" && ++gets === 1) store.failOn.add("Get");
    };
    await assert.rejects(
      applyFixPlan(updatePlan(start()), store),
      /was applied, but reading it back failed/,
    );
    assert.deepEqual(store.provider.thumbprints, [T("a"), T("b"), T("c")]);
  });

  it("a read-back that still shows the old list is retried (IAM is eventually consistent)", async () => {
    const store = new MemoryStore(start());
    store.staleReads = 2;
    const after = await applyFixPlan(updatePlan(start()), store, FAST);
    assert.deepEqual(after.thumbprints, [T("a"), T("b"), T("c")]);
    assert.deepEqual(store.calls, ["Get", "UpdateThumbprint", "Get", "Get", "Get"]);
  });

  it("a timed-out write that IAM applied anyway is verified, not undone", async () => {
    const store = new MemoryStore(start());
    store.failOn.add("UpdateThumbprint");
    store.failCode = "AWS_TIMEOUT";
    store.writeThenFail = true;
    const after = await applyFixPlan(updatePlan(start(), "sts.amazonaws.com"), store, FAST);
    assert.deepEqual(after.thumbprints, [T("a"), T("b"), T("c")]);
    assert.ok(!store.calls.includes("RemoveClientID"));
  });

  it("a timed-out write that did not happen is undone; if IAM cannot even be read, the outcome is unknown", async () => {
    const store = new MemoryStore(start());
    store.failOn.add("UpdateThumbprint");
    store.failCode = "AWS_TIMEOUT";
    await assert.rejects(
      applyFixPlan(updatePlan(start(), "sts.amazonaws.com"), store, FAST),
      /boom$/,
    );
    assert.deepEqual(store.provider, start(), "undone");
    const blind = new MemoryStore(start());
    blind.failOn.add("UpdateThumbprint");
    blind.failCode = "AWS_TIMEOUT";
    blind.onCall = (name) => {
      if (name === "Get") blind.failOn.add("Get");
    };
    await assert.rejects(applyFixPlan(updatePlan(start()), blind, FAST), (e: unknown) => {
      assert.ok(e instanceof IrsaDoctorError);
      assert.equal(e.code, "OUTCOME_UNKNOWN");
      return true;
    });
  });

  it("create: one CreateOpenIDConnectProvider call, then read back", async () => {
    const store = new MemoryStore(start());
    const plan: FixPlan = {
      kind: "create",
      url: "https://oidc.example.com/id/X",
      clientIds: ["sts.amazonaws.com"],
      thumbprints: [T("c")],
    };
    await applyFixPlan(plan, store);
    assert.deepEqual(store.calls, ["Create", "Get"]);
  });
});
