/**
 * `npm run demo`: the seed's story, end to end, on this machine alone.
 *
 * A local HTTPS issuer answers as oidc.eks.us-east-1.amazonaws.com (reached
 * with --connect-to, trusted with a CA generated now), and moto stands in
 * for IAM and EKS. The issuer's CA changes under a provider that still holds
 * the old thumbprint; then the real irsa-doctor commands diagnose and fix it.
 * No AWS account and no network beyond loopback are needed.
 */
import { spawn } from "node:child_process";
import { createCluster, createProvider } from "../test/helpers/aws.ts";
import { EKS_HOST, eksShape, leafOnlyShape, trustFile } from "../test/helpers/chains.ts";
import { BIN } from "../test/helpers/cli.ts";
import { startMoto, useAwsTestEnv } from "../test/helpers/moto.ts";
import { startIssuer } from "../test/helpers/oidc-issuer.ts";
import { opensslThumbprint } from "../test/helpers/openssl.ts";
import { tempDir } from "../test/helpers/temp.ts";

useAwsTestEnv();

function run(args: string[], show: string[]): Promise<number> {
  process.stdout.write(`\n$ irsa-doctor ${show.join(" ")}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("close", (code) => {
      process.stdout.write(`[exit ${code}]\n`);
      resolve(code ?? -1);
    });
  });
}

const dir = tempDir();
process.stdout.write(
  "Setting up: moto (local IAM + EKS), a cluster, and its OIDC issuer on 127.0.0.1 ...\n",
);
const moto = await startMoto();
const cluster = await createCluster(moto, "demo");
const issuerPath = new URL(cluster.issuer).pathname;
const before = await leafOnlyShape([EKS_HOST]);
const after = await eksShape([EKS_HOST]);
const issuer = await startIssuer({
  key: before.key,
  chain: before.served,
  hostName: EKS_HOST,
  path: issuerPath,
});
const ca = dir.write("demo-ca.pem", trustFile([...before.trusted, ...after.trusted]));
const oldThumbprint = await opensslThumbprint(issuer.port, EKS_HOST);
const arn = await createProvider(moto, cluster.issuer, [oldThumbprint]);
process.stdout.write(
  `Cluster "demo" issuer: ${cluster.issuer}\nIAM provider ${arn}\n  holds the thumbprint of the old chain: ${oldThumbprint}\n`,
);

issuer.setChain(after.key, after.served);
process.stdout.write(
  "\nThe issuer's certificate chain changes (new CA). Pods now fail with InvalidIdentityToken.\n",
);

const common = ["--connect-to", issuer.connectTo, "--ca-file", ca, "--endpoint-url", moto.endpoint];
const shown = [
  "--connect-to",
  issuer.connectTo,
  "--ca-file",
  "demo-ca.pem",
  "--endpoint-url",
  moto.endpoint,
];
const codes: number[] = [];
codes.push(
  await run(["check", "--cluster", "demo", ...common], ["check", "--cluster", "demo", ...shown]),
);
codes.push(
  await run(
    ["fix", "--cluster", "demo", ...common, "--yes"],
    ["fix", "--cluster", "demo", ...shown, "--yes"],
  ),
);
codes.push(
  await run(["check", "--cluster", "demo", ...common], ["check", "--cluster", "demo", ...shown]),
);

await issuer.close();
await moto.stop();
const ok = codes[0] === 1 && codes[1] === 0 && codes[2] === 0;
process.stdout.write(
  `\nDemo ${ok ? "complete: diagnosed (exit 1), fixed (exit 0), healthy (exit 0)" : `FAILED: exit codes ${codes.join(", ")}`}.\n`,
);
process.exitCode = ok ? 0 : 1;
