const PAGE_SIZE = 200;

/**
 * Every page of a cursor-paged list, followed to the end: for views that need the whole register
 * at once (a tree, a form's choices, a document assembled from it), which stay small.
 */
export async function allPages<T>(
  pageAt: (query: { limit: number; cursor?: string }) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageAt({ limit: PAGE_SIZE, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
