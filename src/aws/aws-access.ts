/**
 * How to reach AWS, like the AWS CLI: `--region`, `--profile` and
 * `--endpoint-url`; otherwise AWS_REGION / AWS_DEFAULT_REGION / AWS_PROFILE,
 * the shared config, the SDK's default credential chain and the standard
 * AWS_ENDPOINT_URL(_IAM|_EKS|_STS) variables, which the SDK reads itself.
 *
 * @example
 * ```ts
 * const access: AwsAccess = { region: "us-east-1", endpointUrl: "http://127.0.0.1:5000" };
 * ```
 */
export interface AwsAccess {
  region?: string | undefined;
  profile?: string | undefined;
  endpointUrl?: string | undefined;
  /** Per-request timeout in ms (connect and response). */
  timeoutMs?: number | undefined;
}

/** A logger that drops everything: SDK chatter must not reach stderr. */
const silentLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/**
 * Client configuration shared by the IAM, EKS and STS clients.
 *
 * @example
 * ```ts
 * const config: ClientConfig = clientConfig({ region: "us-east-1" });
 * ```
 */
export interface ClientConfig {
  region?: string;
  profile?: string;
  endpoint?: string;
  maxAttempts: number;
  logger: typeof silentLogger;
  requestHandler?: {
    requestTimeout: number;
    connectionTimeout: number;
    throwOnRequestTimeout: true;
    logger: typeof silentLogger;
  };
}

/**
 * Builds the SDK client configuration for `access`. The region falls back
 * to AWS_DEFAULT_REGION (which the AWS CLI reads and the SDK does not). A
 * timeout makes a request that takes longer fail (the SDK only warns by
 * default), and the SDK's own logging is silenced.
 *
 * @example
 * ```ts
 * new IAMClient(clientConfig({ profile: "prod" }));
 * ```
 */
export function clientConfig(
  access: AwsAccess,
  env: NodeJS.ProcessEnv = process.env,
): ClientConfig {
  const config: ClientConfig = { maxAttempts: 2, logger: silentLogger };
  const region = access.region ?? (env.AWS_REGION ? undefined : env.AWS_DEFAULT_REGION);
  if (region) config.region = region;
  if (access.profile) config.profile = access.profile;
  if (access.endpointUrl) config.endpoint = access.endpointUrl;
  if (access.timeoutMs) {
    config.requestHandler = {
      requestTimeout: access.timeoutMs,
      connectionTimeout: access.timeoutMs,
      throwOnRequestTimeout: true,
      logger: silentLogger,
    };
  }
  return config;
}
