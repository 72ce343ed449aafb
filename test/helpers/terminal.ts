/**
 * Runs the built CLI on a pseudo-terminal (script(1)) and types `answer`
 * when `prompt` appears, as a person at a terminal would.
 */
import { spawn } from "node:child_process";
import { BIN } from "./cli.ts";

export async function runOnTerminal(
  argv: string[],
  answer: string,
  prompt = "[y/N]",
): Promise<{ exitCode: number; output: string }> {
  const command = [process.execPath, BIN, ...argv].map((a) => `'${a}'`).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let answered = false;
  child.stdout.on("data", (d: Buffer) => {
    output += d.toString();
    if (!answered && output.includes(prompt)) {
      answered = true;
      child.stdin.write(answer);
    }
  });
  const exitCode = await new Promise<number>((resolve) =>
    child.on("close", (code) => resolve(code ?? -1)),
  );
  child.stdin.destroy();
  return { exitCode, output };
}
