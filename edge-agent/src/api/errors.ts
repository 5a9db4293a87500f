// An API failure with its HTTP status and contract error code. Handlers throw it for a request that cannot be
// served as asked (e.g. a member session that is gone); the server turns it into an ApiFailure envelope.
import type { ApiErrorCode } from '../../../contracts/api.ts';

export class HttpError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;
  constructor(status: number, code: ApiErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export function memberSessionGone(): HttpError {
  return new HttpError(410, 'member_session_gone', 'this member session has ended (signed out, idle too long, or the kiosk restarted); scan again');
}
