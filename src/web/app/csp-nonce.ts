declare global {
  /** Read by get-nonce, from which react-style-singleton takes the nonce of the style tags it injects. */
  var __webpack_nonce__: string | undefined;
}

/**
 * The nonce the server put in this page's meta tag: the strict CSP admits only style tags that
 * carry it. Mantine gets it through MantineProvider; react-remove-scroll, which Mantine's modals
 * use to lock page scrolling, injects its own style tag and can only be told through a global.
 */
export function adoptStyleNonce(): string {
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? "";
  globalThis.__webpack_nonce__ = nonce;
  return nonce;
}
