import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CostInputSchema, ObligationInputSchema } from "../../../contracts/mandate";
import { schemaErrors } from "../../app/schema-form";
import { initialState, moneyProblems, toInput } from "./fields";
import { bindFields } from "./schema-fields";

const obligation = bindFields(ObligationInputSchema, [
  { name: "title", label: "Obligation" },
  { name: "kind", label: "Kind" },
  { name: "source", label: "Source" },
]);
const byName = (name: string) => obligation.find((f) => f.name === name);

describe("fields bound to the contract's input schema", () => {
  it("marks what the schema refuses blank as required, with its longest text and its choices", () => {
    expect(byName("title")).toMatchObject({ required: true, maxLength: 300, blank: "" });
    expect(byName("kind")).toMatchObject({
      kind: "select",
      required: true,
      options: [
        { value: "legal", label: "Legal" },
        { value: "regulatory", label: "Regulatory" },
        { value: "contractual", label: "Contractual" },
        { value: "internal", label: "Internal" },
      ],
    });
    expect(byName("source")).toMatchObject({ required: false, maxLength: 300, blank: null });
  });

  it("keeps what the page says: its own labels of choices, and fields the schema does not have", () => {
    const [kind, extra] = bindFields(ObligationInputSchema, [
      { name: "kind", label: "Kind", options: [{ value: "legal", label: "Law" }] },
      { name: "objective-C", label: "Confidentiality", kind: "checkbox" },
    ]);
    expect(kind?.options).toEqual([{ value: "legal", label: "Law" }]);
    expect(extra).toEqual({ name: "objective-C", label: "Confidentiality", kind: "checkbox" });
  });

  it("reads number bounds, offers a blank choice only where null is taken, and sends a blank as the schema takes it", () => {
    const schema = z.strictObject({
      count: z.number().int().min(1).max(9).nullable(),
      level: z.enum(["low", "high"]).nullable(),
      status: z.enum(["open", "done"]).default("open"),
      note: z.string().max(20).optional(),
    });
    const fields = bindFields(schema, [
      { name: "count", label: "Count", kind: "number" },
      { name: "level", label: "Level" },
      { name: "status", label: "Status" },
      { name: "note", label: "Note" },
    ]);
    expect(fields[0]).toMatchObject({ min: 1, max: 9, required: false, blank: null });
    expect(fields[1]?.options?.[0]).toEqual({ value: "", label: "—" });
    expect(fields[2]?.options).toEqual([
      { value: "open", label: "Open" },
      { value: "done", label: "Done" },
    ]);
    const blank = initialState(fields, null);
    expect(blank).toEqual({ count: "", level: "", status: "open", note: "" });
    expect(toInput(fields, blank)).toEqual({ count: null, level: null, status: "open", note: "" });
    expect(schemaErrors(schema, toInput(fields, blank))).toEqual({});
  });

  it("names each refused field with the schema's own message, as the server words it", () => {
    const state = initialState(obligation, null);
    expect(schemaErrors(ObligationInputSchema, toInput(obligation, state))).toEqual({ title: "Must not be empty" });
    expect(schemaErrors(ObligationInputSchema, { ...toInput(obligation, state), title: "x".repeat(301) })).toEqual({
      title: "Must be at most 300 characters",
    });
  });

  it("checks money as the organization writes it before the schema judges the amount", () => {
    const cost = bindFields(CostInputSchema, [
      { name: "title", label: "What it is for" },
      { name: "amount", label: "Amount", kind: "money" },
      { name: "currency", label: "Currency", kind: "currency" },
    ]);
    expect(cost.map((f) => f.required)).toEqual([true, true, false]);
    const money = { currency: "EUR", locale: "de-DE" };
    const state = { ...initialState(cost, null, money), title: "Audit", amount: "1.234,50" };
    expect(moneyProblems(cost, state, money)).toEqual({});
    expect(toInput(cost, state, money)).toEqual({ title: "Audit", amount: 1234.5, currency: "EUR" });
    expect(schemaErrors(CostInputSchema, toInput(cost, { ...state, amount: "" }, money))).toEqual({ amount: "Must be a number" });
  });
});
