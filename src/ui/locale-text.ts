/**
 * What a view's pure helpers need to write for the user: their formats and their language, passed
 * as one argument (English as Home Assistant formats it by default, for tests and early renders).
 */
import { ENGLISH_FORMATTER, type Formatter } from './format';
import { ENGLISH, type Localize } from './localize';

export interface LocaleText {
  fmt: Formatter;
  t: Localize;
}

export const ENGLISH_TEXT: LocaleText = { fmt: ENGLISH_FORMATTER, t: ENGLISH };
