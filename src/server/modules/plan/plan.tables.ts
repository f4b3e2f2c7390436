interface OrgRecord {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PlanTasksTable extends OrgRecord {
  number: number;
  ref: string;
  title: string;
  description: string | null;
  source: string;
  source_id: string | null;
  owner_user_id: string | null;
  effort_days: number | null;
  cost: number | null;
  start_date: string | null;
  due_date: string | null;
  milestone: number;
  status: string;
  /** JSON: string[] */
  deliverables: string;
}

export interface PlanDependenciesTable extends OrgRecord {
  predecessor_id: string;
  successor_id: string;
  lag_days: number;
}

export interface PlanSettingsTable extends OrgRecord {
  /** JSON: number[] */
  weekends: string;
  /** JSON: string[] */
  holidays: string;
}

export interface PlanBaselinesTable {
  id: string;
  org_id: string;
  number: number;
  note: string | null;
  /** JSON: BaselineItem[] */
  snapshot: string;
  created_by_label: string;
  created_at: string;
}

declare module "../../db/schema.js" {
  interface Database {
    plan_tasks: PlanTasksTable;
    plan_dependencies: PlanDependenciesTable;
    plan_settings: PlanSettingsTable;
    plan_baselines: PlanBaselinesTable;
  }
  interface AuditedTables {
    plan_tasks: true;
    plan_dependencies: true;
    plan_settings: true;
    plan_baselines: true;
  }
}
