/**
 * Benchmarks (npm run bench), run side by side in one process:
 *  1. `irsa-doctor thumbprint <issuer>` against a local issuer serving the
 *     EKS-shaped chain, versus the seed's manual pipeline on the same server
 *     (curl for discovery, `openssl s_client -showcerts`, `openssl x509
 *     -fingerprint`). Target: median <= 1.2x the pipeline.
 *  2. `irsa-doctor --version`. Target: median <= 80 ms.
 * Runs alternate between the contenders so machine noise hits all alike.
 *
 * Node 20 loads NODE_EXTRA_CA_CERTS eagerly at start-up. Some machines (the
 * development machines of this project among them) point it at the whole
 * system bundle, which costs tens of milliseconds before any code runs; so
 * each Node contender is also timed without it, and bare `node -e 0` shows
 * the runtime's own floor.
 */
import { spawn } from "node:child_process";
import { EKS_HOST, eksShape, sha1Of, trustFile } from "../test/helpers/chains.ts";
import { BIN } from "../test/helpers/cli.ts";
import { startIssuer, thumbprintArgv } from "../test/helpers/oidc-issuer.ts";
import { tempDir } from "../test/helpers/temp.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

interface Timed {
  ms: number;
  stdout: string;
  code: number;
}

function time(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "ignore"], env });
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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`.padStart(9);

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

const bare: NodeJS.ProcessEnv = { ...process.env };
delete bare.NODE_EXTRA_CA_CERTS;
const thumbprintArgs = [BIN, ...thumbprintArgv(issuer, ca), "--json"];
const node = process.execPath;

const THUMBPRINT = "irsa-doctor thumbprint";
const THUMBPRINT_BARE = "irsa-doctor thumbprint, NODE_EXTRA_CA_CERTS unset";
const PIPELINE = "seed pipeline (curl + openssl s_client + openssl x509)";
const VERSION = "irsa-doctor --version";
const VERSION_BARE = "irsa-doctor --version, NODE_EXTRA_CA_CERTS unset";
const contenders: [string, () => Promise<Timed>][] = [
  [THUMBPRINT, () => time(node, thumbprintArgs)],
  [THUMBPRINT_BARE, () => time(node, thumbprintArgs, bare)],
  [PIPELINE, () => time("sh", [pipeline])],
  [VERSION, () => time(node, [BIN, "--version"])],
  [VERSION_BARE, () => time(node, [BIN, "--version"], bare)],
  ["node -e 0 (the runtime alone)", () => time(node, ["-e", "0"])],
  ["node -e 0, NODE_EXTRA_CA_CERTS unset", () => time(node, ["-e", "0"], bare)],
];
const samples = new Map<string, number[]>(contenders.map(([name]) => [name, []]));

// Warm-up and correctness: both must print the same thumbprint.
const ours = JSON.parse((await time(node, thumbprintArgs)).stdout).thumbprint;
const theirs = (await time("sh", [pipeline])).stdout.trim().split("=")[1]?.toLowerCase();
if (ours !== expected || theirs !== expected) {
  throw new Error(
    `thumbprints differ: irsa-doctor ${ours}, pipeline ${theirs}, expected ${expected}`,
  );
}

for (let i = 0; i < RUNS; i++) {
  for (const [name, run] of contenders) {
    const r = await run();
    if (r.code !== 0) throw new Error(`${name} exited ${r.code}`);
    samples.get(name)?.push(r.ms);
  }
}
await issuer.close();

const m = (name: string): number => median(samples.get(name) ?? []);
console.log(
  `node ${process.version}, ${RUNS} runs each, interleaved; thumbprint ${expected} (both agree)`,
);
console.log(`NODE_EXTRA_CA_CERTS=${process.env.NODE_EXTRA_CA_CERTS ?? "(unset)"}\n`);
for (const [name] of contenders) {
  const s = samples.get(name) ?? [];
  console.log(
    `${name.padEnd(56)} median ${fmt(m(name))}  min ${fmt(Math.min(...s))}  max ${fmt(Math.max(...s))}`,
  );
}
console.log("");
for (const name of [THUMBPRINT, THUMBPRINT_BARE]) {
  const ratio = m(name) / m(PIPELINE);
  console.log(
    `${name} / pipeline: ${ratio.toFixed(2)}x (target <= 1.20x) ${ratio <= 1.2 ? "MET" : "NOT MET"}`,
  );
}
for (const name of [VERSION, VERSION_BARE]) {
  console.log(
    `${name}: ${fmt(m(name)).trim()} (target <= 80 ms) ${m(name) <= 80 ? "MET" : "NOT MET"}`,
  );
}
