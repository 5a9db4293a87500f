// Why a domain service refuses a request, in the contract's error codes and without any transport: the local API
// (api/server.ts) turns the kind of refusal into an HTTP status, and another caller could turn it into something else.
import type { ApiErrorCode } from '../../contracts/api.ts';

/** invalid: the request can never succeed as sent; conflict: it clashes with what is stored; gone: the session it
 * names has ended; unavailable: a feature is switched off or broken right now. */
export type RefusalKind = 'invalid' | 'conflict' | 'gone' | 'unavailable';

export type IssueDetail = { path: string; message: string };

export class DomainError extends Error {
  readonly kind: RefusalKind;
  readonly code: ApiErrorCode;
  readonly issues: IssueDetail[] | undefined;
  constructor(kind: RefusalKind, code: ApiErrorCode, message: string, issues?: IssueDetail[]) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.issues = issues;
  }
}

export function memberSessionGone(): DomainError {
  return new DomainError('gone', 'member_session_gone', 'this member session has ended (signed out, idle too long, or the kiosk restarted); scan again');
}

export function staffSessionGone(): DomainError {
  return new DomainError('gone', 'staff_session_gone', 'this staff session has ended (signed out, idle too long, or the kiosk restarted); sign in again');
}

export function wallSessionGone(): DomainError {
  return new DomainError('gone', 'wall_session_gone', 'this wall session has ended (wall.end, no observation for a while, or the agent restarted); call wall.start');
}

export function cameraDisabled(reason: string): DomainError {
  return new DomainError('unavailable', 'camera_disabled', `the wall's camera features are off: ${reason}`);
}
