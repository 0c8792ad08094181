/**
 * An error whose message is meant for the user as it stands: it starts with what failed and
 * says what to do ("Opening library failed: /path is not readable. Choose another folder.").
 * `code` names the failure for callers and tests ("not-found", "library-unreadable"); the
 * dispatcher returns both as the call's ApiError.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
