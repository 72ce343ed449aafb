/**
 * Starts moto (the AWS emulator) in server mode on a free loopback port for
 * a test file, and stops it afterwards. IAM, EKS and STS all answer on the
 * one endpoint. Fails with a clear message when moto is not installed.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";

export interface Moto {
  endpoint: string;
  port: number;
  /** Environment for the AWS CLI and the SDK: fake credentials, no shared config. */
  env: NodeJS.ProcessEnv;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Fake credentials and an isolated config, for both this process and children. */
export function awsTestEnv(): NodeJS.ProcessEnv {
  return {
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/nonexistent/irsa-doctor-test-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/irsa-doctor-test-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    // The SDK warns on Node 20 that later releases need Node 22; the pinned ones support 20.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** Applies {@link awsTestEnv} to this process (each test file runs in its own process). */
export function useAwsTestEnv(): void {
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  for (const key of Object.keys(process.env))
    if (key.startsWith("AWS_ENDPOINT_URL")) delete process.env[key];
  Object.assign(process.env, awsTestEnv());
}

export async function startMoto(options: { requireAuth?: boolean } = {}): Promise<Moto> {
  try {
    execFileSync("python3", ["-c", "import moto.server"], { stdio: "ignore" });
  } catch {
    throw new Error(
      "moto is not installed: these tests need `python3 -m moto.server` (install it with: python3 -m pip install 'moto[server]')",
    );
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...awsTestEnv() };
  if (options.requireAuth) env.INITIAL_NO_AUTH_ACTION_COUNT = "0";
  const child: ChildProcess = spawn(
    "python3",
    ["-m", "moto.server", "-H", "127.0.0.1", "-p", "0"],
    {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`moto did not start within 20 s: ${seen}`)),
      20_000,
    );
    child.stderr?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`moto exited with ${code} before listening: ${seen}`));
    });
  });
  child.stderr?.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${endpoint}/moto-api/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    endpoint,
    port,
    env: awsTestEnv(),
    reset: async () => {
      await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
