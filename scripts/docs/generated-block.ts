/** Text between `<!-- generated:<name> (…) -->` and `<!-- /generated:<name> -->`, which `npm run docs` owns. */
export function replaceBlock(document: string, name: string, content: string, file: string): string {
  const start = `<!-- generated:${name} (written by npm run docs from its source; do not edit) -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from < 0 || to < from)
    throw new Error(`${file} has no generated block "${name}"; add the lines\n${start}\n${end}`);
  return `${document.slice(0, from + start.length)}\n${content}\n${document.slice(to)}`;
}
