/**
 * Browser-storage messages (./local-store.ts, ./batches.ts, ./boot.ts) in the interface language.
 *
 *   storeMessage(key, params?, lang?)  the message in `lang` (default: the language of the current address, so an
 *                                      error raised on the English import page reads in English)
 *   storeText(text, lang)              a stored message (a batch's status kept since boot, an error caught earlier)
 *                                      re-worded in `lang`: every known storage message in either language is
 *                                      replaced; anything else (the browser's own wording) is kept as is
 *
 * The texts live in the typed dictionaries (src/app/i18n/messages.ts, keys `ls.*`).
 */
import type { Lang } from '../i18n/labels';
import { MESSAGES, t, type MessageKey, type Params } from '../i18n/messages';
import { currentLang } from '../url-state';

export type StoreMessageKey = Extract<MessageKey, `ls.${string}`>;

/** Messages without parameters, which storeText can recognise inside a longer text. */
const PLAIN: StoreMessageKey[] = ['ls.noIdb', 'ls.openFailed', 'ls.blocked', 'ls.requestFailed', 'ls.txAborted', 'ls.txFailed', 'ls.missingRows', 'ls.notLoaded'];

export function storeMessage(key: StoreMessageKey, params?: Params, lang: Lang = currentLang()): string {
  return t(lang, key, params);
}

/** An Error whose message is a storage message in the current interface language; `key` names it. */
export class StoreError extends Error {
  constructor(readonly key: StoreMessageKey) {
    super(storeMessage(key));
    this.name = 'StoreError';
  }
}

export function storeText(text: string, lang: Lang): string {
  let out = text;
  for (const key of PLAIN) {
    const want = MESSAGES[lang][key];
    for (const other of ['zh', 'en'] as const) {
      const have = MESSAGES[other][key];
      if (other !== lang && have !== want && out.includes(have)) out = out.split(have).join(want);
    }
  }
  return out;
}
