import { Button, Group, Text } from "@mantine/core";
import { useState } from "react";

/**
 * The API pages with opaque cursors, so going back means remembering the cursors that led
 * here. A change of filters (`resetKey`) starts again from the first page.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | undefined)[] }>({ key: resetKey, stack: [undefined] });
  const stack = state.key === resetKey ? state.stack : [undefined];
  if (state.key !== resetKey) setState({ key: resetKey, stack });
  return {
    cursor: stack.at(-1),
    page: stack.length,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    previous: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
    /** After a change that may empty the current page, e.g. removing its last row. */
    restart: () => setState({ key: resetKey, stack: [undefined] }),
  };
}

interface CursorPagerProps {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
  label: string;
}

export function CursorPager({ pages, nextCursor, label }: CursorPagerProps) {
  if (pages.page === 1 && !nextCursor) return null;
  return (
    <Group justify="flex-end" mt="md" component="nav" aria-label={`${label} pages`}>
      <Text size="sm" c="dimmed">
        Page {pages.page}
      </Text>
      <Button variant="default" size="xs" disabled={pages.page === 1} onClick={pages.previous}>
        Previous page
      </Button>
      <Button variant="default" size="xs" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        Next page
      </Button>
    </Group>
  );
}
