/** Who an interested party (4.2) is, and what an obligation (5.2) rests on: the lists the API and the import formats share. */
export const PARTY_KINDS = ["customer", "regulator", "employee", "supplier", "shareholder", "partner", "community", "other"] as const;
export const OBLIGATION_KINDS = ["legal", "regulatory", "contractual", "internal"] as const;
