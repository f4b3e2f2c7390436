/**
 * The inputs of a management review, by the topics of ISO/IEC 27001:2022 clause 9.3.2: ids and
 * our own short titles, never the standard's text. Topic d has four parts, each its own topic
 * here so that every list in the snapshot has a stable id.
 */
export const REVIEW_TOPICS = [
  { id: "a", title: "Previous actions" },
  { id: "b", title: "Changes in issues" },
  { id: "c", title: "Interested parties' needs" },
  { id: "d.1", title: "Nonconformities and corrective actions" },
  { id: "d.2", title: "Measurement results" },
  { id: "d.3", title: "Audit results" },
  { id: "d.4", title: "Objectives" },
  { id: "e", title: "Interested parties' feedback" },
  { id: "f", title: "Risk assessment and treatment" },
  { id: "g", title: "Opportunities for improvement" },
] as const;

export type TopicId = (typeof REVIEW_TOPICS)[number]["id"];

/** One line of a topic: a record of a register with a stable id. */
export interface TopicItem {
  id: string;
  ref: string;
  title: string;
  detail: string | null;
}

export interface TopicInput {
  /** False when the register that feeds it does not exist (yet): the snapshot says so instead of showing nothing. */
  available: boolean;
  /** Figures in a sentence. */
  summary: string;
  items: TopicItem[];
  /** How many records there are in all; `items` lists at most ITEMS_LISTED. */
  total: number;
}

export interface ReviewTopic extends TopicInput {
  id: TopicId;
  title: string;
}

export interface ReviewInputs {
  /** The period the inputs cover: since the previous review (or the cycle start) until the review. */
  from: string | null;
  to: string;
  topics: ReviewTopic[];
}

export const ITEMS_LISTED = 50;

export const NOT_AVAILABLE: TopicInput = {
  available: false,
  summary: "not available: this register does not exist yet",
  items: [],
  total: 0,
};

/** Puts the topics in order, every topic present (an absent one says "not available"). */
export function assembleInputs(from: string | null, to: string, byTopic: Partial<Record<TopicId, TopicInput>>): ReviewInputs {
  return {
    from,
    to,
    topics: REVIEW_TOPICS.map((t) => {
      const input = byTopic[t.id] ?? NOT_AVAILABLE;
      return { id: t.id, title: t.title, ...input, items: input.items.slice(0, ITEMS_LISTED) };
    }),
  };
}

/** The next review after one held on `held`, `months` later (the same day, or the month's last). */
export function nextReviewDate(held: string, months: number): string {
  const [y, m, d] = held.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}
