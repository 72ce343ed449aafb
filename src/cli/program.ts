import { createRequire } from "node:module";
import type { Command as CommandType, OutputConfiguration } from "commander";
import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";
import { hasErrors } from "../findings/finding.ts";
import { type AwsFlags, addAwsOptions, checkInputs } from "./aws-options.ts";
import type { CliIo } from "./cli-io.ts";
import { addNetworkOptions, type NetworkFlags, networkOptions } from "./network-options.ts";

// commander is CommonJS: require() it directly. Importing it from ESM makes
// Node scan its source for named exports, which costs ~12 ms at every start.
const { Command } = createRequire(import.meta.url)("commander") as typeof import("commander");

/** `--json` output of `data`, or the human rendering. */
function printable(json: boolean | undefined, data: unknown, render: () => string): string {
  return json ? `${JSON.stringify(data, null, 2)}\n` : render();
}

/**
 * What an action hands back to the runner.
 *
 * @example
 * ```ts
 * done({ exitCode: 0, stdout: "ok\n" });
 * ```
 */
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
): CommandType {
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
      stdout: printable(flags.json, report, () => renderThumbprintReport(report)),
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
        stdout: printable(flags.json, { files: reports }, () =>
          reports.map((r) => renderCertificateDetails(r.file, r.certificates)).join("\n"),
        ),
      });
    });

  addNetworkOptions(
    addAwsOptions(
      program
        .command("check")
        .description(
          "diagnose the IAM OIDC provider of a cluster or issuer: thumbprints, audience, existence",
        ),
    ),
  ).action(async (flags: NetworkFlags & AwsFlags) => {
    const [{ diagnoseProvider }, { renderCheckReport }] = await Promise.all([
      import("../commands/check.ts"),
      import("../render/check-text.ts"),
    ]);
    const { target, options } = await checkInputs(flags, "check");
    const report = await diagnoseProvider(target, options);
    done({
      exitCode: hasErrors(report.findings) ? 1 : 0,
      stdout: printable(flags.json, report, () => renderCheckReport(report)),
    });
  });

  addNetworkOptions(
    addAwsOptions(
      program
        .command("fix")
        .description(
          "add the current thumbprints to the IAM OIDC provider, keeping every stored one",
        )
        .option("--yes", "apply the plan without asking")
        .option("--dry-run", "print the plan and the equivalent aws command, change nothing")
        .option("--prune", "also remove stored thumbprints that match no certificate served now")
        .option("--create-provider", "create the provider when it is missing"),
    ),
  ).action(
    async (
      flags: NetworkFlags &
        AwsFlags & { yes?: boolean; dryRun?: boolean; prune?: boolean; createProvider?: boolean },
    ) => {
      const [{ fixProvider }, { renderFixResult }, { renderFixPlan }, { fixExitCode, fixJson }] =
        await Promise.all([
          import("../commands/fix.ts"),
          import("../render/fix-result-text.ts"),
          import("../render/fix-text.ts"),
          import("./fix-outcome.ts"),
        ]);
      const { target, options } = await checkInputs(flags, "fix");
      const result = await fixProvider(target, {
        ...options,
        prune: flags.prune === true,
        createProvider: flags.createProvider === true,
        addAudience: flags.audience,
        confirm: async (plan) => {
          if (flags.dryRun) return false;
          if (flags.yes) return true;
          if (!io.isInteractive) return false;
          const arn = plan.kind === "update" ? plan.arn : "a new provider";
          return io.confirm(`${renderFixPlan(plan)}\nApply this change to ${arn}? [y/N] `);
        },
      });
      done({
        exitCode: fixExitCode(result),
        stdout: printable(flags.json, fixJson(result), () =>
          renderFixResult(result, { dryRun: flags.dryRun === true }),
        ),
      });
    },
  );

  return program;
}
