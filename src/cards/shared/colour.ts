/**
 * Colours a card config may carry. A colour from YAML ends up in a `style` attribute (legend
 * swatches) and in chart.js, so a copied dashboard must not be able to smuggle other CSS in
 * (`red; position: fixed`, `url(...)`, `}`): only these forms pass.
 *
 * - `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`
 * - `rgb()`, `rgba()`, `hsl()`, `hsla()` with 3 or 4 numbers or percentages (a hue may say `deg`),
 *   separated by commas, spaces or `/`
 * - a named colour (letters only: `red`, `rebeccapurple`)
 * - `var(--theme-variable)`, optionally with a fallback that is itself one of these
 */
import { leaf } from '../../core/config/structs';

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:%|deg)?`;
const FUNCTION = new RegExp(String.raw`^(?:rgba?|hsla?)\(\s*${NUMBER}(?:(?:\s*[,/]\s*|\s+)${NUMBER}){2,3}\s*\)$`, 'i');
const NAMED = /^[a-z]{3,30}$/i;
const VAR = /^var\(\s*--[a-z0-9_-]+\s*(?:,\s*(.+?)\s*)?\)$/i;
const MAX_LENGTH = 120;

/** Whether `value` is a colour of the forms above (and nothing else). */
export function isColour(value: unknown, depth = 0): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH || depth > 3) return false;
  if (HEX.test(value) || FUNCTION.test(value) || NAMED.test(value)) return true;
  const v = VAR.exec(value);
  return !!v && (v[1] === undefined || isColour(v[1], depth + 1));
}

export const COLOUR_EXAMPLES = '"#ff9800", "rgb(255,152,0)", "red" or "var(--primary-color)"';

/** Config struct: `color: "#ff9800"`; anything else fails with "expected a colour like ..., got ...". */
export const colour = leaf<string>('colour', `a colour like ${COLOUR_EXAMPLES}`, (v) => isColour(v));
