import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { SetupStatusSchema } from "../../../contracts/auth";
import { api } from "../../app/api-client";

export type SetupStatus = z.infer<typeof SetupStatusSchema>;
export const SETUP_KEY = ["setup"] as const;

export function useSetupStatus() {
  return useQuery({
    queryKey: SETUP_KEY,
    queryFn: () => api.get<SetupStatus>("/setup", { anonymous: true }),
    // Once set up, an instance never goes back; the setup page flips this itself.
    staleTime: Number.POSITIVE_INFINITY,
    meta: { anonymous: true },
  });
}
