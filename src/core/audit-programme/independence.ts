/**
 * Independence of auditors (and, generally, of anyone who checks work): nobody audits a control,
 * process or area they own. Owners are recorded in different ways across the registers (a user
 * id for risks, a free-text name for controls in the SoA), so a person is known by every
 * identifier they go by and an owner matches when it equals any of them, ignoring case and
 * surrounding spaces. Shared by the segregation-of-duties rules: the same check answers "does
 * the owner of a corrective action review its effectiveness alone".
 */

/** A person as the registers may name them: user id, display name, e-mail address. */
export interface Person {
  id: string;
  /** Other identifiers the registers may use for them (display name, e-mail). */
  aliases: readonly string[];
}

/** Something that is checked and who owns it. */
export interface OwnedItem {
  kind: string;
  /** The item's identifier (a control reference, a clause number, a process name). */
  ref: string;
  title: string;
  /** Whoever owns it, as recorded: user ids or names. */
  owners: readonly string[];
}

export interface IndependenceConflict {
  personId: string;
  kind: string;
  ref: string;
  title: string;
}

const fold = (text: string) => text.trim().toLowerCase();

/** Whether an owner, as recorded, is this person. */
export function isOwner(person: Person, owner: string): boolean {
  const wanted = fold(owner);
  if (wanted === "") return false;
  return fold(person.id) === wanted || person.aliases.some((alias) => fold(alias) !== "" && fold(alias) === wanted);
}

/** Every item a person owns among those they would check, in the order given. */
export function conflictsOf(person: Person, items: readonly OwnedItem[]): IndependenceConflict[] {
  return items
    .filter((item) => item.owners.some((owner) => isOwner(person, owner)))
    .map((item) => ({ personId: person.id, kind: item.kind, ref: item.ref, title: item.title }));
}

/** Every (person, item) pair where a checker owns what they check; empty when all are independent. */
export function independenceConflicts(people: readonly Person[], items: readonly OwnedItem[]): IndependenceConflict[] {
  const unique = [...new Map(people.map((p) => [p.id, p])).values()];
  return unique.flatMap((person) => conflictsOf(person, items));
}

/** In words, naming the person and the item. */
export function describeConflict(conflict: IndependenceConflict, personName: string): string {
  return `${personName} owns ${conflict.kind} ${conflict.ref} (${conflict.title}) and cannot audit it`;
}
