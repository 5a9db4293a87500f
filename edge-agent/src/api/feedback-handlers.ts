// The feedback.* API methods (contracts/feedback.ts), answered by the feedback service.
import type { ApiHandlers, FeedbackMethod } from '../../../contracts/api.ts';
import type { FeedbackService } from '../feedback/service.ts';

export function feedbackHandlers(feedback: FeedbackService): Pick<ApiHandlers, FeedbackMethod> {
  return {
    'feedback.submit': (params) => feedback.submit(params),
    'feedback.mine': (params) => feedback.mine(params),
  };
}
