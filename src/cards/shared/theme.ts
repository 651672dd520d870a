/**
 * Theme colours read from Home Assistant's CSS variables, with the default theme's values as
 * fallbacks (a card previewed outside HA, or a theme that leaves a variable unset, still draws).
 */
export interface ThemeColors {
  primary: string;
  accent: string;
  text: string;
  secondaryText: string;
  divider: string;
  error: string;
  warning: string;
}

export const THEME_FALLBACKS: ThemeColors = {
  primary: '#03a9f4',
  accent: '#ff9800',
  text: '#212121',
  secondaryText: '#727272',
  divider: 'rgba(0, 0, 0, 0.12)',
  error: '#db4437',
  warning: '#ffa600',
};

const VARIABLES: Record<keyof ThemeColors, string> = {
  primary: '--primary-color',
  accent: '--accent-color',
  text: '--primary-text-color',
  secondaryText: '--secondary-text-color',
  divider: '--divider-color',
  error: '--error-color',
  warning: '--warning-color',
};

export function readTheme(element: Element): ThemeColors {
  const style = getComputedStyle(element);
  const colors = { ...THEME_FALLBACKS };
  for (const key of Object.keys(VARIABLES) as (keyof ThemeColors)[]) {
    const value = style.getPropertyValue(VARIABLES[key]).trim();
    if (value) colors[key] = value;
  }
  return colors;
}

/** Series colours after the theme's primary and accent: distinguishable on light and dark themes. */
export const SERIES_PALETTE = ['#8e44ad', '#27ae60', '#e91e63', '#00897b', '#795548', '#607d8b'];

export function seriesColor(theme: ThemeColors, index: number): string {
  if (index === 0) return theme.primary;
  if (index === 1) return theme.accent;
  return SERIES_PALETTE[(index - 2) % SERIES_PALETTE.length];
}

/**
 * The same colour with an alpha, for faint comparison lines and bands. Works for #rgb, #rrggbb
 * and rgb()/rgba(); anything else (named colours, var()) is returned unchanged.
 */
export function withAlpha(color: string, alpha: number): string {
  const c = color.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(c);
  if (m) {
    const [r, g, b] = m[1].split('').map((x) => parseInt(x + x, 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(c);
  if (m) {
    const n = parseInt(m[1], 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
  if (m) return `rgba(${m[1]}, ${m[2]}, ${m[3]}, ${alpha})`;
  return c;
}

/**
 * A configured colour as a canvas can draw it: `var(--x, fallback)` is read from the element's
 * computed style (chart.js draws on a canvas, which knows no CSS variables); other colours as given.
 */
export function resolveColour(element: Element, color: string, fallback: string): string {
  const m = /^var\(\s*(--[A-Za-z0-9_-]+)\s*(?:,\s*(.+))?\)$/.exec(color.trim());
  if (!m) return color;
  const value = getComputedStyle(element).getPropertyValue(m[1]).trim();
  return value || (m[2] ? resolveColour(element, m[2].trim(), fallback) : fallback);
}
