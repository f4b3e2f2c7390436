import { Badge, Group, Loader, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useDebouncedValue, useHotkeys, useOs } from "@mantine/hooks";
import { type KeyboardEvent, useId, useState } from "react";
import { useNavigate } from "react-router";
import { errorMessage } from "../../app/api-client";
import { type NavViewer, pageHref, visibleNavigation } from "../../app/navigation";
import { linkTarget } from "../roadmap/register-links";
import classes from "./global-search.module.css";
import { KIND_LABELS, MIN_QUERY, useSearch } from "./search-api";

interface Option {
  key: string;
  href: string;
  kind: string;
  ref: string | null;
  title: string;
}

/** The shortcut as this computer writes it. */
export function useSearchShortcut(): string {
  const os = useOs();
  return os === "macos" || os === "ios" ? "⌘ K" : "Ctrl K";
}

/**
 * The command palette: Ctrl/⌘-K (or the header's button) opens it from any page; it finds the
 * app's pages by name and the organization's records by reference or title, and Enter opens
 * the one highlighted. A combobox over a listbox, so a screen reader follows the highlight.
 */
export function GlobalSearch({
  opened,
  onOpen,
  onClose,
  viewer,
  orgId,
}: {
  opened: boolean;
  onOpen: () => void;
  onClose: () => void;
  viewer: NavViewer;
  orgId: string | null;
}) {
  useHotkeys([["mod+K", () => (opened ? onClose() : onOpen())]], []);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Search"
      size="lg"
      yOffset="10vh"
      returnFocus
      closeButtonProps={{ "aria-label": "Close search" }}
    >
      {opened && <SearchBody viewer={viewer} orgId={orgId} onDone={onClose} />}
    </Modal>
  );
}

function SearchBody({ viewer, orgId, onDone }: { viewer: NavViewer; orgId: string | null; onDone: () => void }) {
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(text, 200);
  const search = useSearch(orgId, debounced);
  const listId = useId();
  const needle = text.trim().toLowerCase();

  const pages: Option[] =
    needle.length === 0
      ? []
      : visibleNavigation(viewer, orgId !== null).flatMap(({ section, pages }) =>
          pages
            .filter((p) => p.label.toLowerCase().includes(needle) || section.title.toLowerCase().includes(needle))
            .map((p) => ({
              key: `page:${section.id}:${p.path}`,
              href: pageHref(section, p, orgId),
              kind: "Page",
              ref: null,
              title: p.label,
            })),
        );
  const records: Option[] =
    orgId && needle.length >= MIN_QUERY
      ? (search.data?.items ?? []).flatMap((hit) => {
          const target = linkTarget(orgId, hit.link);
          return target
            ? [{ key: `${hit.kind}:${hit.id}`, href: target.href, kind: KIND_LABELS[hit.kind], ref: hit.ref, title: hit.title }]
            : [];
        })
      : [];
  const options = [...pages, ...records];
  const current = Math.min(active, Math.max(options.length - 1, 0));
  const optionId = (index: number) => `${listId}-option-${index}`;

  const open = (option: Option | undefined) => {
    if (!option) return;
    onDone();
    navigate(option.href);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (options.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = (current + step + options.length) % options.length;
      setActive(next);
      document.getElementById(optionId(next))?.scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter") {
      event.preventDefault();
      open(options[current]);
    }
  };

  const searching = needle.length >= MIN_QUERY && (search.isFetching || debounced.trim().toLowerCase() !== needle);
  return (
    <Stack gap="sm">
      <TextInput
        data-autofocus
        label="Find a page or a record"
        description={`Pages by name; risks, assets, requirements, controls, scope elements, documents and more by reference or title (${MIN_QUERY} characters or more).`}
        placeholder="e.g. R-0003, A.5.1, customer data, risk register"
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={options.length > 0 ? optionId(current) : undefined}
        rightSection={searching ? <Loader size="xs" aria-label="Searching" /> : null}
      />
      <ScrollArea.Autosize mah="55vh" type="auto">
        <div id={listId} role="listbox" aria-label="Results" className={classes.list}>
          {options.map((option, index) => (
            <UnstyledButton
              key={option.key}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              tabIndex={-1}
              className={classes.option}
              data-active={index === current || undefined}
              onMouseMove={() => setActive(index)}
              onClick={() => open(option)}
            >
              <Group gap="sm" wrap="nowrap">
                <Badge variant="light" color={option.kind === "Page" ? "gray" : "blue"} size="sm" w={116}>
                  {option.kind}
                </Badge>
                {option.ref && (
                  <Text size="sm" ff="monospace" fw={600}>
                    {option.ref}
                  </Text>
                )}
                <Text size="sm" lineClamp={1}>
                  {option.title}
                </Text>
              </Group>
            </UnstyledButton>
          ))}
        </div>
      </ScrollArea.Autosize>
      <SearchStatus
        needle={needle}
        count={options.length}
        searching={searching}
        truncated={search.data?.truncated ?? false}
        error={search.error}
        hasOrg={orgId !== null}
      />
    </Stack>
  );
}

function SearchStatus(props: { needle: string; count: number; searching: boolean; truncated: boolean; error: unknown; hasOrg: boolean }) {
  const { needle, count, searching, truncated, error, hasOrg } = props;
  let message: string;
  if (error) message = `The search failed: ${errorMessage(error)}`;
  else if (needle.length === 0) message = "Type to search. ↑ and ↓ choose, Enter opens, Esc closes.";
  else if (needle.length < MIN_QUERY && hasOrg) message = `Type at least ${MIN_QUERY} characters to search the registers.`;
  else if (searching) message = "Searching…";
  else if (count === 0) message = `Nothing matches “${needle}”.`;
  else
    message = `${count} ${count === 1 ? "result" : "results"}${truncated ? " (the first few of each kind: type more to narrow it down)" : ""}.`;
  return (
    <Text size="xs" c={error ? "red" : "dimmed"} role="status" aria-live="polite">
      {message}
    </Text>
  );
}
