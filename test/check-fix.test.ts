import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { type AddressInfo, createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import type { CheckReport } from "../src/core/check-report.ts";
import { createCluster, createProvider, readProviderCli, readProviderSdk } from "./helpers/aws.ts";
import {
  type ChainShape,
  EKS_HOST,
  eksShape,
  leafOnlyShape,
  sha1Of,
  trustFile,
} from "./helpers/chains.ts";
import { cli, cliJson, spawnCli } from "./helpers/cli.ts";
import { type Moto, startMoto, useAwsTestEnv } from "./helpers/moto.ts";
import { type LocalIssuer, startIssuer } from "./helpers/oidc-issuer.ts";
import { opensslThumbprint } from "./helpers/openssl.ts";
import { startRecordingProxy } from "./helpers/recording-proxy.ts";
import { tempDir } from "./helpers/temp.ts";
import { runOnTerminal } from "./helpers/terminal.ts";

useAwsTestEnv();

const ACCOUNT = "123456789012";
const fakeThumbprint = (): string => randomBytes(20).toString("hex");

interface FixJson {
  applied: boolean;
  plan: { kind: string; thumbprintsAfter?: string[]; id?: string };
  commands: string[];
  before: CheckReport;
  after: CheckReport | null;
}

function findingIds(report: CheckReport): string[] {
  return report.findings.map((f) => f.id).sort();
}

describe("check and fix against moto", () => {
  let moto: Moto;
  let shape: ChainShape;
  let caFile: string;
  const issuers: LocalIssuer[] = [];
  const dir = tempDir();

  before(async () => {
    [moto, shape] = await Promise.all([startMoto(), eksShape()]);
    caFile = dir.write("ca.pem", trustFile(shape.trusted));
  });
  after(async () => {
    for (const issuer of issuers) await issuer.close();
    await moto?.stop();
  });

  /** A local issuer at https://oidc.eks.us-east-1.amazonaws.com/id/<id>, reached with --connect-to. */
  async function issuerFor(id: string, served: ChainShape = shape): Promise<LocalIssuer> {
    const issuer = await startIssuer({
      key: served.key,
      chain: served.served,
      hostName: EKS_HOST,
      path: `/id/${id}`,
    });
    issuers.push(issuer);
    return issuer;
  }

  function net(issuer: LocalIssuer): string[] {
    return ["--connect-to", issuer.connectTo, "--ca-file", caFile, "--endpoint-url", moto.endpoint];
  }

  it("the seed's story: the issuer's CA changed, check fails, fix keeps the old thumbprint and adds the new one", async () => {
    const id = "1111222233334444555566667777888F";
    const oldShape = await leafOnlyShape([EKS_HOST]);
    const issuer = await issuerFor(id, oldShape);
    const oldCa = dir.write("old-ca.pem", trustFile(oldShape.trusted));
    const oldThumbprint = await opensslThumbprint(issuer.port, EKS_HOST);
    const arn = await createProvider(moto, issuer.url, [oldThumbprint]);
    assert.equal(arn, `arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS_HOST}/id/${id}`);
    const healthy = await cli([
      "check",
      "--issuer",
      issuer.url,
      "--connect-to",
      issuer.connectTo,
      "--ca-file",
      oldCa,
      "--endpoint-url",
      moto.endpoint,
    ]);
    assert.equal(healthy.exitCode, 0, healthy.stdout + healthy.stderr);

    // The CA changes: the issuer now serves the EKS-shaped chain.
    issuer.setChain(shape.key, shape.served);
    const newThumbprint = await opensslThumbprint(issuer.port, EKS_HOST);
    assert.notEqual(newThumbprint, oldThumbprint);

    const broken = await cliJson<CheckReport>(["check", "--issuer", issuer.url, ...net(issuer)]);
    assert.equal(broken.exitCode, 1);
    assert.deepEqual(findingIds(broken.json), ["thumbprint-mismatch", "thumbprint-stale"]);
    const mismatch = broken.json.findings.find((f) => f.id === "thumbprint-mismatch");
    assert.ok(mismatch?.message.includes(oldThumbprint), "shows the stored thumbprint");
    assert.ok(mismatch?.message.includes(newThumbprint), "shows the current thumbprint");
    assert.equal(broken.json.providerArn, arn);

    // The fix goes through a recording proxy in front of moto, to count the IAM calls it makes.
    const proxy = await startRecordingProxy(moto.endpoint);
    const fixed = await cli([
      "fix",
      "--issuer",
      issuer.url,
      "--connect-to",
      issuer.connectTo,
      "--ca-file",
      caFile,
      "--endpoint-url",
      proxy.endpoint,
      "--yes",
    ]);
    await proxy.close();
    assert.equal(fixed.exitCode, 0, fixed.stdout + fixed.stderr);
    assert.deepEqual(
      proxy.actions.filter((a) => !/^(Get|List)/.test(a)),
      ["UpdateOpenIDConnectProviderThumbprint"],
      `one write, never remove-then-add (all calls: ${proxy.actions.join(", ")})`,
    );
    assert.match(fixed.stdout, new RegExp(`\\+ ${newThumbprint}`));
    assert.match(fixed.stdout, /Applied and verified/);

    const readBack = await readProviderCli(moto, arn);
    assert.deepEqual(readBack.ThumbprintList, [oldThumbprint, newThumbprint]);

    const again = await cli(["check", "--issuer", issuer.url, ...net(issuer)]);
    assert.equal(again.exitCode, 0, again.stdout);
    const slash = await cliJson<CheckReport>([
      "check",
      "--issuer",
      `${issuer.url}/`,
      ...net(issuer),
    ]);
    assert.equal(slash.exitCode, 0, "a trailing slash typed by the user finds the same provider");
    assert.equal(slash.json.providerArn, arn);
    assert.deepEqual(findingIds(slash.json), ["issuer-normalized", "thumbprint-stale"]);
  });

  it("--cluster: finds the issuer through EKS DescribeCluster, creates the missing provider", async () => {
    const cluster = await createCluster(moto, `cluster-${randomBytes(3).toString("hex")}`);
    const url = new URL(cluster.issuer);
    assert.equal(url.hostname, EKS_HOST);
    const issuer = await issuerFor(url.pathname.replace("/id/", ""));
    assert.equal(issuer.url, cluster.issuer);
    const name = cluster.arn.split("/").at(-1) ?? "";
    const expectedArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS_HOST}${url.pathname}`;

    const missing = await cliJson<CheckReport>(["check", "--cluster", name, ...net(issuer)]);
    assert.equal(missing.exitCode, 1);
    assert.deepEqual(findingIds(missing.json), ["provider-missing"]);
    assert.equal(missing.json.providerArn, expectedArn);
    assert.deepEqual(missing.json.cluster, { name, arn: cluster.arn });
    assert.match(missing.json.findings[0]?.message ?? "", /--create-provider/);

    const noFlag = await cli(["fix", "--cluster", name, ...net(issuer), "--yes"]);
    assert.equal(noFlag.exitCode, 1);
    assert.match(noFlag.stdout, /pass --create-provider/);

    const created = await cliJson<FixJson>([
      "fix",
      "--cluster",
      name,
      ...net(issuer),
      "--create-provider",
      "--yes",
    ]);
    assert.equal(created.exitCode, 0, created.stderr);
    assert.equal(created.json.applied, true);
    const readBack = await readProviderCli(moto, expectedArn);
    assert.deepEqual(readBack.ThumbprintList, [await opensslThumbprint(issuer.port, EKS_HOST)]);
    assert.deepEqual(readBack.ClientIDList, ["sts.amazonaws.com"]);
    assert.equal(readBack.Url, `${EKS_HOST}${url.pathname}`);

    const healthy = await cli(["check", "--cluster", name, ...net(issuer)]);
    assert.equal(healthy.exitCode, 0, healthy.stdout);
  });

  it("--issuer with a missing provider: the ARN comes from STS GetCallerIdentity; --create-provider creates it", async () => {
    const issuer = await issuerFor(`MISSING${randomBytes(4).toString("hex").toUpperCase()}`);
    const check = await cliJson<CheckReport>(["check", "--issuer", issuer.url, ...net(issuer)]);
    assert.equal(check.exitCode, 1);
    assert.equal(
      check.json.providerArn,
      `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer.url.slice(8)}`,
    );
    assert.deepEqual(findingIds(check.json), ["provider-missing"]);
    const fix = await cliJson<FixJson>([
      "fix",
      "--issuer",
      issuer.url,
      ...net(issuer),
      "--create-provider",
      "--yes",
    ]);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual((await readProviderCli(moto, check.json.providerArn)).ThumbprintList, [
      await sha1Of(shape.expected),
    ]);
  });

  it("fix without --yes (and --dry-run) changes nothing and prints the aws command", async () => {
    const issuer = await issuerFor(`NOYES${randomBytes(4).toString("hex").toUpperCase()}`);
    const stored = fakeThumbprint();
    const arn = await createProvider(moto, issuer.url, [stored]);
    const current = await sha1Of(shape.expected);
    const plain = await cli(["fix", "--provider-arn", arn, ...net(issuer)]);
    assert.equal(plain.exitCode, 1);
    assert.match(plain.stdout, /Nothing was changed: rerun with --yes/);
    const dry = await cliJson<FixJson>([
      "fix",
      "--provider-arn",
      arn,
      ...net(issuer),
      "--dry-run",
      "--yes",
    ]);
    assert.equal(dry.exitCode, 1);
    assert.equal(dry.json.applied, false);
    assert.deepEqual(dry.json.commands, [
      `aws iam update-open-id-connect-provider-thumbprint --open-id-connect-provider-arn ${arn} --thumbprint-list ${stored} ${current}`,
    ]);
    const text = await cli(["fix", "--provider-arn", arn, ...net(issuer), "--dry-run"]);
    assert.match(text.stdout, /Dry run: nothing was changed\./);
    assert.match(text.stdout, new RegExp(`^ {4}${stored}  \\(stale\\)$`, "m"));
    assert.match(text.stdout, new RegExp(`^ {2}\\+ ${current}  \\(served now\\)$`, "m"));
    assert.deepEqual((await readProviderCli(moto, arn)).ThumbprintList, [stored]);
  });

  it("a full list: warns; fix refuses without --prune, prunes stale entries with it", async () => {
    const issuer = await issuerFor(`FULL${randomBytes(4).toString("hex").toUpperCase()}`);
    const stale = [
      fakeThumbprint(),
      fakeThumbprint(),
      fakeThumbprint(),
      fakeThumbprint(),
      fakeThumbprint(),
    ];
    const arn = await createProvider(moto, issuer.url, stale);
    const check = await cliJson<CheckReport>(["check", "--provider-arn", arn, ...net(issuer)]);
    assert.equal(check.exitCode, 1);
    assert.deepEqual(findingIds(check.json), [
      "thumbprint-list-full",
      "thumbprint-mismatch",
      "thumbprint-stale",
    ]);

    const refused = await cliJson<FixJson>(["fix", "--provider-arn", arn, ...net(issuer), "--yes"]);
    assert.equal(refused.exitCode, 1);
    assert.equal(refused.json.plan.kind, "blocked");
    assert.equal(refused.json.plan.id, "thumbprint-list-full");
    assert.deepEqual((await readProviderCli(moto, arn)).ThumbprintList, stale, "nothing changed");

    const pruned = await cliJson<FixJson>([
      "fix",
      "--provider-arn",
      arn,
      ...net(issuer),
      "--yes",
      "--prune",
    ]);
    assert.equal(pruned.exitCode, 0);
    assert.deepEqual((await readProviderCli(moto, arn)).ThumbprintList, [
      await sha1Of(shape.expected),
    ]);
  });

  it("a full list that already holds the current thumbprint: warning only, nothing to fix", async () => {
    const issuer = await issuerFor(`FULLOK${randomBytes(4).toString("hex").toUpperCase()}`);
    const current = await sha1Of(shape.expected);
    const list = [
      fakeThumbprint(),
      fakeThumbprint(),
      current.toUpperCase(),
      fakeThumbprint(),
      fakeThumbprint(),
    ];
    const arn = await createProvider(moto, issuer.url, list);
    const check = await cliJson<CheckReport>(["check", "--provider-arn", arn, ...net(issuer)]);
    assert.equal(check.exitCode, 0);
    assert.deepEqual(findingIds(check.json), ["thumbprint-list-full", "thumbprint-stale"]);
    const fix = await cli(["fix", "--provider-arn", arn, ...net(issuer), "--yes"]);
    assert.equal(fix.exitCode, 0);
    assert.match(fix.stdout, /Nothing to change/);
    assert.deepEqual((await readProviderSdk(moto, arn)).thumbprints, list);
  });

  it("stale entries: info finding; kept by fix, removed by fix --prune (oldest first), current kept", async () => {
    const issuer = await issuerFor(`STALE${randomBytes(4).toString("hex").toUpperCase()}`);
    const current = await sha1Of(shape.expected);
    const intermediate = await sha1Of(shape.served[1] ?? shape.expected);
    const [s1, s2] = [fakeThumbprint(), fakeThumbprint()];
    const arn = await createProvider(moto, issuer.url, [s1, intermediate, current, s2]);
    const check = await cliJson<CheckReport>(["check", "--provider-arn", arn, ...net(issuer)]);
    assert.equal(check.exitCode, 0);
    assert.deepEqual(findingIds(check.json), ["thumbprint-stale"]);
    const stale = check.json.findings[0];
    assert.equal(stale?.severity, "info");
    assert.ok(stale?.message.includes(s1) && stale.message.includes(s2));
    assert.ok(
      !stale?.message.includes(intermediate),
      "a stored intermediate still served is not stale",
    );
    const keep = await cli(["fix", "--provider-arn", arn, ...net(issuer), "--yes"]);
    assert.equal(keep.exitCode, 0);
    assert.match(keep.stdout, /Nothing to change/);
    const prune = await cliJson<FixJson>([
      "fix",
      "--provider-arn",
      arn,
      ...net(issuer),
      "--yes",
      "--prune",
    ]);
    assert.equal(prune.exitCode, 0);
    assert.deepEqual((await readProviderCli(moto, arn)).ThumbprintList, [intermediate, current]);
  });

  it("missing audience: check reports it; fix --audience fails cleanly when IAM refuses, changing nothing", async () => {
    const issuer = await issuerFor(`AUD${randomBytes(4).toString("hex").toUpperCase()}`);
    const stored = fakeThumbprint();
    const arn = await createProvider(moto, issuer.url, [stored], ["some-other-audience"]);
    const check = await cliJson<CheckReport>(["check", "--provider-arn", arn, ...net(issuer)]);
    assert.equal(check.exitCode, 1);
    assert.deepEqual(findingIds(check.json), [
      "audience-missing",
      "thumbprint-mismatch",
      "thumbprint-stale",
    ]);
    const custom = await cliJson<CheckReport>([
      "check",
      "--provider-arn",
      arn,
      ...net(issuer),
      "--audience",
      "some-other-audience",
    ]);
    assert.deepEqual(findingIds(custom.json), ["thumbprint-mismatch", "thumbprint-stale"]);

    const dry = await cli([
      "fix",
      "--provider-arn",
      arn,
      ...net(issuer),
      "--audience",
      "sts.amazonaws.com",
      "--dry-run",
    ]);
    assert.match(dry.stdout, /ClientIDList:\n {4}some-other-audience\n {2}\+ sts\.amazonaws\.com/);
    assert.match(
      dry.stdout,
      /aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn \S+ --client-id sts\.amazonaws\.com/,
    );
    // moto 5 does not implement AddClientIDToOpenIDConnectProvider (it answers HTTP 500), which
    // makes it a real failing AWS call: the run must exit 3 and leave the thumbprints untouched.
    const applied = await cli([
      "fix",
      "--provider-arn",
      arn,
      ...net(issuer),
      "--audience",
      "sts.amazonaws.com",
      "--yes",
    ]);
    assert.equal(applied.exitCode, 3);
    assert.match(
      applied.stderr,
      /^irsa-doctor: IAM AddClientIDToOpenIDConnectProvider failed for arn:aws:iam::[^\n]+\n$/,
    );
    assert.deepEqual(
      await readProviderCli(moto, arn).then((p) => [p.ThumbprintList, p.ClientIDList]),
      [[stored], ["some-other-audience"]],
    );
  });

  it("provider-url-has-port for a provider registered with a port", async () => {
    const issuer = await startIssuer({ key: shape.key, chain: shape.served, path: "/id/PORTED" });
    issuers.push(issuer);
    const arn = await createProvider(moto, issuer.url, [await sha1Of(shape.expected)]);
    const check = await cliJson<CheckReport>([
      "check",
      "--provider-arn",
      arn,
      "--ca-file",
      caFile,
      "--endpoint-url",
      moto.endpoint,
    ]);
    assert.equal(check.exitCode, 0, check.stderr);
    assert.deepEqual(findingIds(check.json), ["provider-url-has-port"]);
    assert.equal(check.json.issuer, issuer.url);
  });

  it("reads AWS_ENDPOINT_URL like the AWS CLI (real process, no --endpoint-url)", async () => {
    const issuer = await issuerFor(`ENV${randomBytes(4).toString("hex").toUpperCase()}`);
    const arn = await createProvider(moto, issuer.url, [await sha1Of(shape.expected)]);
    const r = await spawnCli(
      [
        "check",
        "--provider-arn",
        arn,
        "--connect-to",
        issuer.connectTo,
        "--ca-file",
        caFile,
        "--json",
      ],
      { ...process.env, AWS_ENDPOINT_URL: moto.endpoint },
    );
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).providerArn, arn);
  });

  it("--profile reads credentials and region from the shared config files", async () => {
    const issuer = await issuerFor(`PROFILE${randomBytes(4).toString("hex").toUpperCase()}`);
    const arn = await createProvider(moto, issuer.url, [await sha1Of(shape.expected)]);
    const config = dir.write("aws-config", "[profile doctor]\nregion = eu-west-1\n");
    const credentials = dir.write(
      "aws-credentials",
      "[doctor]\naws_access_key_id = AKIAPROFILEEXAMPLE\naws_secret_access_key = profile-secret\n",
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
    };
    for (const key of [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_REGION",
      "AWS_DEFAULT_REGION",
    ])
      delete env[key];
    const withProfile = await spawnCli(
      ["check", "--provider-arn", arn, ...net(issuer), "--profile", "doctor", "--json"],
      env,
    );
    assert.equal(withProfile.exitCode, 0, withProfile.stderr);
    const without = await spawnCli(["check", "--provider-arn", arn, ...net(issuer)], env);
    assert.equal(without.exitCode, 3);
    assert.match(
      without.stderr,
      /^irsa-doctor: [^\n]*no AWS credentials found[^\n]*\[AWS_NO_CREDENTIALS\]\n$/,
    );
  });

  it("refuses to write thumbprints learned with --insecure", async () => {
    const issuer = await issuerFor(`INSECURE${randomBytes(4).toString("hex").toUpperCase()}`);
    const stored = fakeThumbprint();
    const arn = await createProvider(moto, issuer.url, [stored]);
    const r = await cliJson<FixJson>([
      "fix",
      "--provider-arn",
      arn,
      "--connect-to",
      issuer.connectTo,
      "--insecure",
      "--endpoint-url",
      moto.endpoint,
      "--yes",
    ]);
    assert.equal(r.exitCode, 1);
    assert.equal(r.json.plan.id, "tls-insecure");
    assert.deepEqual((await readProviderSdk(moto, arn)).thumbprints, [stored]);
  });

  it("on a terminal without --yes, fix asks first: no changes nothing, yes applies", async () => {
    const issuer = await issuerFor(`PROMPT${randomBytes(4).toString("hex").toUpperCase()}`);
    const stored = fakeThumbprint();
    const arn = await createProvider(moto, issuer.url, [stored]);
    const questions: string[] = [];
    const declined = await cli(["fix", "--provider-arn", arn, ...net(issuer)], {
      isInteractive: true,
      confirm: async (question) => {
        questions.push(question);
        return false;
      },
    });
    assert.equal(declined.exitCode, 1);
    assert.match(
      questions[0] ?? "",
      new RegExp(`Apply this change to ${arn.replaceAll(".", "\\.")}\\? \\[y/N\\] $`),
    );
    assert.deepEqual((await readProviderSdk(moto, arn)).thumbprints, [stored]);
    const accepted = await cli(["fix", "--provider-arn", arn, ...net(issuer)], {
      isInteractive: true,
      confirm: async () => true,
    });
    assert.equal(accepted.exitCode, 0);
    assert.deepEqual((await readProviderSdk(moto, arn)).thumbprints, [
      stored,
      await sha1Of(shape.expected),
    ]);
  });

  it("a real terminal: the prompt reads the answer typed on the TTY", async () => {
    const issuer = await issuerFor(`TTY${randomBytes(4).toString("hex").toUpperCase()}`);
    const stored = fakeThumbprint();
    const arn = await createProvider(moto, issuer.url, [stored]);
    const { exitCode: code, output } = await runOnTerminal(
      ["fix", "--provider-arn", arn, ...net(issuer)],
      "y\n",
    );
    assert.equal(code, 0, output);
    assert.match(output, /Apply this change to .*\[y\/N\]/);
    assert.match(output, /Applied and verified/);
    assert.deepEqual((await readProviderCli(moto, arn)).ThumbprintList, [
      stored,
      await sha1Of(shape.expected),
    ]);
  });

  it("AWS_ENDPOINT_URL_IAM, _EKS and _STS each route their own service; --region picks the cluster's region", async () => {
    const cluster = await createCluster(
      moto,
      `regional-${randomBytes(3).toString("hex")}`,
      "eu-west-1",
    );
    const name = cluster.arn.split("/").at(-1) ?? "";
    const url = new URL(cluster.issuer);
    assert.equal(url.hostname, "oidc.eks.eu-west-1.amazonaws.com");
    const regional = await eksShape([url.hostname]);
    const issuer = await startIssuer({
      key: regional.key,
      chain: regional.served,
      hostName: url.hostname,
      path: url.pathname,
    });
    issuers.push(issuer);
    const regionalCa = dir.write("regional-ca.pem", trustFile(regional.trusted));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ENDPOINT_URL_IAM: moto.endpoint,
      AWS_ENDPOINT_URL_EKS: moto.endpoint,
      AWS_ENDPOINT_URL_STS: moto.endpoint,
    };
    const args = ["--connect-to", issuer.connectTo, "--ca-file", regionalCa, "--json"];
    const found = await spawnCli(
      ["check", "--cluster", name, "--region", "eu-west-1", ...args],
      env,
    );
    assert.equal(found.exitCode, 1, found.stderr);
    const report = JSON.parse(found.stdout) as CheckReport;
    assert.deepEqual(findingIds(report), ["provider-missing"]);
    assert.equal(report.cluster?.arn, cluster.arn);
    const byIssuer = await spawnCli(["check", "--issuer", cluster.issuer, ...args], env);
    assert.equal(
      JSON.parse(byIssuer.stdout).providerArn,
      report.providerArn,
      "STS gave the same account",
    );
    const wrongRegion = await spawnCli(["check", "--cluster", name, ...args], env);
    assert.equal(wrongRegion.exitCode, 3);
    assert.match(
      wrongRegion.stderr,
      /^irsa-doctor: EKS DescribeCluster failed for cluster "[^"]+": ResourceNotFoundException: [^\n]*\n$/,
    );
  });

  it("thumbprint and cert never load the AWS SDK; check does", async () => {
    const issuer = await issuerFor(`NOSDK${randomBytes(4).toString("hex").toUpperCase()}`);
    const file = dir.write("one.pem", shape.expected.pem);
    const script = `
      const { runCli } = await import(${JSON.stringify(new URL("../dist/cli/run-cli.js", import.meta.url).href)});
      const { createRequire } = await import("node:module");
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("@aws-sdk"));
      const out = [];
      for (const argv of JSON.parse(process.argv[1])) { await runCli(argv); out.push(loaded()); }
      console.log(JSON.stringify(out));`;
    const runs = [
      ["thumbprint", issuer.url, "--connect-to", issuer.connectTo, "--ca-file", caFile],
      ["cert", file],
      ["check", "--issuer", issuer.url, ...net(issuer)],
    ];
    const child = spawn(
      process.execPath,
      ["--input-type=module", "-e", script, JSON.stringify(runs)],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    await new Promise((resolve) => child.on("close", resolve));
    assert.deepEqual(JSON.parse(output), [false, false, true]);
  });

  it("Ctrl-D at the prompt is a no: nothing changes, exit 1", async () => {
    const issuer = await issuerFor(`CTRLD${randomBytes(4).toString("hex").toUpperCase()}`);
    const stored = fakeThumbprint();
    const arn = await createProvider(moto, issuer.url, [stored]);
    const { exitCode: code, output } = await runOnTerminal(
      ["fix", "--provider-arn", arn, ...net(issuer)],
      "\x04",
    );
    assert.equal(code, 1, output);
    assert.doesNotMatch(output, /internal error/);
    assert.match(output, /Nothing was changed/);
    assert.deepEqual((await readProviderSdk(moto, arn)).thumbprints, [stored]);
  });

  describe("AWS failures: one line, exit 3, nothing changed", () => {
    it("an unreachable endpoint", async () => {
      const issuer = await issuerFor(`UNREACH${randomBytes(4).toString("hex").toUpperCase()}`);
      const r = await cli([
        "fix",
        "--issuer",
        issuer.url,
        "--connect-to",
        issuer.connectTo,
        "--ca-file",
        caFile,
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--yes",
        "--create-provider",
      ]);
      assert.equal(r.exitCode, 3);
      assert.match(
        r.stderr,
        /^irsa-doctor: IAM ListOpenIDConnectProviders failed for the account: could not reach the AWS endpoint \(ECONNREFUSED[^\n]*\[AWS_UNREACHABLE\]\n$/,
      );
      assert.equal(r.stdout, "");
    });

    it("an endpoint that accepts and never answers: ends within the retries' timeouts", async () => {
      const sockets: import("node:net").Socket[] = [];
      const silent = createServer((socket) => sockets.push(socket));
      silent.listen(0, "127.0.0.1");
      await once(silent, "listening");
      const port = (silent.address() as AddressInfo).port;
      const issuer = await issuerFor(`SILENT${randomBytes(4).toString("hex").toUpperCase()}`);
      try {
        const r = await spawnCli([
          "check",
          "--issuer",
          issuer.url,
          "--connect-to",
          issuer.connectTo,
          "--ca-file",
          caFile,
          "--endpoint-url",
          `http://127.0.0.1:${port}`,
          "--timeout",
          "1",
        ]);
        assert.equal(r.exitCode, 3);
        assert.match(
          r.stderr,
          /^irsa-doctor: IAM ListOpenIDConnectProviders failed for the account: the AWS endpoint did not answer in time [^\n]*\[AWS_TIMEOUT\]\n$/,
        );
        // Two attempts of at most 1 s each, plus back-off and start-up.
        assert.ok(r.ms < 4500, `took ${r.ms} ms`);
      } finally {
        for (const s of sockets) s.destroy();
        silent.close();
      }
    });

    it("NoSuchEntity for a wrong ARN", async () => {
      const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS_HOST}/id/DOESNOTEXIST`;
      const r = await cli(["fix", "--provider-arn", arn, "--endpoint-url", moto.endpoint, "--yes"]);
      assert.equal(r.exitCode, 3);
      assert.match(
        r.stderr,
        /^irsa-doctor: IAM GetOpenIDConnectProvider failed for arn:[^\n]*: NoSuchEntity: OpenIDConnect Provider not found[^\n]*\n$/,
      );
    });

    it("a malformed ARN is bad input (exit 2)", async () => {
      const r = await cli([
        "check",
        "--provider-arn",
        "arn:aws:s3:::bucket",
        "--endpoint-url",
        moto.endpoint,
      ]);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /is not an IAM OIDC provider ARN/);
    });

    it("an empty target or a malformed region is a usage error", async () => {
      for (const argv of [
        ["check", "--cluster", ""],
        ["check", "--cluster", "a", "--region", "us east 1"],
      ]) {
        const r = await cli([...argv, "--endpoint-url", moto.endpoint]);
        assert.equal(r.exitCode, 2, argv.join(" "));
        assert.match(r.stderr, /^irsa-doctor: [^\n]+ \[(EMPTY_VALUE|BAD_REGION)\]\n$/);
      }
    });

    it("no target, or two targets, is a usage error", async () => {
      for (const argv of [
        ["check"],
        ["fix", "--cluster", "a", "--issuer", "https://x.example.com"],
      ]) {
        const r = await cli(argv);
        assert.equal(r.exitCode, 2);
        assert.match(
          r.stderr,
          /needs exactly one of --cluster NAME, --issuer URL or --provider-arn ARN/,
        );
      }
    });

    it("invalid credentials (moto with authentication on)", async () => {
      const secured = await startMoto({ requireAuth: true });
      try {
        // moto lets a set number of calls through unauthenticated: one, to create the provider.
        await fetch(`${secured.endpoint}/moto-api/reset-auth`, {
          method: "POST",
          body: "1",
          headers: { "content-type": "text/plain" },
        });
        const issuer = await issuerFor(`AUTH${randomBytes(4).toString("hex").toUpperCase()}`);
        const stored = fakeThumbprint();
        const arn = await createProvider(secured, issuer.url, [stored]);
        const r = await cli([
          "fix",
          "--provider-arn",
          arn,
          "--connect-to",
          issuer.connectTo,
          "--ca-file",
          caFile,
          "--endpoint-url",
          secured.endpoint,
          "--yes",
        ]);
        assert.equal(r.exitCode, 3);
        assert.match(
          r.stderr,
          /^irsa-doctor: IAM GetOpenIDConnectProvider failed for arn:[^\n]*: InvalidClientTokenId: [^\n]*\n$/,
        );
        await fetch(`${secured.endpoint}/moto-api/reset-auth`, {
          method: "POST",
          body: "1",
          headers: { "content-type": "text/plain" },
        });
        assert.deepEqual((await readProviderSdk(secured, arn)).thumbprints, [stored]);
      } finally {
        await secured.stop();
      }
    });
  });
});
