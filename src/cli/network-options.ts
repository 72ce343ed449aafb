import type { Command } from "commander";
import type { GatherOptions } from "../gather/thumbprint-evidence.ts";
import { parseConnectTo } from "../net/connect-to.ts";
import { loadTrustAnchors } from "../tls/trust-anchors.ts";
import { collect, parseTimeoutSeconds, parseWarnDays } from "./option-parsers.ts";

/**
 * Raw values of the options every probing command shares.
 *
 * @example
 * ```ts
 * const flags: NetworkFlags = { caFile: [], timeout: "10", warnDays: "30", connectTo: [] };
 * ```
 */
export interface NetworkFlags {
  json?: boolean;
  caFile: string[];
  insecure?: boolean;
  timeout: string;
  warnDays: string;
  connectTo: string[];
}

/**
 * Adds `--json --ca-file --insecure --timeout --warn-days --connect-to` to a command.
 *
 * @example
 * ```ts
 * addNetworkOptions(program.command("thumbprint"));
 * ```
 */
export function addNetworkOptions(command: Command): Command {
  return command
    .option("--json", "print one JSON document")
    .option(
      "--ca-file <file>",
      "also trust the CA certificates in FILE (PEM or DER; repeatable)",
      collect,
      [],
    )
    .option("--insecure", "skip TLS verification of the discovery fetch (adds a warning finding)")
    .option("--timeout <seconds>", "bound connect, TLS handshake and each HTTP exchange", "10")
    .option("--warn-days <n>", "warn when a certificate expires within N days", "30")
    .option(
      "--connect-to <HOST1:PORT1:HOST2:PORT2>",
      "connect to HOST2:PORT2 instead of HOST1:PORT1; HOST1 stays the TLS name (curl semantics; repeatable)",
      collect,
      [],
    );
}

/**
 * Turns the raw flags into gathering options (reads the CA files).
 *
 * @example
 * ```ts
 * const options = await networkOptions(command.opts());
 * ```
 */
export async function networkOptions(
  flags: NetworkFlags,
): Promise<GatherOptions & { warnDays: number }> {
  const timeoutMs = parseTimeoutSeconds(flags.timeout);
  const warnDays = parseWarnDays(flags.warnDays);
  const connectTo = flags.connectTo.map(parseConnectTo);
  const trust = await loadTrustAnchors(flags.caFile);
  return { timeoutMs, warnDays, connectTo, trust, insecure: flags.insecure === true };
}
