// An API failure with its HTTP status and contract error code: the transport's own refusals (origin, secret, body),
// and domain refusals (errors.ts) given the status that fits their kind. The server turns it into an ApiFailure.
import type { ApiErrorCode } from '../../../contracts/api.ts';
import type { DomainError, IssueDetail, RefusalKind } from '../errors.ts';

export class HttpError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly issues: IssueDetail[] | undefined;
  constructor(status: number, code: ApiErrorCode, message: string, issues?: IssueDetail[]) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

const statusOf: Record<RefusalKind, number> = { invalid: 400, conflict: 409, gone: 410, unavailable: 503 };

export function fromDomain(err: DomainError): HttpError {
  return new HttpError(statusOf[err.kind], err.code, err.message, err.issues);
}
