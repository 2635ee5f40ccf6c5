/**
 * The line under an import section after adding rows: what was added (with a link to the comparison table) or why
 * it failed. Worded when shown, so it follows a language switch.
 */
import type { Filters } from '../../metrics/filters';
import type { Lang } from '../i18n/labels';
import { t } from '../i18n/messages';
import { hrefTo } from '../url-state';

export interface Note {
  ok: boolean;
  text: (lang: Lang) => string;
}

export function ResultNote({ note, lang, filters }: { note: Note | null; lang: Lang; filters: Filters }) {
  if (!note) return null;
  return (
    <p className={note.ok ? 'import-ok' : 'error-panel compact'} role={note.ok ? 'status' : 'alert'}>
      {note.text(lang)}
      {note.ok ? (
        <>
          {' '}
          <a href={hrefTo({ page: 'table' }, filters)}>{t(lang, 'imp.viewTable')}</a>
        </>
      ) : null}
    </p>
  );
}
