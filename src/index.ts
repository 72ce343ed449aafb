/**
 * irsa-doctor as a library: the functions the CLI is built on.
 *
 * @example
 * ```ts
 * import { diagnoseThumbprint } from "irsa-doctor";
 * const report = await diagnoseThumbprint({ issuer: "https://oidc.eks.us-east-1.amazonaws.com/id/ABC" },
 *   { timeoutMs: 10_000, insecure: false, warnDays: 30 });
 * console.log(report.thumbprint);
 * ```
 *
 * @packageDocumentation
 */
export { applyFixPlan } from "./apply/apply-fix.ts";
export type { AwsAccess } from "./aws/aws-access.ts";
export { AwsGateway } from "./aws/aws-gateway.ts";
export type { OidcProvider } from "./aws/oidc-provider.ts";
export type { CertificateDetails } from "./cert/certificate-details.ts";
export type { CertificateInfo, ParsedCertificate } from "./cert/certificate-info.ts";
export { describeCertificate, parseCertificate } from "./cert/certificate-info.ts";
export { parseCertificates, readCertificateFile } from "./cert/read-certificates.ts";
export type { CliIo, CliResult } from "./cli/cli-io.ts";
export { runCli } from "./cli/run-cli.ts";
export type { CertificateFileReport } from "./commands/cert.ts";
export { inspectCertificateFiles } from "./commands/cert.ts";
export { type CheckOptions, diagnoseProvider } from "./commands/check.ts";
export { type FixOptions, type FixResult, fixProvider } from "./commands/fix.ts";
export { diagnoseThumbprint, type ThumbprintOptions } from "./commands/thumbprint.ts";
export { type CheckReport, judgeCheck } from "./core/check-report.ts";
export { judgeChain } from "./core/judge-chain.ts";
export { DEFAULT_AUDIENCE, judgeProvider, MAX_THUMBPRINTS } from "./core/judge-provider.ts";
export { judgeThumbprint, thumbprintCertificate } from "./core/judge-thumbprint.ts";
export { awsCliCommands, type FixPlan, type FixRequest, planFix } from "./core/plan-fix.ts";
export type { HostReport, ThumbprintReport } from "./core/thumbprint-report.ts";
export { ExitCode, IrsaDoctorError, isIrsaDoctorError } from "./errors/irsa-doctor-error.ts";
export { type Finding, hasErrors, type Severity } from "./findings/finding.ts";
export { gatherCheckEvidence } from "./gather/check-evidence.ts";
export { ProbeCache } from "./gather/probe-cache.ts";
export { gatherThumbprintEvidence } from "./gather/thumbprint-evidence.ts";
export { parseConnectTo } from "./net/connect-to.ts";
export { openTls, probeTls, type TlsHandshakeResult } from "./tls/tls-connection.ts";
export { loadTrustAnchors } from "./tls/trust-anchors.ts";
