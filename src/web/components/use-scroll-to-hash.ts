import { useEffect } from "react";
import { useLocation } from "react-router";

const GIVE_UP_AFTER_MS = 5000;

/**
 * Brings the element a link's hash names into view and focus, as links from the roadmap point
 * at the field where missing data is entered. Pages load their data after they mount, so the
 * element may appear a moment later: the page is watched until it does.
 */
export function useScrollToHash(): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash) return;
    const id = decodeURIComponent(hash.slice(1));
    const reveal = () => {
      const element = document.getElementById(id);
      if (!element) return false;
      element.scrollIntoView({ block: "center" });
      element.focus({ preventScroll: true });
      return true;
    };
    if (reveal()) return;
    const observer = new MutationObserver(() => {
      if (reveal()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), GIVE_UP_AFTER_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [hash]);
}
