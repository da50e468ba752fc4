/** The error a cancelled call rejects with (name "AbortError", as the API contract says). */
export function abortError(message = 'The operation was cancelled'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}
