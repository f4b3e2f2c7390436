import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-client";

/** A refused request (4xx) will be refused again; only network trouble and server errors are worth a retry. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Others change the same registers: a page shows what it has at once and refetches on every visit.
      queries: { retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
