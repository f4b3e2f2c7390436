import { Box, Text } from "@mantine/core";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import classes from "./side-scroll.module.css";

interface SideScrollProps {
  /** Names the scrolling region for screen readers and keyboard users. */
  label: string;
  /** The content's narrowest readable width, in pixels: below it the box scrolls sideways. */
  minWidth: number;
  /** The width of a column that stays in place (position: sticky) at the start: the start fade begins after it. */
  stickyStart?: number;
  children: ReactNode;
}

/**
 * A box that scrolls sideways when its content is wider than the screen, and says so: a
 * "scroll sideways" hint above it and a fade on the edge that hides more. It takes keyboard
 * focus (arrow keys scroll it) and is a labelled region; when everything fits, no cue shows.
 */
export function SideScroll({ label, minWidth, stickyStart = 0, children }: SideScrollProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ overflows: false, atStart: true, atEnd: true });
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const overflows = el.scrollWidth > el.clientWidth + 1;
    setEdges({ overflows, atStart: el.scrollLeft <= 1, atEnd: el.scrollLeft + el.clientWidth >= el.scrollWidth - 1 });
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);
  return (
    <div>
      {edges.overflows && (
        <Text size="xs" c="dimmed" mb={4}>
          Scroll sideways to see it all →
        </Text>
      )}
      <div className={classes.frame}>
        <Box
          ref={ref}
          className={classes.viewport}
          // Only a box that does scroll is a focusable, labelled region: arrow keys then scroll it.
          {...(edges.overflows ? { role: "region", "aria-label": `${label} (scrolls sideways)`, tabIndex: 0 } : {})}
          onScroll={measure}
        >
          <div style={{ minWidth }}>{children}</div>
        </Box>
        {edges.overflows && !edges.atStart && (
          <div className={`${classes.fade} ${classes.fadeStart}`} style={{ left: stickyStart }} aria-hidden />
        )}
        {edges.overflows && !edges.atEnd && <div className={`${classes.fade} ${classes.fadeEnd}`} aria-hidden />}
      </div>
    </div>
  );
}
