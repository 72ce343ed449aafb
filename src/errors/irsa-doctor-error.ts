/**
 * Exit codes shared by every command.
 *
 * - `0` healthy, no error finding
 * - `1` problems found (at least one finding of severity `error`)
 * - `2` usage error or bad input
 * - `3` could not complete (network, TLS, remote or AWS failure)
 *
 * @example
 * ```ts
 * process.exitCode = ExitCode.ProblemsFound;
 * ```
 */
export const ExitCode = {
  Healthy: 0,
  ProblemsFound: 1,
  BadInput: 2,
  CouldNotComplete: 3,
} as const;

/**
 * One of the values of {@link ExitCode}.
 *
 * @example
 * ```ts
 * const code: ExitCodeValue = ExitCode.BadInput;
 * ```
 */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Which kind of failure an error is: decides its exit code.
 *
 * @example
 * ```ts
 * const kind: ErrorKind = "input";
 * ```
 */
export type ErrorKind = "usage" | "input" | "network" | "tls" | "remote" | "aws";

const exitCodeByKind: Record<ErrorKind, ExitCodeValue> = {
  usage: ExitCode.BadInput,
  input: ExitCode.BadInput,
  network: ExitCode.CouldNotComplete,
  tls: ExitCode.CouldNotComplete,
  remote: ExitCode.CouldNotComplete,
  aws: ExitCode.CouldNotComplete,
};

/**
 * Options of {@link IrsaDoctorError}.
 *
 * @example
 * ```ts
 * new IrsaDoctorError("network", "CONNECT_FAILED", "...", { cause: err });
 * ```
 */
export interface IrsaDoctorErrorOptions {
  /** The lower-level error that caused this one. */
  cause?: unknown;
}

/**
 * The one error type irsa-doctor throws. `code` is a stable string (for
 * scripts), `kind` decides the exit code, and `message` is a single line that
 * names what failed, where, and what to do next.
 *
 * @example
 * ```ts
 * throw new IrsaDoctorError("input", "URL_NOT_HTTPS",
 *   "Issuer URL must use https: http://example.com (pass an https:// URL)");
 * ```
 */
export class IrsaDoctorError extends Error {
  override readonly name = "IrsaDoctorError";
  /** Stable machine-readable code, e.g. `DNS_LOOKUP_FAILED`. */
  readonly code: string;
  /** Failure category. */
  readonly kind: ErrorKind;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    options: IrsaDoctorErrorOptions = {},
  ) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.kind = kind;
    this.code = code;
  }

  /** The process exit code this error maps to. */
  get exitCode(): ExitCodeValue {
    return exitCodeByKind[this.kind];
  }
}

/**
 * Type guard for {@link IrsaDoctorError}.
 *
 * @example
 * ```ts
 * if (isIrsaDoctorError(err)) console.error(err.code);
 * ```
 */
export function isIrsaDoctorError(value: unknown): value is IrsaDoctorError {
  return value instanceof IrsaDoctorError;
}
