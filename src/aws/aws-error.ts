import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";

/**
 * Turns an AWS SDK failure into one line: the service and operation, the
 * AWS error code and message, and a next step. `where` names the target.
 *
 * @example
 * ```ts
 * try { await iam.send(cmd); } catch (e) { throw awsError(e, "IAM GetOpenIDConnectProvider", arn); }
 * ```
 */
export function awsError(error: unknown, operation: string, where: string): IrsaDoctorError {
  if (error instanceof IrsaDoctorError) return error;
  const e = error as Error & {
    name?: string;
    code?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const name = e.name ?? "Error";
  const message = (e.message ?? String(error)).replace(/\s+/g, " ").trim();
  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
    return new IrsaDoctorError(
      "aws",
      "AWS_NO_CREDENTIALS",
      `${operation} failed for ${where}: no AWS credentials found (${message}); set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
      { cause: error },
    );
  }
  if (/Region is missing/i.test(message)) {
    return new IrsaDoctorError(
      "usage",
      "AWS_NO_REGION",
      `${operation} needs an AWS region: pass --region or set AWS_REGION`,
      { cause: error },
    );
  }
  const answered = e.$metadata?.httpStatusCode !== undefined;
  if (
    !answered &&
    (name === "TimeoutError" || e.code === "ETIMEDOUT" || /timed? ?out/i.test(message))
  ) {
    return new IrsaDoctorError(
      "aws",
      "AWS_TIMEOUT",
      `${operation} failed for ${where}: the AWS endpoint did not answer in time (${message}); check the endpoint or raise --timeout`,
      { cause: error },
    );
  }
  if (name === "AbortError") {
    return new IrsaDoctorError("aws", "ABORTED", `${operation} for ${where} was cancelled`, {
      cause: error,
    });
  }
  const networkCode = e.code ?? (e as { errno?: string }).errno;
  if (typeof networkCode === "string" && /^E[A-Z]+$/.test(networkCode)) {
    return new IrsaDoctorError(
      "aws",
      "AWS_UNREACHABLE",
      `${operation} failed for ${where}: could not reach the AWS endpoint (${networkCode}: ${message}); check --endpoint-url, AWS_ENDPOINT_URL and the network`,
      { cause: error },
    );
  }
  const status = e.$metadata?.httpStatusCode;
  // The wire error code (what the AWS CLI prints), e.g. NoSuchEntity rather than the SDK's NoSuchEntityException.
  const code = typeof e.Code === "string" && e.Code ? e.Code : name;
  return new IrsaDoctorError(
    "aws",
    "AWS_REQUEST_FAILED",
    `${operation} failed for ${where}: ${code}: ${message}${status ? ` (HTTP ${status})` : ""}`,
    { cause: error },
  );
}
