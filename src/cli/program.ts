import { Command, CommanderError, type OutputConfiguration } from "commander";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import { hasErrors } from "../findings/finding.ts";
import type { CliIo } from "./cli-io.ts";
import { addNetworkOptions, type NetworkFlags, networkOptions } from "./network-options.ts";

/** What an action hands back to the runner. */
export interface ActionOutput {
  exitCode: number;
  stdout: string;
}

/**
 * Builds the commander program. Each action stores its output through
 * `done`; nothing here writes to the process.
 *
 * @example
 * ```ts
 * const program = buildProgram(version, io, (out) => { result = out; }, { writeOut, writeErr });
 * await program.parseAsync(argv, { from: "user" });
 * ```
 */
export function buildProgram(
  version: string,
  io: CliIo,
  done: (output: ActionOutput) => void,
  output: OutputConfiguration,
): Command {
  // Output and exit settings first: subcommands copy them when created.
  const program = new Command("irsa-doctor")
    .configureOutput(output)
    .exitOverride()
    .description(
      "Find and fix why workloads fail to get AWS credentials through an IAM OIDC identity provider (EKS IRSA InvalidIdentityToken).",
    )
    .version(version, "-V, --version")
    .option("--debug", "on failure, also print the stack trace")
    .showSuggestionAfterError(true);

  addNetworkOptions(
    program
      .command("thumbprint")
      .description(
        "compute the IAM OIDC thumbprint of an issuer (discovery, TLS probe, last certificate sent)",
      )
      .argument(
        "[issuer-url]",
        "the OIDC issuer URL, e.g. https://oidc.eks.us-east-1.amazonaws.com/id/ABC",
      )
      .option(
        "--host <HOST[:PORT]>",
        "probe this host directly instead of an issuer URL (skips discovery)",
      ),
  ).action(async (issuerUrl: string | undefined, flags: NetworkFlags & { host?: string }) => {
    const [{ diagnoseThumbprint }, { renderThumbprintReport }, { parseHostPort }] =
      await Promise.all([
        import("../commands/thumbprint.ts"),
        import("../render/thumbprint-text.ts"),
        import("../net/endpoint.ts"),
      ]);
    if ((issuerUrl === undefined) === (flags.host === undefined)) {
      throw new IrsaDoctorError(
        "usage",
        "TARGET_REQUIRED",
        "thumbprint needs exactly one target: an issuer URL or --host HOST[:PORT] (see irsa-doctor thumbprint --help)",
      );
    }
    const options = await networkOptions(flags);
    const target =
      flags.host !== undefined
        ? { host: parseHostPort(flags.host) }
        : { issuer: issuerUrl as string };
    const report = await diagnoseThumbprint(target, options);
    done({
      exitCode: hasErrors(report.findings) ? 1 : 0,
      stdout: flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderThumbprintReport(report),
    });
  });

  program
    .command("cert")
    .description(
      "show PEM or DER certificates the way openssl x509 -text -fingerprint would, with the thumbprint",
    )
    .argument("<file...>", "certificate files (PEM with one or many certificates, or DER)")
    .option("--json", "print one JSON document")
    .action(async (files: string[], flags: { json?: boolean }) => {
      const [{ inspectCertificateFiles }, { renderCertificateDetails }] = await Promise.all([
        import("../commands/cert.ts"),
        import("../render/cert-text.ts"),
      ]);
      const reports = await inspectCertificateFiles(files);
      done({
        exitCode: 0,
        stdout: flags.json
          ? `${JSON.stringify({ files: reports }, null, 2)}\n`
          : reports.map((r) => renderCertificateDetails(r.file, r.certificates)).join("\n"),
      });
    });

  void io;
  return program;
}

export { CommanderError };
