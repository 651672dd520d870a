/**
 * Home Assistant before 2024.7 (cards not yet wrapped in hui-card) builds a placeholder hui-error-card for a
 * custom card whose element is not defined yet, and fires "ll-rebuild" from it once the element is
 * defined. Outside edit mode the view listens on the placeholder itself; in edit mode only hui-root
 * rebuilds, so the event has to bubble up the page. A placeholder the view has not attached yet
 * when our tags get defined loses that event, and the dashboard keeps empty (hidden) places or
 * "Custom element doesn't exist" until it is reloaded: 2024.3 with `?edit=1`, 1 page load in 6
 * under load. After defining our tags we look for such placeholders of ours for a few seconds and
 * fire the event again from each one once it is on the page. Newer HA never leaves one, so there
 * this finds nothing.
 */

/** When to look, in ms after the tags were defined: a view lays its cards out within a few frames. */
const LOOK_AFTER_MS = [0, 100, 400, 1_000, 2_500, 5_000];

interface ErrorCardConfig {
  error?: unknown;
  origConfig?: { type?: unknown };
}

/** HA's placeholder for a card whose element did not exist (not an error our own setConfig threw). */
function placeholderTag(el: Element): string | undefined {
  const config = (el as Element & { _config?: ErrorCardConfig })._config;
  const type = config?.origConfig?.type;
  if (typeof type !== 'string' || !type.startsWith('custom:')) return undefined;
  if (typeof config?.error !== 'string' || !/doesn't exist|not found/i.test(config.error)) return undefined;
  return type.slice('custom:'.length);
}

function errorCardsIn(root: Document | ShadowRoot, found: Element[]): Element[] {
  for (const el of root.querySelectorAll('*')) {
    if (el.localName === 'hui-error-card') found.push(el);
    if (el.shadowRoot) errorCardsIn(el.shadowRoot, found);
  }
  return found;
}

/**
 * Look for placeholders of `tags` at `lookAfterMs` (ms after now) and fire "ll-rebuild" once from
 * each one that is on the page. Resolves after the last look.
 */
export async function resendLostRebuilds(tags: readonly string[], lookAfterMs: readonly number[] = LOOK_AFTER_MS): Promise<void> {
  const ours = new Set(tags);
  const asked = new WeakSet<Element>();
  const start = Date.now();
  for (const at of lookAfterMs) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + at - Date.now())));
    for (const card of errorCardsIn(document, [])) {
      const tag = placeholderTag(card);
      if (!card.isConnected || asked.has(card) || !tag || !ours.has(tag) || !customElements.get(tag)) continue;
      asked.add(card);
      card.dispatchEvent(new Event('ll-rebuild', { bubbles: true, composed: true }));
    }
  }
}
