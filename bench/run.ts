/**
 * Benchmarks (npm run bench), run side by side in one process:
 *  1. `irsa-doctor thumbprint <issuer>` against a local issuer serving the
 *     EKS-shaped chain, versus the seed's manual pipeline on the same server
 *     (curl for discovery, `openssl s_client -showcerts`, `openssl x509
 *     -fingerprint`). Target: median <= 1.2x the pipeline.
 *  2. `irsa-doctor --version`. Target: median <= 80 ms.
 * Runs alternate between the contenders so machine noise hits both alike.
 */
import { spawn } from "node:child_process";
import { EKS_HOST, eksShape, sha1Of, trustFile } from "../test/helpers/chains.ts";
import { BIN } from "../test/helpers/cli.ts";
import { startIssuer } from "../test/helpers/oidc-issuer.ts";
import { tempDir } from "../test/helpers/temp.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

function time(
  command: string,
  args: string[],
): Promise<{ ms: number; stdout: string; code: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ ms: performance.now() - started, stdout, code: code ?? -1 }),
    );
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

const dir = tempDir();
const shape = await eksShape();
const issuer = await startIssuer({
  key: shape.key,
  chain: shape.served,
  hostName: EKS_HOST,
  path: "/id/BENCH",
});
const ca = dir.write("ca.pem", trustFile(shape.trusted));
const expected = await sha1Of(shape.expected);

// The seed's procedure as a person would script it.
const pipeline = dir.write(
  "seed-pipeline.sh",
  `set -e
doc=$(curl -sS --cacert ${ca} --connect-to ${issuer.connectTo} ${issuer.url}/.well-known/openid-configuration)
jwks_host=$(printf '%s' "$doc" | grep -o '"jwks_uri": *"https://[^/"]*' | sed 's/.*https:\\/\\///')
openssl s_client -connect 127.0.0.1:${issuer.port} -servername "$jwks_host" -showcerts </dev/null 2>/dev/null \\
  | awk '/BEGIN CERT/{c=""} {c=c $0 "\\n"} /END CERT/{last=c} END{printf "%s", last}' \\
  | openssl x509 -fingerprint -noout | sed s/://g
`,
);

const contenders = {
  "irsa-doctor thumbprint": () =>
    time(process.execPath, [
      BIN,
      "thumbprint",
      issuer.url,
      "--connect-to",
      issuer.connectTo,
      "--ca-file",
      ca,
      "--json",
    ]),
  "seed pipeline (curl + openssl s_client + openssl x509)": () => time("sh", [pipeline]),
  "irsa-doctor --version": () => time(process.execPath, [BIN, "--version"]),
};
type Name = keyof typeof contenders;
const samples = Object.fromEntries(
  Object.keys(contenders).map((k) => [k, [] as number[]]),
) as Record<Name, number[]>;

// Warm-up and correctness: both must print the same thumbprint.
const ours = JSON.parse((await contenders["irsa-doctor thumbprint"]()).stdout).thumbprint;
const theirs = (await contenders["seed pipeline (curl + openssl s_client + openssl x509)"]()).stdout
  .trim()
  .split("=")[1]
  ?.toLowerCase();
if (ours !== expected || theirs !== expected) {
  throw new Error(
    `thumbprints differ: irsa-doctor ${ours}, pipeline ${theirs}, expected ${expected}`,
  );
}

for (let i = 0; i < RUNS; i++) {
  for (const name of Object.keys(contenders) as Name[]) {
    const r = await contenders[name]();
    if (r.code !== 0) throw new Error(`${name} exited ${r.code}`);
    samples[name].push(r.ms);
  }
}
await issuer.close();

console.log(
  `node ${process.version}, ${RUNS} runs each, interleaved; thumbprint ${expected} (both agree)\n`,
);
for (const name of Object.keys(samples) as Name[]) {
  const s = samples[name];
  console.log(
    `${name.padEnd(56)} median ${fmt(median(s)).padStart(9)}  min ${fmt(Math.min(...s)).padStart(9)}  max ${fmt(Math.max(...s)).padStart(9)}`,
  );
}
const ratio =
  median(samples["irsa-doctor thumbprint"]) /
  median(samples["seed pipeline (curl + openssl s_client + openssl x509)"]);
const version = median(samples["irsa-doctor --version"]);
console.log(
  `\nthumbprint / pipeline median ratio: ${ratio.toFixed(2)}x (target <= 1.20x) ${ratio <= 1.2 ? "MET" : "NOT MET"}`,
);
console.log(
  `--version median: ${fmt(version)} (target <= 80 ms) ${version <= 80 ? "MET" : "NOT MET"}`,
);
