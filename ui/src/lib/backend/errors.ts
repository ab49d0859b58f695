import type { ApiErrorPayload, Code } from "./types";

/** An error from the backend, with a machine-readable code to branch on
 * (`Code`, generated from the API's one list). */
export class BackendError extends Error {
  readonly code: Code;

  constructor(code: Code, message: string) {
    super(message);
    this.name = "BackendError";
    this.code = code;
  }

  /** Normalise whatever a transport rejected with into a BackendError. */
  static from(reason: unknown): BackendError {
    if (reason instanceof BackendError) return reason;
    if (isApiErrorPayload(reason)) return new BackendError(reason.code, reason.message);
    if (reason instanceof Error) return new BackendError("internal", reason.message);
    if (typeof reason === "string") return new BackendError("internal", reason);
    return new BackendError("internal", "Unknown error");
  }
}

function isApiErrorPayload(value: unknown): value is ApiErrorPayload {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Record<string, unknown>)["code"] === "string" &&
    typeof (value as Record<string, unknown>)["message"] === "string"
  );
}
