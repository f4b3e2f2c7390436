import { useQuery } from "@tanstack/react-query";
import { authEndpoints } from "../../../contracts/auth";
import type { EndpointOutput } from "../../../contracts/endpoint";
import { call } from "../../app/api-client";

export type SetupStatus = EndpointOutput<typeof authEndpoints.setupStatus>;
export const SETUP_KEY = ["setup"] as const;

export function useSetupStatus() {
  return useQuery({
    queryKey: SETUP_KEY,
    queryFn: () => call(authEndpoints.setupStatus, {}, { anonymous: true }),
    // Once set up, an instance never goes back; the setup page flips this itself.
    staleTime: Number.POSITIVE_INFINITY,
    meta: { anonymous: true },
  });
}
