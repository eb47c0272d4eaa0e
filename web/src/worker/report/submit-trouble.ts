import { ApiError } from '../../shared/api-client';
import {
  type IntakeRequest,
  type IntakeResponse,
  isNetworkError,
  submitTrouble,
} from '../worker-api';

/** Waits between automatic retries on a weak network: 1.5 s, 3 s, 6 s. */
const RETRY_DELAYS_MS = [1500, 3000, 6000];

function retryable(error: unknown): boolean {
  return (
    isNetworkError(error) ||
    (error instanceof ApiError &&
      (error.status === 503 || error.status === 502 || error.status === 504))
  );
}

/**
 * Sends the report, retrying a lost connection with the same Idempotency-Key (the server answers
 * a repeat with the first trouble, so a retry never files it twice). Throws the last error when
 * every attempt failed; `onRetry` reports the attempt number for the status line.
 */
export async function submitWithRetry(
  body: IntakeRequest,
  key: string,
  onRetry: (attempt: number) => void,
  delays: readonly number[] = RETRY_DELAYS_MS,
): Promise<IntakeResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await submitTrouble(body, key);
    } catch (error) {
      const delay = delays[attempt];
      if (!retryable(error) || delay === undefined) {
        throw error;
      }
      onRetry(attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
