/** Error text shared by the client and the worker side; imports nothing, so the main thread can use it. */

/** The message of a thrown value: `error.message` for an Error, else the value as a string. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
