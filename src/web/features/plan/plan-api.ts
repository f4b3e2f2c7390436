import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import {
  type BaselineComparisonSchema,
  type BaselineSchema,
  type CalendarSchema,
  type LoadSchema,
  planEndpoints,
  planExportEndpoints,
  type ScheduleSchema,
  type TaskSchema,
  taskEndpoints,
} from "../../../contracts/plan";
import { call, endpointHref } from "../../app/api-client";
import { useOrgWrite } from "../../app/org-write";
import { registerPath, useRegisterItems } from "../registers/register-api";

export type Task = z.infer<typeof TaskSchema>;
export type Schedule = z.infer<typeof ScheduleSchema>;
export type ScheduledTask = Schedule["tasks"][number];
export type Load = z.infer<typeof LoadSchema>;
export type Calendar = z.infer<typeof CalendarSchema>;
export type Baseline = z.infer<typeof BaselineSchema>;
export type Comparison = z.infer<typeof BaselineComparisonSchema>;

/** The task register's path; every plan query is keyed below it, so a change to a task refreshes the schedule, load and comparison. */
export const TASKS_PATH = registerPath(taskEndpoints);
const key = (orgId: string, what: string) => ["register", orgId, TASKS_PATH, what] as const;

export const useSchedule = (orgId: string) =>
  useQuery({ queryKey: key(orgId, "schedule"), queryFn: () => call(planEndpoints.schedule, { params: { orgId } }), retry: false });
export const useLoad = (orgId: string) =>
  useQuery({ queryKey: key(orgId, "load"), queryFn: () => call(planEndpoints.load, { params: { orgId } }), retry: false });
export const useCalendar = (orgId: string) =>
  useQuery({ queryKey: key(orgId, "calendar"), queryFn: () => call(planEndpoints.calendar, { params: { orgId } }) });
export const useBaselines = (orgId: string) =>
  useQuery({ queryKey: key(orgId, "baselines"), queryFn: () => call(planEndpoints.baselines, { params: { orgId } }) });
export const useComparison = (orgId: string) =>
  useQuery({ queryKey: key(orgId, "comparison"), queryFn: () => call(planEndpoints.comparison, { params: { orgId } }), retry: false });

/** Every plan write changes the tasks or what is derived from them, all keyed below the task register. */
const refresh = (orgId: string) => ({ refresh: [["register", orgId, TASKS_PATH]] });

export function useGenerate(orgId: string) {
  return useOrgWrite(
    orgId,
    (from: ("controls" | "milestones" | "risks")[]) => call(planEndpoints.generate, { params: { orgId }, body: { from } }),
    { ...refresh(orgId), on: "success" },
  );
}

export function useSaveCalendar(orgId: string) {
  return useOrgWrite(
    orgId,
    (input: { weekends: number[]; holidays: string[]; version: number }) =>
      call(planEndpoints.saveCalendar, { params: { orgId }, body: input }),
    refresh(orgId),
  );
}

export function useFreezeBaseline(orgId: string) {
  return useOrgWrite(orgId, (note: string | null) => call(planEndpoints.freezeBaseline, { params: { orgId }, body: { note } }), {
    ...refresh(orgId),
    on: "success",
  });
}

/** Where the plan downloads from: the whole plan as a workbook, or milestones and due dates as a calendar. */
export const planExportHref = (orgId: string, format: "xlsx" | "ics") => endpointHref(planExportEndpoints[format], { params: { orgId } });

/** The task register, shared with the register table's query (the dependency picker lists its tasks). */
export const useRegisterTasks = (orgId: string) => useRegisterItems<Task>(orgId, taskEndpoints);
