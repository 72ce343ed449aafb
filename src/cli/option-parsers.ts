import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";

/**
 * Parses `--timeout SECONDS` (a positive number, fractions allowed) into ms.
 *
 * @example
 * ```ts
 * parseTimeoutSeconds("2.5"); // 2500
 * ```
 */
export function parseTimeoutSeconds(text: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(seconds >= 0.001 && seconds <= 3600)) {
    throw new IrsaDoctorError(
      "usage",
      "BAD_TIMEOUT",
      `Invalid --timeout "${text}" (seconds, from 0.001 to 3600)`,
    );
  }
  return Math.round(seconds * 1000);
}

/**
 * Parses a whole number of days for `--warn-days`.
 *
 * @example
 * ```ts
 * parseWarnDays("30"); // 30
 * ```
 */
export function parseWarnDays(text: string): number {
  if (!/^\d{1,5}$/.test(text)) {
    throw new IrsaDoctorError(
      "usage",
      "BAD_WARN_DAYS",
      `Invalid --warn-days "${text}" (a whole number of days, e.g. 30)`,
    );
  }
  return Number(text);
}

/**
 * Commander collector for repeatable options.
 *
 * @example
 * ```ts
 * program.option("--ca-file <file>", "CA", collect, []);
 * ```
 */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
