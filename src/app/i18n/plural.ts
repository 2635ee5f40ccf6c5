/**
 * English singular forms for messages with counts ("Read 1 file", not "Read 1 files"). Chinese has no plural: a
 * variant's Chinese text is the text of its base key, so Chinese never changes.
 *
 * Variants are ordinary dictionary keys next to the base key (src/app/i18n/messages.ts):
 *   one count      `<key>.one`                       e.g. 'ds.problems.one'
 *   several counts `<key>.one.<names equal to 1>`    in the order the counts are given, e.g. 'ds.added.one.reports',
 *                                                    'ds.added.one.rows', 'ds.added.one.reports.rows'
 * A key without the variant falls back to the base key, so a message whose wording does not depend on the count
 * needs none.
 */
import type { Lang } from './labels';
import { isMessageKey, t, type MessageKey, type Params } from './messages';

/** The key to use for these counts: the singular variant when one applies and exists, else `key`. */
export function pluralKey(key: MessageKey, counts: Record<string, number>): MessageKey {
  const names = Object.keys(counts);
  const ones = names.filter((n) => counts[n] === 1);
  if (!ones.length) return key;
  const variant = names.length === 1 ? `${key}.one` : `${key}.one.${ones.join('.')}`;
  return isMessageKey(variant) ? variant : key;
}

/**
 * `t` choosing the singular variant for the counts. The counts fill their placeholders unless `params` gives them
 * (formatted: `formatCount(n, lang)`).
 */
export function tn(lang: Lang, key: MessageKey, counts: Record<string, number>, params?: Params): string {
  return t(lang, pluralKey(key, counts), { ...counts, ...params });
}
