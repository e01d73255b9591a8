/** The template body with `{{n}}` replaced by the n-th variable (left as is while empty). */
export function fillTemplate(body: string, variables: readonly string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (match, n: string) => variables[Number(n) - 1] || match);
}
