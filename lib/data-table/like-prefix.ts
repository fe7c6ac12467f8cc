/**
 * `term` as a LIKE pattern matching every text that starts with it: its own `%`, `_` and `\` match
 * literally (LIKE's default escape character is the backslash). Search boxes match prefixes, which a
 * text_pattern_ops index answers as a range.
 */
export function likePrefix(term: string): string {
  return `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
