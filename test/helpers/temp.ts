/** Temporary directories removed when the test ends. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";

export interface TempDir {
  path: string;
  /** Writes `content` to `name` in the directory and returns its path. */
  write(name: string, content: string | Buffer): string;
}

export function tempDir(t?: Pick<TestContext, "after">): TempDir {
  const path = mkdtempSync(join(tmpdir(), "irsa-doctor-test-"));
  const cleanup = (): void => rmSync(path, { recursive: true, force: true });
  if (t) t.after(cleanup);
  else process.once("exit", cleanup);
  return {
    path,
    write(name, content) {
      const file = join(path, name);
      writeFileSync(file, content);
      return file;
    },
  };
}

/**
 * A host name whose lookup fails inside the resolver library itself (a DNS
 * label longer than 63 characters is refused before any query is sent), so
 * the "does not resolve" case needs no network beyond loopback.
 */
export const UNRESOLVABLE_HOST = `${"a".repeat(64)}.invalid`;
