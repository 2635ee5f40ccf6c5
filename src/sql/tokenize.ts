/**
 * A small SQL tokenizer that follows DuckDB's lexer (the PostgreSQL scanner DuckDB is built on) closely enough
 * that token boundaries agree wherever it matters for ./readonly.ts: strings, quoted identifiers, dollar quotes,
 * comments and statement separators. Pure code (no DOM, no Node APIs).
 *
 *   tokenize(sql): { ok: true; tokens: Token[] } | { ok: false; error: TokenizeError }
 *
 * Comments and whitespace are dropped. Where DuckDB's reading could differ from this one, the tokenizer refuses
 * instead of guessing:
 * - '…' strings with '' escapes; E'…' strings also take backslash escapes (\' does not end them);
 * - "…" identifiers with "" escapes; an empty "" is refused;
 * - $$…$$ and $tag$…$tag$ dollar quotes; the tag must be plain ASCII ([A-Za-z][A-Za-z0-9_]*), because DuckDB
 *   rewrites Unicode spaces before lexing and a non-ASCII tag could then close somewhere else;
 * - -- line comments and nested /* … *\/ comments (DuckDB nests them too);
 * - Unicode space characters (U+00A0, U+2000–U+200B, U+3000, U+FEFF, …) count as whitespace, as in DuckDB,
 *   which replaces them by spaces before parsing;
 * - NUL and other control characters are refused (the engine would see the query cut short at a NUL);
 * - a number glued to a name ("1e5x", "0xA") is refused (DuckDB would split it where it likes);
 * - unterminated strings, identifiers, dollar quotes and comments are refused, as is any character DuckDB's
 *   lexer does not know ("\", a lone "$").
 */

export type TokenKind =
  /** Unquoted identifier or keyword. `value` is the text; `upper` its upper case. */
  | 'word'
  /** "quoted identifier"; `value` is the name without quotes. */
  | 'qident'
  /** String constant ('…', E'…', $$…$$); `value` is the content. */
  | 'string'
  | 'number'
  /** Prepared-statement parameter: $1, $name, ?. */
  | 'param'
  /** One operator character (+ - * / < > = ~ ! @ # % ^ & | ` ?). */
  | 'op'
  /** ( ) [ ] { } , ; . : */
  | 'punct';

export interface Token {
  kind: TokenKind;
  /** The token as written in the source. */
  text: string;
  /** Identifier name, string content, or the text for other kinds. */
  value: string;
  /** Upper-cased value for words (keywords compare on this); '' for other kinds. */
  upper: string;
  /** UTF-16 offsets into the source [start, end). */
  start: number;
  end: number;
}

export interface TokenizeError {
  reason: string;
  reasonZh: string;
  /** Offset of the problem in the source. */
  at: number;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; error: TokenizeError };

const OP_CHARS = new Set('+-*/<>=~!@#%^&|`?'.split(''));
const PUNCT = new Set('()[]{},;.:'.split(''));

/** Characters DuckDB turns into spaces before parsing, plus other invisible separators (treated as spaces too). */
function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x85 ||
    c === 0x1680 ||
    c === 0x180e ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isSpace(c: number): boolean {
  // ASCII space, \t \n \v \f \r.
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || isUnicodeSpace(c);
}

function isIdentStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || (c >= 0x80 && !isUnicodeSpace(c));
}

function isIdentCont(c: number): boolean {
  return isIdentStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x24; /* $ */
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function err(reason: string, reasonZh: string, at: number): TokenizeResult {
  return { ok: false, error: { reason, reasonZh, at } };
}

const DOLLAR_TAG = /^[A-Za-z][A-Za-z0-9_]*$/;

export function tokenize(sql: string): TokenizeResult {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string) => {
    const text = sql.slice(start, end);
    const v = value ?? text;
    tokens.push({ kind, text, value: v, upper: kind === 'word' ? v.toUpperCase() : '', start, end });
  };

  while (i < n) {
    const c = sql.charCodeAt(i);
    const next = i + 1 < n ? sql.charCodeAt(i + 1) : -1;

    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c < 0x20 || c === 0x7f) {
      return err(
        `control character U+${c.toString(16).padStart(4, '0').toUpperCase()} at position ${i + 1}`,
        `第 ${i + 1} 个字符是控制字符 U+${c.toString(16).padStart(4, '0').toUpperCase()}`,
        i,
      );
    }
    // -- line comment
    if (c === 0x2d && next === 0x2d) {
      while (i < n && sql[i] !== '\n' && sql[i] !== '\r') i++;
      continue;
    }
    // /* block comment */ (nested)
    if (c === 0x2f && next === 0x2a) {
      const start = i;
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      if (depth > 0) return err(`unterminated /* comment starting at position ${start + 1}`, `第 ${start + 1} 个字符处的 /* 注释没有结束`, start);
      continue;
    }
    // 'string'
    if (c === 0x27) {
      const r = readQuoted(sql, i, "'", false);
      if (r === null) return err(`unterminated string starting at position ${i + 1}`, `第 ${i + 1} 个字符处的字符串没有结束`, i);
      push('string', i, r.end, r.value);
      i = r.end;
      continue;
    }
    // "identifier"
    if (c === 0x22) {
      const r = readQuoted(sql, i, '"', false);
      if (r === null) return err(`unterminated quoted name starting at position ${i + 1}`, `第 ${i + 1} 个字符处的带引号名称没有结束`, i);
      if (r.value === '') return err(`empty quoted name "" at position ${i + 1}`, `第 ${i + 1} 个字符处是空的带引号名称 ""`, i);
      push('qident', i, r.end, r.value);
      i = r.end;
      continue;
    }
    // $1 parameter, $name parameter, $$ / $tag$ dollar quote
    if (c === 0x24) {
      if (isDigit(next)) {
        let j = i + 1;
        while (j < n && isDigit(sql.charCodeAt(j))) j++;
        if (j < n && isIdentCont(sql.charCodeAt(j))) {
          return err(`parameter glued to a name at position ${i + 1}`, `第 ${i + 1} 个字符处的参数与名称连在一起`, i);
        }
        push('param', i, j);
        i = j;
        continue;
      }
      let j = i + 1;
      while (j < n && isIdentCont(sql.charCodeAt(j)) && sql[j] !== '$') j++;
      if (sql[j] === '$') {
        const tag = sql.slice(i + 1, j);
        if (tag !== '' && !DOLLAR_TAG.test(tag)) {
          return err(
            `dollar-quote tag $${tag}$ at position ${i + 1} is not allowed (use $$ or a plain ASCII tag)`,
            `第 ${i + 1} 个字符处的美元引号标记 $${tag}$ 不被接受（请用 $$ 或纯 ASCII 标记）`,
            i,
          );
        }
        const delim = `$${tag}$`;
        const close = sql.indexOf(delim, j + 1);
        if (close < 0) return err(`unterminated ${delim} string starting at position ${i + 1}`, `第 ${i + 1} 个字符处的 ${delim} 字符串没有结束`, i);
        push('string', i, close + delim.length, sql.slice(j + 1, close));
        i = close + delim.length;
        continue;
      }
      if (j > i + 1) {
        push('param', i, j);
        i = j;
        continue;
      }
      return err(`unexpected "$" at position ${i + 1}`, `第 ${i + 1} 个字符处有多余的 "$"`, i);
    }
    // numbers: 12, 1_000, 3.14, .5, 1e-3
    if (isDigit(c) || (c === 0x2e && isDigit(next))) {
      const m = /^(?:\d[\d_]*(?:\.(?!\.)[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?/.exec(sql.slice(i, i + 400));
      const end = i + (m ? m[0].length : 1);
      if (end < n && (isIdentCont(sql.charCodeAt(end)) || sql[end] === '.')) {
        if (!(sql[end] === '.' && sql[end + 1] === '.')) {
          return err(
            `number glued to a name at position ${i + 1} (put a space between them)`,
            `第 ${i + 1} 个字符处的数字与名称连在一起（请用空格分开）`,
            i,
          );
        }
      }
      push('number', i, end);
      i = end;
      continue;
    }
    // identifiers / keywords; E'…' escape strings
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentCont(sql.charCodeAt(j))) j++;
      const word = sql.slice(i, j);
      if ((word === 'E' || word === 'e') && sql[j] === "'") {
        const r = readQuoted(sql, j, "'", true);
        if (r === null) return err(`unterminated string starting at position ${i + 1}`, `第 ${i + 1} 个字符处的字符串没有结束`, i);
        push('string', i, r.end, r.value);
        i = r.end;
        continue;
      }
      push('word', i, j);
      i = j;
      continue;
    }
    if (OP_CHARS.has(sql[i]!)) {
      push(sql[i] === '?' ? 'param' : 'op', i, i + 1);
      i++;
      continue;
    }
    if (PUNCT.has(sql[i]!)) {
      push('punct', i, i + 1);
      i++;
      continue;
    }
    const ch = sql.codePointAt(i)!;
    return err(
      `unexpected character "${String.fromCodePoint(ch)}" at position ${i + 1}`,
      `第 ${i + 1} 个字符 "${String.fromCodePoint(ch)}" 无法识别`,
      i,
    );
  }
  return { ok: true, tokens };
}

/** Reads a quoted token starting at `start` (the opening quote). Doubled quotes escape; `backslash` adds \x escapes. */
function readQuoted(sql: string, start: number, q: string, backslash: boolean): { end: number; value: string } | null {
  let value = '';
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (backslash && ch === '\\') {
      if (i + 1 >= sql.length) return null;
      value += sql[i + 1];
      i += 2;
      continue;
    }
    if (ch === q) {
      if (sql[i + 1] === q) {
        value += q;
        i += 2;
        continue;
      }
      return { end: i + 1, value };
    }
    value += ch;
    i++;
  }
  return null;
}
