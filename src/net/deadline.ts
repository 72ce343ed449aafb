import { IrsaDoctorError } from "../errors/irsa-doctor-error.ts";

/**
 * Runs `start` and settles with it, unless `ms` pass first (then `onTimeout`
 * builds the error and `cleanup` runs) or `signal` aborts.
 *
 * @example
 * ```ts
 * await withDeadline((resolve, reject) => socket.once("connect", resolve), {
 *   ms: 10_000, onTimeout: () => new Error("slow"), cleanup: () => socket.destroy() });
 * ```
 */
export function withDeadline<T>(
  start: (resolve: (value: T) => void, reject: (error: unknown) => void) => void,
  options: {
    ms: number;
    onTimeout: () => Error;
    cleanup: () => void;
    signal?: AbortSignal | undefined;
  },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      fn();
    };
    const onAbort = (): void =>
      finish(() => {
        options.cleanup();
        reject(
          new IrsaDoctorError("network", "ABORTED", "Operation aborted", {
            cause: options.signal?.reason,
          }),
        );
      });
    const timer = setTimeout(
      () =>
        finish(() => {
          options.cleanup();
          reject(options.onTimeout());
        }),
      options.ms,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      start(
        (value) => finish(() => resolve(value)),
        (error) =>
          finish(() => {
            options.cleanup();
            reject(error);
          }),
      );
    } catch (error) {
      finish(() => {
        options.cleanup();
        reject(error);
      });
    }
  });
}
